# Reference draws of R's rnorm, runif, sample and sample.int, under the
# "Rejection" and "Rounding" samplers, for the statkmeans tests.
#
# Run from the repository root (R >= 4.2 with jsonlite, cluster, factoextra):
#   Rscript tests/r_reference/make_draws_fixtures.R
# It writes tests/r_reference/draws_fixtures.json. Values and arguments are
# typed: {"type": "int" | "dbl" | "chr" | "lgl", "values": [...]}, doubles as
# "%.17g" strings (exact; "NaN", "Inf", "NA" as text). After every call the
# stream is recorded as .Random.seed's kind code and position plus the sum of
# its 624 Mersenne-Twister words (exact in double); each sequence also keeps
# the whole .Random.seed at its end. Long outputs are recorded as the MD5 of
# their little-endian float64 (or int64) bytes.

suppressPackageStartupMessages({
  library(jsonlite)
  library(cluster)
  library(factoextra)
})
stopifnot(RNGkind()[1] == "Mersenne-Twister", RNGkind()[2] == "Inversion",
          RNGkind()[3] == "Rejection")

source("tests/r_reference/common.R")  # num(), rows(), run()

# Long argument vectors are written as the R expression that made them
# (quote(...) in a call below) with the MD5 of their bytes; the tests rebuild
# them and check the MD5 first.
enc <- function(v) {
  type <- if (is.character(v)) "chr" else if (is.logical(v)) "lgl" else
    if (is.integer(v)) "int" else "dbl"
  gen <- attr(v, "gen")
  if (!is.null(gen)) return(list(type = type, gen = gen, length = length(v), md5 = md5_of(v)))
  values <- if (type == "dbl") num(v) else v
  list(type = type, values = as.list(values))
}

realise <- function(args) lapply(args, function(a) {
  if (is.language(a)) structure(eval(a), gen = paste(deparse(a), collapse = " ")) else a
})

stream_state <- function() {
  s <- .Random.seed
  list(kind = s[1], pos = s[2], checksum = num(sum(as.double(s[3:626]))))
}

md5_of <- function(v, what = c("dbl", "int")) {
  what <- match.arg(what)
  f <- tempfile()
  con <- file(f, "wb")
  if (what == "dbl") writeBin(as.double(v), con, size = 8, endian = "little")
  else writeBin(as.integer(v), con, size = 4, endian = "little")  # read back as int32
  close(con)
  unname(tools::md5sum(f))
}

label_of <- function(f, args) {
  shown <- lapply(args, function(a) if (length(a) > 12) call("<long>", length(a)) else a)
  paste(deparse(as.call(c(as.name(f), shown)), width.cutoff = 500L), collapse = " ")
}

# One call: its label, typed arguments, value, warnings, error, stream after.
do_call <- function(f, args) {
  args <- realise(args)
  r <- run(do.call(f, args))
  out <- list(f = f, label = label_of(f, args), args = lapply(args, enc),
              warnings = r$warnings, error = r$error)
  if (is.null(r$error)) out$value <- enc(r$value)
  c(out, list(stream = stream_state()))
}

run_sequence <- function(name, seed, kind, calls) {
  suppressWarnings(set.seed(seed, sample.kind = kind))
  res <- lapply(calls, function(cl) do_call(cl[[1]], cl[[2]]))
  list(name = name, seed = seed, sample_kind = kind, calls = res,
       random_seed = .Random.seed)
}

C <- function(f, ...) list(f, list(...))

# ---- 1. the brief sequences, and a long mixed sequence on many seeds -------------------
brief1 <- list(
  C("rnorm", n = 7), C("rnorm", n = 5, mean = c(10, -3), sd = c(0.5, 2, 4)),
  C("runif", n = 3), C("sample.int", n = 1000, size = 4), C("rnorm", n = 3, mean = 100, sd = 15)
)
brief2 <- list(
  C("sample", x = 12L), C("sample", x = c(3.5, 7, 11, 19), size = 3),
  C("sample", x = 6L, size = 20L, replace = TRUE),
  C("sample", x = 5L, size = 15L, replace = TRUE, prob = c(.1, .4, .2, .2, .1)),
  C("sample", x = 8L, size = 5L, prob = c(8, 1, 3, 6, 2, 2, 5, 1)),
  C("sample", x = 300L, size = 12L, replace = TRUE, prob = (1:300)^1.5),
  C("runif", n = 2)
)
mixed <- list(
  C("rnorm", n = 10), C("runif", n = 4), C("sample", x = 10L),
  C("sample.int", n = 50L, size = 5L), C("rnorm", n = 6, mean = c(0, 5, -5), sd = c(1, 0.1)),
  C("sample", x = c("a", "b", "c", "d", "e"), size = 8L, replace = TRUE),
  C("runif", n = 3, min = -2, max = 7), C("sample.int", n = 70000L, size = 6L),
  C("sample", x = 40000L, size = 5L, replace = TRUE),
  C("sample", x = 20L, size = 6L, prob = c(1:10, 10:1)),
  C("sample", x = 20L, size = 30L, replace = TRUE, prob = rep(c(1, 2, 0, 3), 5)),
  C("rnorm", n = 4, mean = 1e6, sd = 1e-3), C("sample.int", n = 1L),
  C("sample", x = c(2.5, -1, 7.25), size = 2L),
  C("sample", x = 250L, size = 25L, replace = TRUE, prob = rep(c(1, 1.5, 3, 0.2, 2), 50)),
  C("sample.int", n = 2^31 - 1, size = 3L), C("runif", n = 2, min = 5, max = 5),
  C("sample.int", n = 3e9, size = 4L, replace = TRUE), C("rnorm", n = 3, sd = 0),
  C("sample", x = 9L, size = 0L), C("sample", x = 1e8, size = 4L),
  C("sample", x = 6L, size = 6L, prob = c(0.1, 0.1, 0.3, 0.3, 0.1, 0.1)),
  C("sample.int", n = 5L, size = 12L, replace = TRUE, prob = c(3, 0, 1, 1, 5)),
  C("sample", x = 2^31, size = 3L, replace = TRUE), C("rnorm", n = 2, mean = c(-1, 1)),
  C("sample", x = 100000L, size = 4L), C("sample", x = 3L, size = 1L),
  C("sample", x = 1000L, size = 20L, replace = TRUE, prob = quote(exp(-(1:1000) / 300))),
  C("rnorm", n = 5), C("runif", n = 1)
)
sequences <- list(run_sequence("brief 1", 97L, "Rejection", brief1),
                  run_sequence("brief 2", 2718L, "Rejection", brief2),
                  run_sequence("brief 2", 2718L, "Rounding", brief2))
for (seed in c(1L, 42L, 123L, 2024L, -7L, 2147483647L)) {
  for (kind in c("Rejection", "Rounding")) {
    sequences[[length(sequences) + 1]] <- run_sequence("mixed", seed, kind, mixed)
  }
}

# ---- 2. every form of sample, and rnorm's recycling and special arguments ----------------
ties <- list(rep(1, 7), c(1, 2, 2, 1, 3, 3, 1, 2, 1, 1), c(1, 2, 1, 2, 1, 2, 1, 2, 1, 2),
             c(8, 1, 3, 6, 2, 2, 5, 1), c(0, 5, 0, 5, 1, 0), c(1e-300, 1, 1e300))
forms <- list(
  C("sample", x = 1L), C("sample", x = 2L), C("sample", x = 17L), C("sample", x = 5, size = 2),
  C("sample", x = 32768L, size = 3L), C("sample", x = 32769L, size = 3L),
  C("sample", x = 65536L, size = 3L), C("sample", x = 65537L, size = 3L),
  C("sample", x = 1:5), C("sample", x = 10:1, size = 4L),
  C("sample", x = c(TRUE, FALSE, NA), size = 5L, replace = TRUE),
  C("sample", x = c("x", "y"), size = 1L),
  C("sample.int", n = 0L), C("sample.int", n = 0L, size = 0L, replace = TRUE),
  C("sample.int", n = 7L, size = 1L), C("sample.int", n = 7L, size = 7L, replace = TRUE),
  C("sample.int", n = 1L, size = 5L, replace = TRUE),
  C("sample.int", n = 100L, size = 0L, prob = rep(1, 100)),
  C("sample.int", n = 1L, size = 1L, prob = 2), C("sample.int", n = 1L, size = 3L, replace = TRUE, prob = 0.5),
  C("sample.int", n = 3L, size = 6L, replace = TRUE, prob = c(0, 0, 1)),
  C("sample.int", n = 3L, size = 1L, prob = c(0, 0, 1)),
  C("sample.int", n = 201L, size = 10L, replace = TRUE, prob = rep(1, 201)),      # 201 > 0.1: Walker
  C("sample.int", n = 200L, size = 10L, replace = TRUE, prob = rep(1, 200)),      # 200: inversion
  C("sample.int", n = 300L, size = 10L, replace = TRUE, prob = rep(c(0, 1, 2), 100)),   # 200: inversion
  C("sample.int", n = 300L, size = 10L, replace = TRUE, prob = rep(c(0, 1, 2, 3), 75)), # Walker, zeros
  C("sample.int", n = 1500L, size = 40L, replace = TRUE, prob = quote((1:1500) %% 7 + 0.5)),
  C("sample.int", n = 400L, size = 15L, replace = TRUE, prob = quote(c(rep(1, 250), rep(1e-06, 150)))),
  C("sample.int", n = 40000L, size = 8L, replace = TRUE, prob = quote(sqrt(1:40000))),
  C("sample.int", n = 40000L, size = 8L, prob = quote(sqrt(1:40000))),
  C("sample.int", n = 500L, size = 500L, prob = quote((1:500) %% 3 + 1)),
  C("sample.int", n = 6L, size = 6L, prob = c(1e-300, 1, 1e300, 2, 0.5, 3)),
  C("sample", x = c(10.5, 20.5, 30.5), size = 5L, replace = TRUE, prob = c(1, 0, 3)),
  C("runif", n = 0), C("rnorm", n = 0)
)
for (p in ties) {
  forms[[length(forms) + 1]] <- C("sample.int", n = length(p), size = sum(p > 0), prob = p)
  forms[[length(forms) + 1]] <- C("sample.int", n = length(p), size = 12L, replace = TRUE, prob = p)
}
normals <- list(
  C("rnorm", n = 7, mean = c(1, 2, 3)), C("rnorm", n = 7, sd = c(0.5, 2)),
  C("rnorm", n = 9, mean = c(-10, 0, 10), sd = c(1, 2, 3, 4)), C("rnorm", n = 2, mean = 1:5, sd = 2),
  C("rnorm", n = 4, mean = c(NA, 1)), C("rnorm", n = 4, mean = c(NaN, 1)),
  C("rnorm", n = 4, sd = c(-1, 1)), C("rnorm", n = 3, sd = c(1, Inf, NaN)),
  C("rnorm", n = 3, mean = c(Inf, -Inf, 5), sd = 1), C("rnorm", n = 3, mean = Inf, sd = Inf),
  C("rnorm", n = 3, mean = 2, sd = c(0, 1, 0)), C("rnorm", n = 3, mean = 1e308, sd = 1e308),
  C("rnorm", n = 3, mean = -0.5, sd = 1e-300), C("runif", n = 2)
)
for (kind in c("Rejection", "Rounding")) {
  sequences[[length(sequences) + 1]] <- run_sequence("forms", 31L, kind, forms)
  sequences[[length(sequences) + 1]] <- run_sequence("normals", 5L, kind, normals)
}

# ---- 3. errors: R's message, and the stream untouched ---------------------------------
error_calls <- list(
  C("sample.int", n = -1L), C("sample.int", n = 5L, size = -1L), C("sample.int", n = 3L, size = 5L),
  C("sample.int", n = 0L, size = 1L), C("sample", x = 3L, size = 5L),
  C("sample", x = 5L, size = 3L, prob = c(1, 2)), C("sample", x = 3L, size = 2L, prob = c(1, NA, 1)),
  C("sample", x = 3L, size = 2L, prob = c(1, NaN, 1)), C("sample", x = 3L, size = 2L, prob = c(1, Inf, 1)),
  C("sample", x = 3L, size = 2L, prob = c(1, -1, 1)), C("sample", x = 3L, size = 2L, prob = c(-1, NA, 1)),
  C("sample", x = 3L, size = 2L, prob = c(0, 0, 0)), C("sample", x = 3L, size = 2L, prob = c(0, 0, 1)),
  C("sample", x = 3L, size = 5L, prob = c(1, 1, 1)),
  C("sample", x = 3L, size = 5L, replace = TRUE, prob = c(0, 0, 0)),
  C("sample.int", n = 0L, size = 1L, prob = numeric(0)), C("sample.int", n = 0L, size = 0L, prob = numeric(0)),
  C("sample.int", n = 5L, size = 2L, replace = NA),
  C("rnorm", n = -1), C("runif", n = -1)
)
set.seed(77, sample.kind = "Rejection")
invisible(runif(3))
errors <- lapply(error_calls, function(cl) {
  before <- stream_state()
  out <- do_call(cl[[1]], cl[[2]])
  stopifnot(!is.null(out$error), identical(before, out$stream))
  out
})
error_seed <- list(seed = 77L, skip = 3L, random_seed = .Random.seed)

# ---- 4. long outputs: MD5 of the bytes -------------------------------------------------
long <- list()
add_long <- function(seed, kind, f, args, what = "dbl") {
  suppressWarnings(set.seed(seed, sample.kind = kind))
  args <- realise(args)
  v <- do.call(f, args)
  long[[length(long) + 1]] <<- list(
    seed = seed, sample_kind = kind, f = f, label = label_of(f, args), args = lapply(args, enc),
    length = length(v), md5 = md5_of(v, what), head = enc(head(v, 5)), tail = enc(tail(v, 5)),
    stream = stream_state())
}
for (seed in c(1L, 42L, 97L, 2718L, 123456L)) add_long(seed, "Rejection", "rnorm", list(n = 1e5))
add_long(3L, "Rejection", "rnorm", list(n = 1e6))
add_long(3L, "Rejection", "rnorm", list(n = 10007, mean = c(1, -2, 3), sd = c(0.1, 10)))
for (kind in c("Rejection", "Rounding")) {
  add_long(8L, kind, "sample", list(x = 1e6), "int")
  add_long(8L, kind, "sample", list(x = 2e5, size = 1e5, replace = TRUE), "int")
  add_long(8L, kind, "sample", list(x = 5000L, size = 20000L, replace = TRUE, prob = quote((1:5000) %% 11 + 1)), "int")
  add_long(8L, kind, "sample", list(x = 150L, size = 20000L, replace = TRUE, prob = quote((1:150)^2)), "int")
  add_long(8L, kind, "sample", list(x = 3000L, size = 1500L, prob = quote((1:3000) %% 5 + 0.25)), "int")
  add_long(8L, kind, "sample", list(x = 2e7, size = 1e5), "int")
}

# qnorm (the inversion behind rnorm), including the far tails rnorm can reach
set.seed(99)
k_edge <- rep(c(0, 2^27 - 1), each = 385)
u_edge <- c(2^-32 * c(1, 2, 3, 1e3, 2^16, 2^31), runif(379), 1 - 2^-32 * c(1, 2, 3, 1e3, 2^16, 2^31), runif(379))
p_qnorm <- c(10^-(1:300), 1 - 10^-(1:16), runif(4000), runif(1000) * 1e-11,
             0.075 + (-500:500) * 1e-12, 0.925 + (-500:500) * 1e-12, (k_edge + u_edge) / 2^27,
             0, 1, 0.5)
qnorm_case <- list(p_md5 = md5_of(p_qnorm), md5 = md5_of(qnorm(p_qnorm)), n = length(p_qnorm),
                   p_head = num(p_qnorm[1:20]), q_head = num(qnorm(p_qnorm[1:20])),
                   seed = 99L)

# ---- 5. the Rounding sampler through kmeans, clusGap and fviz_nbclust --------------------
km_json <- function(km) list(
  cluster = unname(km$cluster), centers = rows(km$centers), withinss = num(km$withinss),
  tot_withinss = num(km$tot.withinss), size = km$size, iter = km$iter,
  printed = capture.output(print(km)))
datasets <- list(USArrests = as.matrix(USArrests), iris = as.matrix(iris[, 1:4]),
                 faithful = as.matrix(faithful), ruspini = as.matrix(ruspini))
rounding_kmeans <- list()
for (nm in names(datasets)) {
  for (seed in c(1L, 123L)) {
    for (kn in list(c(3L, 25L), c(4L, 25L), c(5L, 1L))) {
      suppressWarnings(set.seed(seed, sample.kind = "Rounding"))
      km <- kmeans(datasets[[nm]], kn[1], nstart = kn[2])
      rounding_kmeans[[length(rounding_kmeans) + 1]] <- list(
        data = nm, seed = seed, k = kn[1], nstart = kn[2], result = km_json(km),
        runif_after = num(runif(2)))
    }
  }
}
# R's kind persists: RNGkind(sample.kind = "Rounding") then a plain set.seed
suppressWarnings(RNGkind(sample.kind = "Rounding"))
set.seed(123)
km <- kmeans(scale(USArrests), 4, nstart = 25)
persist <- list(seed = 123L, result = km_json(km), runif_after = num(runif(2)))

set.seed(1)
gap <- clusGap(as.matrix(ruspini), kmeans, K.max = 5, B = 10, spaceH0 = "original", nstart = 3,
               verbose = FALSE)
rounding_gap <- list(data = "ruspini", seed = 1L, K_max = 5L, B = 10L, spaceH0 = "original",
                     nstart = 3L, logW = num(gap$Tab[, "logW"]), E_logW = num(gap$Tab[, "E.logW"]),
                     gap = num(gap$Tab[, "gap"]), SE_sim = num(gap$Tab[, "SE.sim"]),
                     runif_after = num(runif(2)))
p <- fviz_nbclust(scale(USArrests), kmeans, method = "wss", nstart = 5)  # calls set.seed(123)
rounding_nbclust <- list(data = "USArrests", scaled = TRUE, method = "wss", nstart = 5L,
                         y = num(p$data$y), runif_after = num(runif(2)))
RNGkind(sample.kind = "Rejection")

# the textbook lab (ISLR, 1st edition, lab 10.5.1), printed before R 3.6.0
lab <- function() {
  set.seed(2)
  x <- matrix(rnorm(50 * 2), ncol = 2)
  x[1:25, 1] <- x[1:25, 1] + 3
  x[1:25, 2] <- x[1:25, 2] - 4
  km2 <- kmeans(x, 2, nstart = 20)
  set.seed(4)
  km3 <- kmeans(x, 3, nstart = 20)
  set.seed(3)
  one <- kmeans(x, 3, nstart = 1)$tot.withinss
  twenty <- kmeans(x, 3, nstart = 20)$tot.withinss
  list(x = rows(x), cluster2 = unname(km2$cluster), km3 = km_json(km3),
       tot_withinss_nstart1 = num(one), tot_withinss_nstart20 = num(twenty))
}
suppressWarnings(RNGkind(sample.kind = "Rounding"))
islr_rounding <- lab()
RNGkind(sample.kind = "Rejection")
islr_rejection <- lab()
stopifnot(sprintf("%.4f", as.double(islr_rounding$tot_withinss_nstart1)) == "104.3319")

# ---- 6. the warning R gives when the Rounding sampler is chosen --------------------------
rounding_warning <- run(set.seed(1, sample.kind = "Rounding"))$warnings
RNGkind(sample.kind = "Rejection")

fixtures <- list(
  r_version = R.version.string, sequences = sequences, errors = errors, error_seed = error_seed,
  long = long, qnorm = qnorm_case, rounding_kmeans = rounding_kmeans, rounding_persist = persist,
  rounding_gap = rounding_gap, rounding_nbclust = rounding_nbclust,
  islr = list(rounding = islr_rounding, rejection = islr_rejection),
  rounding_warning = rounding_warning
)
write_json(fixtures, "tests/r_reference/draws_fixtures.json", auto_unbox = TRUE, null = "null",
           na = "string", digits = NA, pretty = FALSE)
n_calls <- sum(vapply(sequences, function(s) length(s$calls), 0L))
cat("sequences:", length(sequences), " calls:", n_calls, " errors:", length(errors),
    " long:", length(long), " rounding kmeans:", length(rounding_kmeans), "\n")
