# Reference draws of k-means++ for tests/test_kmeanspp.py: the R code below is the
# definition statkmeans.kmeanspp reproduces (first row by sample.int(n, 1), each next
# by sample.int(n, 1, prob = d2), d2 the squared distance to the nearest chosen row).
#
# Run from the repository root (R >= 4.2 with jsonlite):
#   Rscript tests/r_reference/make_kmeanspp_fixtures.R
# It writes tests/r_reference/kmeanspp_fixtures.json (1-based row numbers, and the
# next two uniforms of the stream after each call).

suppressPackageStartupMessages(library(jsonlite))
stopifnot(RNGkind()[1] == "Mersenne-Twister", RNGkind()[3] == "Rejection")
source("tests/r_reference/common.R")  # num()

kmeanspp_rows <- function(x, k) {
  x <- as.matrix(x)
  n <- nrow(x)
  i <- sample.int(n, 1)
  d2 <- numeric(n)
  for (j in seq_len(ncol(x))) d2 <- d2 + (x[, j] - x[i, j])^2
  for (m in seq_len(k - 1)) {
    i[m + 1] <- sample.int(n, 1, prob = d2)
    e <- numeric(n)
    for (j in seq_len(ncol(x))) e <- e + (x[, j] - x[i[m + 1], j])^2
    d2 <- pmin(d2, e)
  }
  i
}

all_data <- list(
  USArrests = as.matrix(USArrests),
  iris = as.matrix(iris[, 1:4]),            # duplicated rows
  faithful = as.matrix(faithful),           # n = 272 > 200
  ruspini = as.matrix(cluster::ruspini)
)
cases <- list()
for (name in names(all_data)) {
  for (seed in c(1L, 42L, 2024L)) {
    for (k in c(1L, 3L, 7L)) {
      set.seed(seed)
      rows <- kmeanspp_rows(all_data[[name]], k)
      cases[[length(cases) + 1]] <- list(data = name, seed = seed, k = k, rows = rows,
                                         runif_after = num(runif(2)))
    }
  }
}
# five starts in a row, as kmeans(..., nstart = 5, init = "kmeans++") draws them
set.seed(7)
starts <- lapply(1:5, function(r) kmeanspp_rows(all_data$faithful, 4L))
writeLines(toJSON(list(generator = "tests/r_reference/make_kmeanspp_fixtures.R",
                       cases = cases,
                       nstart = list(data = "faithful", seed = 7L, k = 4L, starts = starts,
                                     runif_after = num(runif(2)))),
                  auto_unbox = TRUE, digits = NA),
           "tests/r_reference/kmeanspp_fixtures.json")
