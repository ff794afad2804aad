# R's printed output for the walkthrough vignettes/r_help_pages.py.
#
# Run from the repository root (R >= 4.2 with jsonlite and cluster):
#   Rscript tests/r_reference/make_vignette_fixtures.R
# The R code is read from the vignette itself: every line starting "# R>" is
# one line of R (the port sits beneath it), so the test compares the Python
# with exactly the R shown. The lines are run as one script with R's
# auto-printing (source(print.eval = TRUE)); what R writes to standard output
# goes to tests/r_reference/vignette_fixtures.json, one string per line.

suppressPackageStartupMessages({
  library(jsonlite)
  library(cluster)
})

vignette <- readLines("vignettes/r_help_pages.py")
r_code <- sub("^# R> ?", "", grep("^# R>", vignette, value = TRUE))
pdf(NULL)  # the plots are drawn and discarded
printed <- capture.output(
  suppressWarnings(source(textConnection(r_code), echo = FALSE, print.eval = TRUE))
)
invisible(dev.off())
stopifnot(RNGkind()[3] == "Rejection")  # the script switches back at its end
write_json(list(r_version = R.version.string, vignette = "vignettes/r_help_pages.py",
                r_code = r_code, output = printed),
           "tests/r_reference/vignette_fixtures.json", auto_unbox = TRUE, pretty = TRUE)
cat("R lines:", length(r_code), " printed lines:", length(printed), "\n")
