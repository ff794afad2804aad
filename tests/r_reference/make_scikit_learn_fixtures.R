# R's output for the R part of the vignette vignettes/from_scikit_learn.py.
#
# Run from the repository root (R >= 4.2 with jsonlite and cluster):
#   Rscript tests/r_reference/make_scikit_learn_fixtures.R
# The data, tests/r_reference/blobs.csv, is the file the vignette writes (its
# numpy data at 17 significant digits; the test checks that the vignette
# still writes exactly this file). Runs the R script shown in the vignette and
# writes what it prints to tests/r_reference/scikit_learn_fixtures.json.

suppressPackageStartupMessages({
  library(jsonlite)
  library(cluster)
})

x <- as.matrix(read.csv("tests/r_reference/blobs.csv"))
set.seed(42)
km <- kmeans(x, 3, nstart = 25)
printed_km <- capture.output(print(km))
sil <- silhouette(km$cluster, dist(x))
printed_sil <- capture.output(summary(sil))
write_json(list(r_version = R.version.string, print_km = printed_km, summary_sil = printed_sil),
           "tests/r_reference/scikit_learn_fixtures.json", auto_unbox = TRUE, pretty = TRUE)
cat("printed lines:", length(printed_km), "+", length(printed_sil), "\n")
