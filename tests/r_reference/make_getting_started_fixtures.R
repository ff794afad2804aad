# R's numbers for the vignette vignettes/getting_started.py.
#
# Run from the repository root (R >= 4.2 with jsonlite):
#   Rscript tests/r_reference/make_getting_started_fixtures.R
# Writes tests/r_reference/getting_started_fixtures.json: Lloyd's algorithm on
# the nine numbers from centres 4 and 10, cut after iter.max = 1..4 steps
# (labels, centres, iter, ifault and the warnings of each run), and the
# printed converged run (Lloyd) and the Hartigan-Wong labels.

suppressPackageStartupMessages(library(jsonlite))
source("tests/r_reference/common.R")

x <- c(2, 4, 10, 12, 3, 20, 30, 11, 25)
steps <- lapply(1:4, function(i) {
  r <- run(kmeans(x, c(4, 10), iter.max = i, algorithm = "Lloyd"))
  km <- r$value
  list(iter_max = i, cluster = unname(km$cluster), centers = num(km$centers),
       iter = km$iter, ifault = if (is.null(km$ifault)) NA else km$ifault,
       warnings = I(r$warnings))
})
printed <- capture.output(print(kmeans(x, c(4, 10), algorithm = "Lloyd")))
hw <- kmeans(x, c(4, 10))
write_json(list(r_version = R.version.string, x = x, steps = steps, print_lloyd = printed,
                cluster_hartigan_wong = unname(hw$cluster), centers_hartigan_wong = num(hw$centers)),
           "tests/r_reference/getting_started_fixtures.json", auto_unbox = TRUE, pretty = TRUE,
           digits = NA)
cat("steps:", length(steps), " printed lines:", length(printed), "\n")
