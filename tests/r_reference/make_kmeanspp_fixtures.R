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

# Greedy k-means++ (L candidates per centre, the one leaving the smallest
# sum(pmin(d2, e)) kept, the first of equal ones: which.min).
kmeanspp_greedy_rows <- function(x, k, L) {
  x <- as.matrix(x)
  n <- nrow(x)
  sqd <- function(r) {
    e <- numeric(n)
    for (j in seq_len(ncol(x))) e <- e + (x[, j] - x[r, j])^2
    e
  }
  i <- sample.int(n, 1)
  d2 <- sqd(i)
  for (m in seq_len(k - 1)) {
    cand <- sample.int(n, L, replace = TRUE, prob = d2)
    pot <- sapply(cand, function(c) sum(pmin(d2, sqd(c))))
    i[m + 1] <- cand[which.min(pot)]
    d2 <- pmin(d2, sqd(i[m + 1]))
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
greedy <- list()
for (name in names(all_data)) {
  for (seed in c(1L, 42L)) {
    for (k in c(3L, 7L)) {
      for (L in c(1L, 2L + as.integer(floor(log(k))), 10L)) {
        set.seed(seed)
        rows <- kmeanspp_greedy_rows(all_data[[name]], k, L)
        greedy[[length(greedy) + 1]] <- list(data = name, seed = seed, k = k, L = L,
                                               rows = rows, runif_after = num(runif(2)))
      }
    }
  }
}
# kmeans(x, 4, nstart = 3, init = "greedy-kmeans++"): three greedy starts in a row
set.seed(11)
greedy_starts <- lapply(1:3, function(r) kmeanspp_greedy_rows(all_data$faithful, 4L, 3L))
greedy_runif_after <- num(runif(2))
# five starts in a row, as kmeans(..., nstart = 5, init = "kmeans++") draws them
set.seed(7)
starts <- lapply(1:5, function(r) kmeanspp_rows(all_data$faithful, 4L))
writeLines(toJSON(list(generator = "tests/r_reference/make_kmeanspp_fixtures.R",
                       cases = cases,
                       greedy = greedy,
                       greedy_nstart = list(data = "faithful", seed = 11L, k = 4L, L = 3L,
                                            starts = greedy_starts,
                                            runif_after = greedy_runif_after),
                       nstart = list(data = "faithful", seed = 7L, k = 4L, starts = starts,
                                     runif_after = num(runif(2)))),
                  auto_unbox = TRUE, digits = NA),
           "tests/r_reference/kmeanspp_fixtures.json")
