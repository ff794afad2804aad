# Reference results of R's kmeans for the statkmeans tests.
#
# Run from the repository root (R >= 4.2 with jsonlite):
#   Rscript tests/r_reference/make_kmeans_fixtures.R
# It writes tests/r_reference/kmeans_fixtures.json. Doubles are written as
# "%.17g" strings (exact round trip; "NaN", "Inf" as text), integers as numbers.
# Bundled datasets are referred to by name (the package ships R's copies);
# generated data are written out in full.

suppressPackageStartupMessages({
  library(jsonlite)
  library(cluster)
})
stopifnot(RNGkind()[1] == "Mersenne-Twister", RNGkind()[3] == "Rejection")

source("tests/r_reference/common.R")  # num(), rows(), run()

km_json <- function(km, printed = TRUE) {
  out <- list(
    cluster = unname(km$cluster),
    centers = rows(km$centers),
    totss = num(km$totss),
    withinss = num(km$withinss),
    tot_withinss = num(km$tot.withinss),
    betweenss = num(km$betweenss),
    size = km$size,
    iter = km$iter,
    ifault = if (is.null(km$ifault)) NA else km$ifault
  )
  if (printed) out$printed <- capture.output(print(km))
  out
}

# ---- data -------------------------------------------------------------------
data_sets <- list()
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
gen$ints <- matrix(sample(0:4, 150 * 3, replace = TRUE), 150, 3)        # many ties and duplicates
gen$rounded <- round(rbind(matrix(rnorm(60 * 2, sd = 2), 60, 2),
                           matrix(rnorm(40 * 2, mean = 5), 40, 2)), 1)
gen$onecol <- matrix(c(rnorm(30), rnorm(30, mean = 6)), ncol = 1)
gen$wide <- matrix(rnorm(40 * 12), 40, 12)
gen$dups <- rbind(matrix(c(1, 1, 2, 2, 3, 3), 3, 2, byrow = TRUE)[rep(1:3, c(6, 5, 4)), ],
                  matrix(c(10, 0, 0, 10), 2, 2, byrow = TRUE))
all_data <- c(named, gen)

data_json <- lapply(names(gen), function(nm) rows(gen[[nm]]))
names(data_json) <- names(gen)

# ---- 1. from given centres -----------------------------------------------------
given <- list()
ks <- list(USArrests = c(2, 3, 5), iris = c(3, 6), faithful = c(2, 4), ruspini = c(4, 7),
           gauss = c(3, 8), ints = c(4, 9), rounded = c(2, 5), onecol = c(2, 3),
           wide = c(3, 6), dups = c(2, 3))
idx <- 0
for (nm in names(ks)) {
  x <- all_data[[nm]]
  u <- unique(x)
  for (k in ks[[nm]]) {
    idx <- idx + 1
    set.seed(100 + idx)
    cen <- u[sample.int(nrow(u), k), , drop = FALSE]
    for (alg in c("Hartigan-Wong", "Lloyd", "MacQueen")) {
      for (im in c(10L, 1L, 3L)) {
        r <- run(kmeans(x, cen, iter.max = im, algorithm = alg))
        case <- list(data = nm, centers = rows(cen), algorithm = alg, iter_max = im,
                     warnings = r$warnings, error = r$error)
        if (!is.null(r$value)) case$result <- km_json(r$value, printed = im == 10L)
        given[[length(given) + 1]] <- case
      }
    }
  }
}
# centres that are not data rows: far away (empty clusters) and in between
x <- all_data$gauss
far <- rbind(colMeans(x), colMeans(x) + 100, colMeans(x) - 0.5)
mid <- rbind(apply(x, 2, min), apply(x, 2, max), colMeans(x))
for (cen_name in c("far", "mid")) {
  cen <- if (cen_name == "far") far else mid
  for (alg in c("Hartigan-Wong", "Lloyd", "MacQueen")) {
    r <- run(kmeans(x, cen, algorithm = alg))
    case <- list(data = "gauss", centers = rows(cen), algorithm = alg, iter_max = 10L,
                 warnings = r$warnings, error = r$error, note = cen_name)
    if (!is.null(r$value)) case$result <- km_json(r$value)
    given[[length(given) + 1]] <- case
  }
}
# k = n: Hartigan-Wong refuses, Lloyd and MacQueen give singletons
x <- all_data$onecol[1:6, , drop = FALSE]
for (alg in c("Hartigan-Wong", "Lloyd", "MacQueen")) {
  r <- run(kmeans(x, x, algorithm = alg))
  case <- list(data = "onecol6", centers = rows(x), algorithm = alg, iter_max = 10L,
               warnings = r$warnings, error = r$error)
  if (!is.null(r$value)) case$result <- km_json(r$value)
  given[[length(given) + 1]] <- case
}
data_json$onecol6 <- rows(x)

# ---- 2. Hartigan-Wong quick-transfer limit (ifault 4) --------------------------
set.seed(4)
qx <- matrix(1 * (1 + sample(0:6, 100, TRUE) * .Machine$double.eps), 50, 2)
data_json$qtran <- rows(qx)
set.seed(4)
r <- run(kmeans(qx, 6))
stopifnot(r$value$ifault == 4L)
seeded_special <- list(list(data = "qtran", seed = 4L, k = 6L, nstart = 1L,
                            algorithm = "Hartigan-Wong", iter_max = 10L,
                            warnings = r$warnings, error = r$error,
                            result = km_json(r$value)))

# ---- 3. seeded random starts ----------------------------------------------------
seeded <- list()
combos <- list(c(1, 1), c(3, 1), c(4, 5), c(2, 25), c(5, 2))
for (nm in c("USArrests", "iris", "faithful", "ruspini", "ints", "onecol", "dups", "rounded")) {
  x <- all_data[[nm]]
  for (seed in c(1L, 42L, 123L)) {
    for (cb in combos) {
      for (alg in c("Hartigan-Wong", "Lloyd", "MacQueen")) {
        set.seed(seed)
        r <- run(kmeans(x, cb[1], nstart = cb[2], algorithm = alg))
        after <- runif(2)
        case <- list(data = nm, seed = seed, k = cb[1], nstart = cb[2], algorithm = alg,
                     iter_max = 10L, warnings = r$warnings, error = r$error,
                     runif_after = num(after))
        if (!is.null(r$value)) case$result <- km_json(r$value, printed = seed == 1L)
        seeded[[length(seeded) + 1]] <- case
      }
    }
  }
}
seeded <- c(seeded, seeded_special)

# ---- 4. two calls in a row after one set.seed -------------------------------------
set.seed(7)
x <- all_data$USArrests
a <- kmeans(x, 3)
b <- kmeans(x, 4, nstart = 3)
cc <- kmeans(all_data$iris, 2, algorithm = "Lloyd", nstart = 2)
sequence <- list(seed = 7L, calls = list(
  list(data = "USArrests", k = 3L, nstart = 1L, algorithm = "Hartigan-Wong", result = km_json(a, FALSE)),
  list(data = "USArrests", k = 4L, nstart = 3L, algorithm = "Hartigan-Wong", result = km_json(b, FALSE)),
  list(data = "iris", k = 2L, nstart = 2L, algorithm = "Lloyd", result = km_json(cc, FALSE))
), runif_after = num(runif(3)))

# ---- 5. errors -------------------------------------------------------------------
errors <- list(
  distinct = run(kmeans(all_data$dups, 6, nstart = 2))$error,
  not_distinct = run(kmeans(all_data$gauss, all_data$gauss[c(1, 1, 2), ]))$error,
  too_many = run(kmeans(all_data$dups, 40))$error,
  columns = run(kmeans(all_data$gauss, all_data$gauss[1:3, 1:2]))$error,
  iter_max = run(kmeans(all_data$gauss, 3, iter.max = 0))$error,
  na = run(kmeans(rbind(all_data$gauss, NA), 3))$error,
  hw_k_equals_n = run(kmeans(all_data$onecol[1:6, , drop = FALSE], 6))$error
)

# ---- 6. trace output (Hartigan-Wong) ---------------------------------------------
x <- all_data$iris
set.seed(11)
cen <- x[sample.int(nrow(x), 3), ]
trace1 <- capture.output(invisible(kmeans(x, cen, trace = TRUE)))
trace2 <- capture.output(invisible(kmeans(all_data$gauss, all_data$gauss[c(1, 90, 160, 2, 91), ], trace = 2)))
traces <- list(
  list(data = "iris", centers = rows(cen), trace = 1L, lines = trace1),
  list(data = "gauss", centers = rows(all_data$gauss[c(1, 90, 160, 2, 91), ]), trace = 2L, lines = trace2)
)

# ---- 7. fitted ---------------------------------------------------------------------
set.seed(3)
km <- kmeans(all_data$USArrests, 3)
fit <- fitted(km)
fitted_case <- list(seed = 3L, data = "USArrests", k = 3L,
                    rownames = rownames(fit), values = rows(unname(fit)),
                    classes = unname(fitted(km, "classes")))

out <- list(
  r_version = R.version.string,
  data = data_json,
  given = given,
  seeded = seeded,
  sequence = sequence,
  errors = errors,
  traces = traces,
  fitted = fitted_case
)
writeLines(toJSON(out, auto_unbox = TRUE, null = "null", na = "null", digits = NA),
           "tests/r_reference/kmeans_fixtures.json")
cat("given:", length(given), " seeded:", length(seeded), "\n")
