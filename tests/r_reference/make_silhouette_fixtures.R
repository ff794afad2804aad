# Reference results of R's dist and cluster::silhouette for the statkmeans tests.
#
# Run from the repository root (R >= 4.2 with cluster and jsonlite):
#   Rscript tests/r_reference/make_silhouette_fixtures.R
# It writes tests/r_reference/silhouette_fixtures.json. Doubles are written
# as "%.17g" strings (exact round trip; "NaN"/"NA" as text), integers as
# numbers. Bundled datasets are referred to by name (the package ships R's
# copies); generated data are written out in full. Printed output is
# captured with the "call" attribute removed, since statkmeans stores no call.

suppressPackageStartupMessages({
  library(jsonlite)
  library(cluster)
})
stopifnot(RNGkind()[1] == "Mersenne-Twister", RNGkind()[3] == "Rejection")

source("tests/r_reference/common.R")  # num(), rows(), run()
nocall <- function(obj) {
  attr(obj, "call") <- NULL
  obj
}
printed <- function(obj, ...) capture.output(print(obj, ...))

# ---- data -------------------------------------------------------------------
named <- list(
  USArrests = as.matrix(USArrests),
  iris = as.matrix(iris[, 1:4]),
  faithful = as.matrix(faithful),
  ruspini = as.matrix(ruspini)
)
set.seed(2024)
gen <- list()
gen$gauss <- rbind(
  matrix(rnorm(80 * 5), 80, 5),
  matrix(rnorm(70 * 5, mean = 3), 70, 5),
  matrix(rnorm(50 * 5, mean = c(-2, 4, 0, 1, -3)), 50, 5, byrow = TRUE)
)
gen$ints <- matrix(sample(0:3, 60 * 2, replace = TRUE), 60, 2)   # ties, duplicates, zeros
gen$big <- matrix(rnorm(1000 * 3), 1000, 3)                       # several kernel chunks
gen$signed <- matrix(round(rnorm(30 * 4), 1), 30, 4)              # zeros and signs (canberra)
gen$signed[cbind(1:10, rep(1:2, 5))] <- 0
gen$signed[11, ] <- 0
gen$signed[13, ] <- -gen$signed[14, ]
# dist only: an all-zero pair (Canberra NA) and subnormal values
gen$signed_na <- rbind(gen$signed, 0, c(1e-310, 0, -2e-310, 3),
                       c(1e-310, 1e-310, 2e-310, -1e-300))
# a neighbour tie: clusters 2 and 3 are at the same mean distance from cluster 1
gen$ties <- matrix(c(0, 0, -2, -2.5, 2, 2.5, 0.1), ncol = 1)
# a(i) == b(i) == 0: identical points in two clusters
gen$zeros <- matrix(c(0, 0, 0, 0, 5, 5, 0, 0, 0, 0, 5, 5), ncol = 2)
all_data <- c(named, gen)

data_json <- lapply(names(gen), function(nm) rows(gen[[nm]]))
names(data_json) <- names(gen)

km_cl <- function(x, k, seed, nstart = 1) {
  set.seed(seed)
  unname(kmeans(x, k, nstart = nstart)$cluster)
}

# ---- silhouette cases -----------------------------------------------------------
# Each case: data name, cluster codes, dist method (and p).
cases <- list()
add <- function(id, data, codes, method = "euclidean", p = 2, printed_obj = TRUE) {
  cases[[length(cases) + 1]] <<- list(id = id, data = data, codes = codes, method = method,
                                      p = p, printed_obj = printed_obj)
}
ua <- named$USArrests
add("USArrests_k3", "USArrests", km_cl(ua, 3, 1, 5))
add("USArrests_k4_manhattan", "USArrests", km_cl(ua, 4, 2), "manhattan")
add("USArrests_k2_maximum", "USArrests", km_cl(ua, 2, 3), "maximum")
add("USArrests_k3_canberra", "USArrests", km_cl(ua, 3, 4), "canberra")
add("USArrests_k3_minkowski3", "USArrests", km_cl(ua, 3, 5), "minkowski", 3)
add("USArrests_k5_minkowski1.5", "USArrests", km_cl(ua, 5, 6), "minkowski", 1.5)
add("iris_k3", "iris", km_cl(named$iris, 3, 1), printed_obj = FALSE)
add("iris_k4", "iris", km_cl(named$iris, 4, 1), printed_obj = FALSE)
add("iris_k6_manhattan", "iris", km_cl(named$iris, 6, 7), "manhattan", printed_obj = FALSE)
add("faithful_k2", "faithful", km_cl(named$faithful, 2, 1), printed_obj = FALSE)
add("ruspini_k4", "ruspini", km_cl(named$ruspini, 4, 1, 10))
add("ruspini_k5", "ruspini", km_cl(named$ruspini, 5, 2))
add("ruspini_k4_recoded", "ruspini", c(10, 20, 30, 40)[km_cl(named$ruspini, 4, 1, 10)])
add("ruspini_negative_codes", "ruspini", c(-1, 0, 4, 9)[km_cl(named$ruspini, 4, 3)])
add("gauss_k3", "gauss", km_cl(gen$gauss, 3, 1), printed_obj = FALSE)
set.seed(11)
add("gauss_random_k4_zero_based", "gauss", sample(0:3, 200, replace = TRUE), printed_obj = FALSE)
add("gauss_singletons", "gauss",
    c(rep(1, 90), 2, rep(3, 60), 4, rep(5, 48)), printed_obj = FALSE)
add("ints_k3", "ints", km_cl(gen$ints, 3, 1))
add("ints_k4_manhattan", "ints", km_cl(gen$ints, 4, 2), "manhattan")
add("ints_k2_binary", "ints", km_cl(gen$ints, 2, 3), "binary")
add("signed_k3_canberra", "signed", km_cl(gen$signed, 3, 1), "canberra")
add("big_k5", "big", km_cl(gen$big, 5, 1), printed_obj = FALSE)
set.seed(12)
add("big_random_k7", "big", sample(c(2, 3, 5, 7, 11, 13, 17), 1000, replace = TRUE),
    printed_obj = FALSE)
add("ties_recoded", "ties", c(7, 7, 3, 3, 5, 5, 7))
add("zeros", "zeros", c(1, 1, 2, 2, 3, 3))

sil_json <- function(s) {
  list(
    cluster = unname(s[, "cluster"]),
    neighbor = unname(s[, "neighbor"]),
    sil_width = num(s[, "sil_width"])
  )
}

summary_json <- function(s) {
  sm <- summary(s)
  list(
    si_summary = num(sm$si.summary),
    clus_avg_widths = num(sm$clus.avg.widths),
    cluster_ids = as.numeric(names(sm$clus.avg.widths)),
    clus_sizes = as.integer(sm$clus.sizes),
    avg_width = num(sm$avg.width),
    printed = printed({ sm$call <- NULL; sm })
  )
}

sil_cases <- lapply(cases, function(cs) {
  x <- all_data[[cs$data]]
  d <- dist(x, method = cs$method, p = cs$p)
  s <- silhouette(cs$codes, d)
  sm <- s
  out <- c(
    list(id = cs$id, data = cs$data, codes = cs$codes, method = cs$method, p = cs$p),
    sil_json(s),
    list(codes_attr = if (is.null(attr(s, "codes"))) NA else attr(s, "codes"))
  )
  # the dmatrix form gives the same numbers in R
  sd <- silhouette(cs$codes, dmatrix = as.matrix(d))
  stopifnot(identical(unclass(sd)[, 1:3], unclass(s)[, 1:3]))
  out$summary <- summary_json(s)
  srt <- sortSilhouette(s)
  out$sorted <- c(sil_json(srt), list(iOrd = attr(srt, "iOrd"), row_names = rownames(srt)))
  if (cs$printed_obj) {
    out$printed <- printed(nocall(s))
    out$sorted$printed <- printed(nocall(srt))
  }
  out
})

# An asymmetric dmatrix: R reads its lower triangle only.
set.seed(5)
asym <- matrix(round(runif(64) * 10, 1), 8, 8)
diag(asym) <- 0
asym_codes <- c(1, 1, 1, 2, 2, 3, 3, 3)
asym_case <- c(
  list(matrix = rows(asym), codes = asym_codes),
  sil_json(silhouette(asym_codes, dmatrix = asym)),
  list(transposed = sil_json(silhouette(asym_codes, dmatrix = t(asym))))
)

# k == 1 and k == n give a bare NA in R
na_cases <- list(
  single = is.na(silhouette(rep(1, 5), dist(gen$gauss[1:5, ]))),
  all_singletons = is.na(silhouette(1:5, dist(gen$gauss[1:5, ])))
)

# ---- dist -----------------------------------------------------------------------
dist_sets <- list(
  list(data = "USArrests", methods = c("euclidean", "maximum", "manhattan", "canberra",
                                        "binary", "minkowski"), p = c(3, 0.5, 1, 2)),
  list(data = "iris", methods = c("euclidean", "manhattan", "canberra", "minkowski"), p = 3),
  list(data = "ruspini", methods = c("euclidean", "maximum"), p = 2),
  list(data = "ints", methods = c("euclidean", "manhattan", "canberra", "binary",
                                   "minkowski"), p = c(2, 3)),
  list(data = "signed_na", methods = c("euclidean", "maximum", "manhattan", "canberra",
                                        "binary", "minkowski"), p = c(1.5, 4))
)
dist_cases <- list()
for (ds in dist_sets) {
  x <- all_data[[ds$data]]
  for (m in ds$methods) {
    ps <- if (m == "minkowski") ds$p else 2
    for (p in ps) {
      d <- dist(x, method = m, p = p)
      dist_cases[[length(dist_cases) + 1]] <- list(
        data = ds$data, method = m, p = p, size = attr(d, "Size"),
        values = ifelse(is.na(d), "NA", num(d))
      )
    }
  }
}

# printed dist objects
dp <- list()
addp <- function(id, data, rows_idx, method = "euclidean", p = 2, diag = FALSE,
                 upper = FALSE, digits = 7) {
  x <- all_data[[data]][rows_idx, , drop = FALSE]
  d <- dist(x, method = method, p = p)
  dp[[length(dp) + 1]] <<- list(
    id = id, data = data, rows = rows_idx, method = method, p = p, diag = diag,
    upper = upper, digits = digits,
    printed = printed(d, diag = diag, upper = upper, digits = digits)
  )
}
addp("USArrests_5", "USArrests", 1:5)
addp("USArrests_5_maximum", "USArrests", 1:5, "maximum")
addp("USArrests_5_canberra", "USArrests", 1:5, "canberra")
addp("USArrests_5_minkowski3", "USArrests", 1:5, "minkowski", 3)
addp("USArrests_5_diag_upper", "USArrests", 1:5, diag = TRUE, upper = TRUE)
addp("USArrests_5_diag", "USArrests", 1:5, diag = TRUE)
addp("USArrests_5_upper", "USArrests", 1:5, upper = TRUE)
addp("USArrests_5_digits3", "USArrests", 1:5, digits = 3)
addp("USArrests_14_blocks", "USArrests", 1:14)
addp("USArrests_all", "USArrests", 1:50)
addp("iris_12", "iris", 1:12)
addp("iris_30_blocks", "iris", 1:30)
addp("ints_8_binary", "ints", 1:8, "binary")
addp("signed_canberra_NA", "signed_na", c(9:12, 31:33), "canberra")
addp("ties_tiny", "ties", 1:3)
addp("single", "ties", 1)

out <- list(
  data = data_json,
  silhouette = sil_cases,
  asymmetric = asym_case,
  na_cases = na_cases,
  dist = dist_cases,
  dist_printed = dp
)
write_json(out, "tests/r_reference/silhouette_fixtures.json", auto_unbox = TRUE, digits = NA,
           pretty = FALSE)
cat("wrote tests/r_reference/silhouette_fixtures.json\n")
