# Writes the bundled datasets of statkmeans from R's own copies.
# Run from the repository root: Rscript tests/r_reference/make_datasets.R
library(cluster)
out <- "statkmeans/datasets"
w <- function(df, name, row_names) {
  write.csv(df, file.path(out, paste0(name, ".csv")), row.names = row_names)
}
w(USArrests, "USArrests", TRUE)       # real row names (states)
w(iris, "iris", FALSE)                # automatic row names
w(faithful, "faithful", TRUE)     # R keeps row names "1".."272" (not automatic)
w(ruspini, "ruspini", TRUE)        # row names "1".."75" (not automatic)
