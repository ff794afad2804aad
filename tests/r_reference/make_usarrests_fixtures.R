# R's printed output for the vignette vignettes/usarrests_kmeans.py.
#
# Run from the repository root (R >= 4.2 with jsonlite and cluster):
#   Rscript tests/r_reference/make_usarrests_fixtures.R
# Runs the R lines the vignette shows for its printed results (head of the
# scaled data, the 4-cluster fit with 25 starts, the silhouette summary, the
# gap table and maxSE) and writes what R prints, one string per line, to
# tests/r_reference/usarrests_fixtures.json.

suppressPackageStartupMessages({
  library(jsonlite)
  library(cluster)
})

df <- scale(USArrests)
head_df <- capture.output(head(df, 3))
set.seed(123)
km <- kmeans(df, centers = 4, nstart = 25)
print_km <- capture.output(print(km))
sil <- silhouette(km$cluster, dist(df))
summary_sil <- capture.output(summary(sil))
aggregated <- aggregate(USArrests, by = list(cluster = km$cluster), mean)
set.seed(123)
gap <- clusGap(df, kmeans, K.max = 10, B = 50, nstart = 25, verbose = FALSE)
print_gap <- capture.output(print(gap, method = "firstmax"))
write_json(list(r_version = R.version.string, head_df = head_df, print_km = print_km,
                summary_sil = summary_sil,
                aggregate_means = lapply(aggregated[-1], function(v) sprintf("%.17g", v)),
                print_gap = print_gap,
                maxSE = maxSE(gap$Tab[, "gap"], gap$Tab[, "SE.sim"])),
           "tests/r_reference/usarrests_fixtures.json", auto_unbox = TRUE, pretty = TRUE)
cat("printed lines:", length(print_km), "\n")
