# R's output for the R code of the HTML report's "Reproduce" section.
#
# Run from the repository root (R >= 4.2 with jsonlite, cluster and fpc):
#   Rscript tests/r_reference/make_report_fixtures.R
# tests/r_reference/report_usarrests.R holds the R code that
# report(load_dataset("USArrests"), name="USArrests", k_max=4, nstart=2, nboot=5)
# prints; it is run here as one script with R's auto-printing, and what R writes
# to standard output (the table of criteria, each criterion's k, print(km)) goes
# to tests/r_reference/report_fixtures.json, one string per line, with the
# criteria at full precision ("%.17g" strings, "NA" where R has NA) and the
# fit's cluster vector.

suppressPackageStartupMessages({
  library(jsonlite)
  library(cluster)
  library(fpc)
})
source("tests/r_reference/common.R")

code <- readLines("tests/r_reference/report_usarrests.R")
env <- new.env()
printed <- capture.output(
  source(textConnection(code), local = env, echo = FALSE, print.eval = TRUE)
)
crit <- env$crit
write_json(list(r_version = R.version.string,
                packages = list(cluster = as.character(packageVersion("cluster")),
                                fpc = as.character(packageVersion("fpc"))),
                output = printed,
                criteria = lapply(as.list(crit[, -1]), function(v) ifelse(is.na(v), "NA", num(v))),
                cluster = unname(env$km$cluster)),
           "tests/r_reference/report_fixtures.json", auto_unbox = TRUE, pretty = TRUE)
cat("printed lines:", length(printed), "\n")
