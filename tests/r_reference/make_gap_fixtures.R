# Reference results of cluster::clusGap and maxSE for tests/test_gap.py.
#
# Run from the repository root (R >= 4.2 with packages cluster and jsonlite):
#   Rscript tests/r_reference/make_gap_fixtures.R
# It writes tests/r_reference/gap_fixtures.json. Doubles are written as
# "%.17g" strings (exact round trip; "NaN"/"NA" as text), integers as numbers.
# Bundled datasets are referred to by name (statkmeans ships R's copies);
# generated data are written out in full.

suppressPackageStartupMessages({
  library(jsonlite)
  library(cluster)
})
stopifnot(RNGkind()[1] == "Mersenne-Twister", RNGkind()[3] == "Rejection")

num <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", as.double(v)))
rows <- function(m) lapply(seq_len(nrow(m)), function(i) num(m[i, ]))

# Evaluate expr, collecting warnings (in order), an error message and the
# printed output (stdout, e.g. clusGap's verbose dots).
run <- function(expr) {
  warns <- character()
  err <- NULL
  val <- NULL
  out <- capture.output(
    val <- withCallingHandlers(
      tryCatch(expr, error = function(e) {
        err <<- conditionMessage(e)
        NULL
      }),
      warning = function(w) {
        warns <<- c(warns, conditionMessage(w))
        invokeRestart("muffleWarning")
      }
    )
  )
  list(value = val, warnings = warns, error = err, output = out)
}

tab_json <- function(T) list(logW = num(T[, "logW"]), E_logW = num(T[, "E.logW"]),
                             gap = num(T[, "gap"]), SE_sim = num(T[, "SE.sim"]))

# ---- data ---------------------------------------------------------------------
named <- list(
  USArrests = as.matrix(USArrests),
  iris = as.matrix(iris[, 1:4]),
  faithful = as.matrix(faithful),
  ruspini = as.matrix(ruspini)
)
set.seed(2024)
gen <- list()
# three groups in 3-d plus a constant column: runif(n, c, c) draws nothing
g3 <- rbind(matrix(rnorm(15 * 3), 15, 3), matrix(rnorm(12 * 3, mean = 4), 12, 3),
            matrix(rnorm(13 * 3, mean = c(-3, 5, 0)), 13, 3, byrow = TRUE))
gen$const <- cbind(round(g3, 3), 7)
gen$const_first <- cbind(2.5, round(g3[, 1:2], 3))
gen$ints <- matrix(sample(0:5, 60 * 2, replace = TRUE), 60, 2)     # duplicated rows
gen$onecol <- matrix(round(c(rnorm(20), rnorm(15, mean = 5)), 4), ncol = 1)
gen$wide <- matrix(round(rnorm(12 * 6), 3), 12, 6)                  # n small, p = 6
gen$wider <- matrix(round(rnorm(7 * 9), 3), 7, 9)                   # n < p: V is p x n
all_data <- c(named, gen)
data_json <- lapply(names(gen), function(nm) rows(gen[[nm]]))
names(data_json) <- names(gen)

# ---- 1. seeded clusGap -------------------------------------------------------------
# Each case: data, seed, K.max, B, d.power, spaceH0, and arguments passed on to
# kmeans through `...` (kmeans_args).
case <- function(data, seed, K.max, B, d.power = 1, spaceH0 = "scaledPCA", kmeans_args = list(),
                 printed = FALSE, verbose = FALSE)
  list(data = data, seed = seed, K_max = K.max, B = B, d_power = d.power, spaceH0 = spaceH0,
       kmeans_args = kmeans_args, printed = printed, verbose = verbose)

cases <- list(
  case("USArrests", 1L, 5L, 10L, printed = TRUE, verbose = TRUE),   # docs/r-behaviour.md 10.7
  case("USArrests", 1L, 5L, 10L, spaceH0 = "original", printed = TRUE),
  case("USArrests", 7L, 6L, 12L, d.power = 2, printed = TRUE),
  case("USArrests", 7L, 6L, 12L, d.power = 2, spaceH0 = "original"),
  case("iris", 42L, 6L, 10L, kmeans_args = list(nstart = 3L), printed = TRUE),
  case("iris", 42L, 6L, 10L, spaceH0 = "original", kmeans_args = list(nstart = 3L)),
  case("iris", 3L, 5L, 8L, d.power = 2, kmeans_args = list(nstart = 2L)),
  case("faithful", 123L, 5L, 10L, printed = TRUE),
  case("faithful", 123L, 4L, 10L, d.power = 2, spaceH0 = "original"),
  case("ruspini", 5L, 6L, 15L, kmeans_args = list(nstart = 5L), printed = TRUE),
  case("ruspini", 5L, 6L, 15L, d.power = 2, spaceH0 = "original", kmeans_args = list(nstart = 5L)),
  case("const", 11L, 5L, 12L, spaceH0 = "original", printed = TRUE),
  case("const", 11L, 5L, 12L, d.power = 2, spaceH0 = "original"),
  case("const", 11L, 5L, 12L),
  case("const_first", 12L, 4L, 10L, spaceH0 = "original", kmeans_args = list(nstart = 2L)),
  case("ints", 13L, 4L, 10L),                                      # duplicated rows
  case("ints", 13L, 4L, 10L, spaceH0 = "original", kmeans_args = list(nstart = 4L)),
  case("onecol", 14L, 4L, 10L),
  case("onecol", 14L, 4L, 10L, spaceH0 = "original"),
  case("wide", 15L, 3L, 10L),
  case("wider", 16L, 3L, 10L),
  case("wider", 16L, 3L, 10L, spaceH0 = "original"),
  case("USArrests", 21L, 4L, 10L, kmeans_args = list(algorithm = "Lloyd", iter.max = 30L)),
  case("iris", 22L, 4L, 10L, kmeans_args = list(algorithm = "MacQueen", iter.max = 20L)),
  case("USArrests", 31L, 3L, 1L, printed = TRUE),                   # B = 1: SE.sim is NA
  case("USArrests", 1L, 3L, 120L, verbose = TRUE),                 # dots: 50, 100, 120
  # The issue's statement: K.max = 8, B = 50, nstart = 20, both spaceH0, both d.power
  case("USArrests", 2024L, 8L, 50L, kmeans_args = list(nstart = 20L), printed = TRUE),
  case("USArrests", 2024L, 8L, 50L, spaceH0 = "original", kmeans_args = list(nstart = 20L)),
  case("USArrests", 2024L, 8L, 50L, d.power = 2, kmeans_args = list(nstart = 20L)),
  case("iris", 2024L, 8L, 50L, d.power = 2, spaceH0 = "original", kmeans_args = list(nstart = 20L))
)

gap_cases <- lapply(cases, function(cs) {
  x <- all_data[[cs$data]]
  # quoted x and kmeans keep the recorded call short: clusGap(x = x, FUNcluster = kmeans, ...)
  args <- c(list(x = quote(x), FUNcluster = quote(kmeans), K.max = cs$K_max, B = cs$B,
                 d.power = cs$d_power, spaceH0 = cs$spaceH0, verbose = cs$verbose),
            setNames(cs$kmeans_args, sub("_", ".", names(cs$kmeans_args))))
  set.seed(cs$seed)
  r <- run(do.call("clusGap", args))
  cs$runif_after <- num(runif(2))
  cs$warnings <- r$warnings
  cs$error <- r$error
  if (!is.null(r$value)) {
    g <- r$value
    cs$Tab <- tab_json(g$Tab)
    cs$n <- g$n
    cs$B_out <- g$B
    cs$spaceH0_out <- g$spaceH0
    if (cs$verbose) cs$verbose_output <- r$output
    if (cs$printed) {
      cs$print <- run(print(g))$output            # stops after the header when B = 1
      cs$print_tab <- capture.output(print(g$Tab))
      if (!anyNA(g$Tab[, "SE.sim"]))
        cs$n_clusters <- lapply(c(firstSEmax = "firstSEmax", Tibs2001SEmax = "Tibs2001SEmax",
                                  globalSEmax = "globalSEmax", firstmax = "firstmax",
                                  globalmax = "globalmax"),
                                function(m) maxSE(g$Tab[, "gap"], g$Tab[, "SE.sim"], m))
    }
  }
  cs
})

# printing with other methods and SE.factor values
set.seed(1)
g <- clusGap(all_data$USArrests, kmeans, K.max = 8, B = 3, verbose = FALSE)
print_methods <- list(Tab = tab_json(g$Tab), seed = 1L, data = "USArrests", K_max = 8L, B = 3L,
  outputs = list(
    list(method = "Tibs2001SEmax", SE_factor = 1.2345678,
         lines = capture.output(print(g, method = "Tibs2001SEmax", SE.factor = 1.2345678))),
    list(method = "globalmax", SE_factor = 2,
         lines = capture.output(print(g, method = "globalmax", SE.factor = 2))),
    list(method = "globalSEmax", SE_factor = 0.5,
         lines = capture.output(print(g, method = "globalSEmax", SE.factor = 0.5))),
    list(method = "firstmax", SE_factor = 1,
         lines = capture.output(print(g, method = "firstmax")))
  ))

# two calls after one set.seed: the second continues the stream
set.seed(77)
g1 <- clusGap(all_data$USArrests, kmeans, K.max = 3, B = 5, verbose = FALSE)
g2 <- clusGap(all_data$iris, kmeans, K.max = 4, B = 5, spaceH0 = "original", verbose = FALSE,
              nstart = 2)
sequence <- list(seed = 77L, first = tab_json(g1$Tab), second = tab_json(g2$Tab),
                 runif_after = num(runif(2)))

# ---- 2. maxSE on crafted curves ------------------------------------------------------
curves <- list(
  list(f = c(0.1, 0.3, 0.5, 0.45, 0.6), s = c(0.02, 0.05, 0.05, 0.03, 0.1)),
  list(f = c(0.5, 0.4, 0.3, 0.2), s = c(0.01, 0.01, 0.01, 0.01)),          # decreasing
  list(f = c(0.1, 0.2, 0.3, 0.4), s = c(0.01, 0.01, 0.01, 0.01)),          # increasing
  list(f = c(0.2, 0.2, 0.2), s = c(0, 0, 0)),                              # flat, SE 0
  list(f = 0.7, s = 0.1),                                                  # K = 1
  list(f = c(0.1, 0.5), s = c(0.3, 0.3)),
  list(f = c(0.1, 0.5, 0.4, 0.9, 0.8, 0.9), s = c(0.05, 0.05, 0.05, 0.05, 0.05, 0.05)),
  list(f = c(-1, -0.5, -0.6, 2, 1.5), s = c(0.2, 0.6, 0.1, 1, 3)),
  list(f = c(0.26504555e-1, 0.57537809e-1, 0.47328915e-1, -0.5452988e-2, 0.92638403e-1),
       s = c(0.07212737, 0.06896599, 0.03711437, 0.04066225, 0.05328536)),
  list(f = c(1, 3, 2, 3, 1), s = c(0.5, 0.5, 0.5, 0.5, 0.5))              # ties in the max
)
set.seed(99)
for (i in 1:8) {
  K <- sample(2:10, 1)
  curves[[length(curves) + 1]] <- list(f = round(cumsum(rnorm(K, 0.05, 0.2)), 3),
                                       s = round(runif(K, 0, 0.2), 3))
}
methods <- c("firstSEmax", "Tibs2001SEmax", "globalSEmax", "firstmax", "globalmax")
factors <- c(0, 0.5, 1, 2, 3.7)
max_se <- list()
for (cv in curves) {
  res <- list()
  for (m in methods) res[[m]] <- vapply(factors, function(sf) maxSE(cv$f, cv$s, m, sf), 0L)
  max_se[[length(max_se) + 1]] <- list(f = num(cv$f), SE_f = num(cv$s), SE_factor = num(factors),
                                       k = res)
}

# ---- 3. errors --------------------------------------------------------------------------
x <- all_data$USArrests
errors <- list(
  K_max_1 = run(clusGap(x, kmeans, K.max = 1, B = 5))$error,
  B_0 = run(clusGap(x, kmeans, K.max = 3, B = 0))$error,
  B_frac = run(clusGap(x, kmeans, K.max = 3, B = 2.5))$error,
  K_max_n = run(clusGap(x[1:5, ], kmeans, K.max = 5, B = 3))$error,
  spaceH0 = run(clusGap(x, kmeans, K.max = 3, B = 3, spaceH0 = "pca"))$error,
  no_codes = run(clusGap(x, function(x, k) list(foo = 1), K.max = 3, B = 3))$error,
  na = run(clusGap(rbind(x, NA), kmeans, K.max = 3, B = 3))$error,
  maxSE_method = run(maxSE(1:3, c(1, 1, 1), method = "best"))$error,
  maxSE_na = run(maxSE(1:3, c(1, NA, 1)))$error,
  maxSE_neg = run(maxSE(1:3, c(1, -1, 1)))$error,
  maxSE_len = run(maxSE(1:3, c(1, 1)))$error,
  maxSE_factor = run(maxSE(1:3, c(1, 1, 1), SE.factor = -1))$error
)

out <- list(
  r_version = R.version.string,
  cluster_version = as.character(packageVersion("cluster")),
  data = data_json,
  cases = gap_cases,
  print_methods = print_methods,
  sequence = sequence,
  max_se = max_se,
  errors = errors
)
writeLines(toJSON(out, auto_unbox = TRUE, null = "null", na = "null", digits = NA, pretty = FALSE),
           "tests/r_reference/gap_fixtures.json")
cat("cases:", length(gap_cases), " curves:", length(max_se), "\n")
