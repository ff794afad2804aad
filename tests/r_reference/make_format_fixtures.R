# Reference output of R's print.default / format() for statkmeans/_format.py.
#
# Run from the repository root (R >= 4.2 with jsonlite):
#   Rscript tests/r_reference/make_format_fixtures.R
# It writes tests/r_reference/format_fixtures.json (default options:
# digits = 7, width = 80, scipen = 0, OutDec = ".").
#
# Encoding. Doubles are written as JSON numbers with 17 significant digits
# ("%.17g", exact round trip; jsonlite's own `digits = NA` keeps only 15; -0
# as -0.0 so that JSON readers keep its sign), and non-finite doubles as the
# strings "NA", "NaN", "Inf", "-Inf". Integer NA is the string "NA"; character
# NA (values or names) is null. Every vector is an array (no unboxing),
# matrices are given column-major with their dim.
#
# Sections of the JSON:
#   vectors   print(x, digits, quote, width) lines, and format(x, digits) for
#             doubles and integers ("header" is the first line of a 1-d table)
#   matrices  print(m, digits, quote, width) lines
#   summaries print(summary(x)) lines with the unrounded summary values
#   zapsmall  zapsmall(x, digits)
#   round     round(x, digits)

suppressPackageStartupMessages(library(jsonlite))
stopifnot(getOption("digits") == 7L, getOption("width") == 80L, getOption("scipen") == 0L)

set.seed(20240501)

# ---------------------------------------------------------------- encoding
jnum <- function(x) {
  x <- as.double(x)
  s <- character(length(x))
  for (i in seq_along(x)) {
    v <- x[i]
    s[i] <- if (is.nan(v)) '"NaN"' else if (is.na(v)) '"NA"' else if (v == Inf) '"Inf"'
            else if (v == -Inf) '"-Inf"' else if (v == 0 && 1 / v < 0) "-0.0"
            else sprintf("%.17g", v)
  }
  structure(paste0("[", paste(s, collapse = ","), "]"), class = "json")
}
jint <- function(x) {
  s <- ifelse(is.na(x), '"NA"', as.character(x))
  structure(paste0("[", paste(s, collapse = ","), "]"), class = "json")
}
jval <- function(x) {
  if (is.double(x)) jnum(x) else if (is.integer(x)) jint(x) else I(unname(x))
}
lines_of <- function(expr) I(capture.output(expr))

vectors <- list()
matrices <- list()

add_vector <- function(x, digits = 7L, quote = TRUE, width = 80L, tag = "") {
  type <- if (is.double(x)) "double" else if (is.integer(x)) "integer"
          else if (is.logical(x)) "logical" else "character"
  out <- capture.output(print(x, digits = digits, quote = quote, width = width))
  case <- list(
    id = sprintf("v%04d-%s-%s-d%d", length(vectors) + 1L, tag, type, digits),
    type = type, x = jval(unname(x)),
    names = if (is.null(names(x))) NULL else I(names(x)),
    digits = digits, quote = quote, width = width
  )
  case$print <- I(out)
  if (type %in% c("double", "integer")) case$format <- I(unname(format(unname(x), digits = digits)))
  vectors[[length(vectors) + 1L]] <<- case
}

add_matrix <- function(m, digits = 7L, quote = TRUE, width = 80L, tag = "") {
  type <- if (is.double(m)) "double" else if (is.integer(m)) "integer"
          else if (is.logical(m)) "logical" else "character"
  case <- list(
    id = sprintf("m%03d-%s-%s-d%d", length(matrices) + 1L, tag, type, digits),
    type = type, x = jval(as.vector(m)), dim = I(dim(m)),
    row_names = if (is.null(rownames(m))) NULL else I(rownames(m)),
    col_names = if (is.null(colnames(m))) NULL else I(colnames(m)),
    digits = digits, quote = quote, width = width,
    print = lines_of(print(m, digits = digits, quote = quote, width = width))
  )
  matrices[[length(matrices) + 1L]] <<- case
}

# ---------------------------------------------------------------- generators
rand_names <- function(n, maxlen = 12L) {
  vapply(seq_len(n), function(i) {
    paste(sample(c(letters, LETTERS, " ", ".", 0:9), sample(1:maxlen, 1), replace = TRUE),
          collapse = "")
  }, "")
}

# one value of magnitude 10^k with a random number of significant digits
rand_value <- function(k = sample(-12:12, 1)) {
  kind <- sample(1:4, 1)
  m <- switch(kind,
    signif(runif(1, 1, 10), sample(1:9, 1)),     # few significant digits
    runif(1, 1, 10),                              # full precision
    round(runif(1, 1, 10), sample(0:3, 1)),       # short decimals
    sample(1:9, 1) + sample(c(0, 0.5, 0.25, 0.05), 1)
  )
  v <- m * 10^k
  if (runif(1) < 0.3) v <- -v
  v
}

rand_vector <- function(n) {
  k0 <- sample(-12:12, 1)
  spread <- sample(c(0, 0, 1, 2, 3, 6, 12), 1)
  v <- vapply(seq_len(n), function(i) rand_value(k0 + sample(0:spread, 1)), 0)
  r <- runif(1)
  if (r < 0.10) v <- round(v)                               # integer-valued doubles
  if (r > 0.90) v[sample.int(n, 1)] <- sample(list(NA_real_, NaN, Inf, -Inf, 0, -0), 1)[[1]]
  v
}

# ---------------------------------------------------------------- vectors: formatting
specials <- list(
  0.1 + 0.2, 9996, 123456789, 1e5, 100000, 1e15, 0.0001234, 10000, 99999, 123456,
  1234567, 12345678, 0.1, 1 / 3, 2 / 3, pi, exp(1), 100 * pi, 1e-5, 1e-4, 0.001,
  c(1e-12, 1e12), c(0.1 + 0.2, 1), -0, c(-0, 1.5), c(NA, 1.5, NaN, Inf, -Inf), NA_real_, NaN,
  Inf, -Inf, c(NA_real_, NaN), c(Inf, -Inf), 0, c(0, 0), 1e-320, 1e300, 1e-300, c(1e300, 1e-300),
  c(99.96, 1), c(9.996, 0.5), c(99996, 1.5), c(-99.96, 1), 0.99996, 0.5, 1234567.5, 1234568.5,
  0.15, 2.675, 0.285, 1.0000005, 9.9999995, 99999.995, 0.95, 9.95, 999.5, 9999.5, 99999.5,
  999999.5, 9999999.5, 99999999.5, 999999999.5, 1e22, 1e23, 2^53, 2^60, -2^31, .Machine$double.eps,
  .Machine$double.xmax, 5e-324, c(1, 10, 100), c(1.5, NA, -3), c(123.456, -0.001),
  c(9136.6428571428551, 19263.760000000002, 19563.862500000003), c(50, 100),
  c(0.00001, 123456), c(1e-8, 1), c(1.123456789, 123456.7), 1e-15, 1e-16, 3e-10,
  c(-1, 1) * 1e-5, c(1e5, 1e-5), c(314159.26, 2.5), c(0.5, 0.25, 0.125, 0.0625),
  c(1e10, 1), c(1e11, 1), 1e-100, 1.5e-100, 1e100, 1.5e100, -1e-100, c(1e100, -1e-100)
)
for (d in c(7L, 4L, 3L)) for (x in specials) add_vector(x, digits = d, tag = "special")
for (d in c(1L, 2L, 5L, 10L, 15L)) for (x in specials[1:30]) add_vector(x, digits = d, tag = "special")

# values whose digits-digit scaled value is (close to) a tie or a carry
for (d in c(7L, 4L, 3L)) {
  for (i in 1:60) {
    k <- sample(-10:10, 1)
    base <- sample(10^(d - 1):(10^d - 1), 1)
    v <- switch(sample(1:4, 1),
      (base + 0.5) * 10^k,
      (10^d - 0.5) * 10^k,
      (10^d - sample(c(0.4, 0.6, 0.51, 0.49), 1)) * 10^k,
      (base * 10 + 5) * 10^(k - 1)
    )
    if (runif(1) < 0.25) v <- -v
    add_vector(if (runif(1) < 0.5) v else c(v, rand_value(k + sample(-2:3, 1))), digits = d, tag = "tie")
  }
}

# just below a power of ten: does the fixed form need one digit more?
for (d in c(7L, 4L, 3L)) {
  for (E in c(d - 1L, d, d + 1L, d + 2L)) {
    for (delta in c(0.4, 0.5, 0.6, 0.49, 0.51, 0.04, 1)) {
      v <- 10^E - delta
      add_vector(v, digits = d, tag = "pow10")
      add_vector(c(v, 1.5), digits = d, tag = "pow10")
      add_vector(c(-v, 12.25), digits = d, tag = "pow10")
    }
  }
}

# near-ties scaled by 10^23 .. 10^27 (R scales by those powers in double precision)
for (i in 1:150) {
  d <- sample(10:15, 1)
  kp <- sample(c(-27:-23, 23:27), 1)
  m <- paste0(sample(1:9, 1), paste(sample(0:9, d - 1, TRUE), collapse = ""), "5")
  add_vector(as.numeric(sprintf("%se%d", m, kp - 1)), digits = d, tag = "scale")
}

# random vectors of varied magnitudes
for (d in c(7L, 4L, 3L)) for (i in 1:330) add_vector(rand_vector(sample(1:8, 1)), digits = d, tag = "rand")

# ---------------------------------------------------------------- vectors: layout
lens <- c(1:12, 15, 19, 20, 23, 25, 26, 27, 30, 37, 38, 40, 49, 50, 51, 64, 75, 80, 99, 100, 101, 110, 120)
for (n in lens) {
  add_vector(rand_vector(n), digits = sample(c(7L, 7L, 4L, 3L), 1), tag = "unnamed")
  x <- rand_vector(n)
  names(x) <- rand_names(n, sample(c(3L, 8L, 16L), 1))
  add_vector(x, digits = sample(c(7L, 7L, 4L, 3L), 1), tag = "named")
}
for (n in c(1, 3, 10, 37, 50, 120)) {
  x <- round(runif(n) * 10^sample(0:6, 1), sample(0:4, 1))
  add_vector(x, tag = "short")
  names(x) <- rand_names(n)
  add_vector(x, tag = "short")
}
# long names (wider than a line too)
for (len in c(30L, 45L, 79L, 80L, 85L)) {
  x <- rand_vector(5)
  names(x) <- c(strrep("n", len), rand_names(4))
  add_vector(x, tag = "longname")
}
x <- c(a = 1, b = 2)
names(x)[2] <- NA
add_vector(x, tag = "naname")
add_vector(c(a = 1.5, b = NA, c = NaN, d = Inf), tag = "nonfinite")
add_vector(setNames(c(0.5398248, 0.5220297, 0.5373111), c("14", "20", "16")), tag = "silhouette")
# other widths
for (w in c(10L, 30L, 40L, 60L, 100L, 150L)) {
  add_vector(rand_vector(40), width = w, tag = "width")
  x <- rand_vector(15)
  names(x) <- rand_names(15)
  add_vector(x, width = w, tag = "width")
  add_vector(sample(c(1:200, NA), 30, TRUE), width = w, tag = "width")
  add_vector(rand_names(20), width = w, tag = "width")
}
# integers
for (n in c(1, 2, 9, 10, 11, 30, 37, 38, 50, 99, 100, 101, 120)) {
  x <- sample(c(-5000:5000, NA), n, replace = TRUE) %/% sample(c(1L, 10L, 100L, 1000L), 1)
  add_vector(x, tag = "int")
  names(x) <- rand_names(n)
  add_vector(x, tag = "int")
}
add_vector(sample(1:3, 150, TRUE), tag = "int")
add_vector(c(.Machine$integer.max, -.Machine$integer.max, NA), tag = "int")
add_vector(NA_integer_, tag = "int")
# characters
for (n in c(1, 2, 5, 9, 10, 11, 25, 40, 100)) {
  x <- rand_names(n, sample(c(3L, 10L, 25L), 1))
  if (n > 3) x[sample.int(n, 1)] <- NA
  for (q in c(TRUE, FALSE)) add_vector(x, quote = q, tag = "chr")
  names(x) <- rand_names(n)
  for (q in c(TRUE, FALSE)) add_vector(x, quote = q, tag = "chr")
}
add_vector(c("cluster", "centers", "totss", "withinss", "tot.withinss", "betweenss", "size",
             "iter", "ifault"), tag = "kmnames")
add_vector(c("a\"b", "c\\d", "e\nf", "tab\t", ""), tag = "escape")
add_vector(c("a\"b", "c\\d", "e\nf", "tab\t", ""), quote = FALSE, tag = "escape")
add_vector(strrep("x", 90), tag = "chr")
# logicals
add_vector(c(TRUE, FALSE, NA), tag = "lgl")
add_vector(sample(c(TRUE, FALSE), 40, TRUE), tag = "lgl")
add_vector(c(a = TRUE, bb = FALSE), tag = "lgl")
# empty vectors
add_vector(numeric(0), tag = "empty")
add_vector(integer(0), tag = "empty")
add_vector(character(0), tag = "empty")
add_vector(logical(0), tag = "empty")
add_vector(setNames(numeric(0), character(0)), tag = "empty")
add_vector(setNames(integer(0), character(0)), tag = "empty")
add_vector(setNames(character(0), character(0)), tag = "empty")
# 1-d tables: the header line (dimnames name) followed by a named-vector print
for (n in c(3, 12, 30)) {
  cl <- sample(seq_len(n), 200, replace = TRUE)
  tab <- table(cl)
  x <- as.vector(tab)
  names(x) <- names(tab)
  case_lines <- capture.output(print(tab))
  add_vector(x, tag = "table")
  vectors[[length(vectors)]]$header <- case_lines[1]
  stopifnot(identical(case_lines[-1], as.character(vectors[[length(vectors)]]$print)))
}
x <- c(1, 1, 2)
tab <- table(x)
case_lines <- capture.output(print(table(c(1, 1, 2))))
xx <- as.vector(tab)
names(xx) <- names(tab)
add_vector(xx, tag = "table")
vectors[[length(vectors)]]$header <- case_lines[1]
stopifnot(identical(case_lines[-1], as.character(vectors[[length(vectors)]]$print)))

# ---------------------------------------------------------------- matrices
rand_matrix <- function(nr, nc) {
  m <- matrix(0, nr, nc)
  for (j in seq_len(nc)) m[, j] <- rand_vector(nr)
  m
}
for (i in 1:45) {
  nr <- sample(c(1:6, 10, 12), 1)
  nc <- sample(c(1:5, 8, 12, 15), 1)
  m <- rand_matrix(nr, nc)
  dn <- sample(1:4, 1)
  if (dn %in% c(2, 4)) rownames(m) <- rand_names(nr, sample(c(3L, 14L), 1))
  if (dn %in% c(3, 4)) colnames(m) <- rand_names(nc, sample(c(2L, 6L, 12L), 1))
  add_matrix(m, digits = sample(c(7L, 7L, 4L, 3L), 1), tag = "rand")
}
# wide ones that wrap into column blocks
for (i in 1:8) {
  m <- matrix(rnorm(3 * 14) * 10^sample(0:6, 1), 3, 14)
  if (i %% 2 == 0) rownames(m) <- rand_names(3, 10L)
  if (i %% 4 < 2) colnames(m) <- rand_names(14, 9L)
  add_matrix(m, tag = "wide")
}
# line widths just around 80 (the width must stay below 80)
for (last in c(12345678901, -12345678901, -123456789012)) {
  add_matrix(matrix(c(rep(12345678, 7), last), 1), tag = "edge80")
}
for (w in c(30L, 60L, 120L)) add_matrix(rand_matrix(3, 9), width = w, tag = "width")
# the printouts quoted in docs/r-behaviour.md (7.9, 10.7)
km_centers <- matrix(c(8.214286, 4.27, 11.8125, 173.2857, 87.55, 272.5625,
                       70.64286, 59.75, 68.3125, 22.84286, 14.39, 28.375), 3,
                     dimnames = list(c("1", "2", "3"), c("Murder", "Assault", "UrbanPop", "Rape")))
add_matrix(km_centers, tag = "kmeans")
add_matrix(matrix(c(25, 7), 2, dimnames = list(c("1", "2"), NULL)), tag = "kmeans1d")
tab <- matrix(c(7.1227489178404433, 6.4953861846664562, 6.1552500215245152, 6.0407043305598878,
                5.8405247472162838, 7.1492534727940411, 6.5529239936809125, 6.2025789368458550,
                6.0352513427135071, 5.9331631503551385, 0, 0, 0, 0, 0,
                0.072127366864513986, 0.068965987635895606, 0.037114373498208945,
                0.040662250983251130, 0.053285355839681525), 5,
              dimnames = list(NULL, c("logW", "E.logW", "gap", "SE.sim")))
tab[, "gap"] <- tab[, "E.logW"] - tab[, "logW"]
add_matrix(tab, tag = "clusgap")
# NA / non-finite entries
m <- rand_matrix(4, 3)
m[2, 1] <- NA
m[3, 2] <- NaN
m[1, 3] <- -Inf
add_matrix(m, tag = "nonfinite")
# integer, character and logical matrices
for (i in 1:6) {
  nr <- sample(1:6, 1)
  nc <- sample(c(1:4, 20), 1)
  m <- matrix(sample(c(-999:999, NA), nr * nc, TRUE), nr, nc)
  if (i %% 2 == 0) dimnames(m) <- list(rand_names(nr), rand_names(nc))
  add_matrix(m, tag = "int")
}
for (i in 1:6) {
  nr <- sample(1:5, 1)
  nc <- sample(c(1:4, 12), 1)
  m <- matrix(rand_names(nr * nc, 7L), nr, nc)
  m[sample.int(nr * nc, 1)] <- NA
  if (i %% 2 == 0) dimnames(m) <- list(rand_names(nr), rand_names(nc, 3L))
  for (q in c(TRUE, FALSE)) add_matrix(m, quote = q, tag = "chr")
}
add_matrix(matrix(c(TRUE, FALSE, NA, TRUE), 2), tag = "lgl")
# empty matrices
add_matrix(matrix(numeric(0), 0, 0), tag = "empty")
add_matrix(matrix(numeric(0), 0, 2), tag = "empty")
add_matrix(matrix(numeric(0), 2, 0), tag = "empty")
add_matrix(matrix(numeric(0), 0, 2, dimnames = list(NULL, c("a", "b"))), tag = "empty")
add_matrix(matrix(numeric(0), 2, 0, dimnames = list(c("r1", "r2"), NULL)), tag = "empty")

# ---------------------------------------------------------------- summaries
summaries <- list()
for (i in 1:40) {
  x <- switch(sample(1:4, 1),
    runif(sample(5:50, 1), -1, 1),
    rnorm(sample(5:50, 1)) * 10^sample(-6:6, 1),
    c(runif(sample(5:50, 1), 0, 1), 1e-12),
    rnorm(sample(5:50, 1), mean = 10^sample(0:8, 1))
  )
  s <- summary(x)
  summaries[[i]] <- list(id = sprintf("s%02d", i), values = jnum(unclass(s)), names = I(names(s)),
                         print = lines_of(print(s)))
}

# ---------------------------------------------------------------- zapsmall and round
zaps <- list()
for (i in 1:120) {
  d <- sample(c(7L, 7L, 4L, 3L, 10L), 1)
  x <- switch(sample(1:4, 1),
    rnorm(sample(1:8, 1)) * 10^sample(-8:8, 1),
    c(runif(sample(1:6, 1), -1, 1), 10^sample(-20:-8, 1)),
    c(rand_vector(sample(1:6, 1))),
    c(0, 0, runif(2))
  )
  if (i %% 10 == 0) x <- c(x, NA)
  if (i == 120) x <- c(NA_real_, NA_real_)
  if (i == 119) x <- c(0, 0)
  zaps[[i]] <- list(x = jnum(x), digits = d, expected = jnum(zapsmall(x, d)))
}
rx <- c(); rd <- c()
for (i in 1:400) {
  d <- switch(sample(1:4, 1), sample(0:10, 1), sample(-3:-1, 1), runif(1, 0, 9), sample(11:16, 1))
  x <- switch(sample(1:3, 1),
    rand_value(sample(-6:6, 1)),
    (sample(0:99999, 1) + 0.5) / 10^sample(0:6, 1),
    rnorm(1) * 10^sample(-3:8, 1)
  )
  rx <- c(rx, x); rd <- c(rd, d)
}
rx <- c(rx, pi, pi, pi, pi, pi, pi, 1234.5678, 0.15, 2.675, -2.675, 0.285, 1e300, 123456789.123456789,
        0.5 + -2:4, 25, 35, 15, 2.5, -0.5, 0, -0, NA, NaN, Inf, -Inf)
rd <- c(rd, 2.4, 2.5, 2.6, 3.5, -0.4, -0.6, -1.5, 1, 2, 2, 2, 2, 10, rep(0, 7), -1, -1, -1, 0, 0,
        3, 3, 2, 2, 2, 2)
rounds <- list(x = jnum(rx), digits = jnum(rd), expected = jnum(round(rx, rd)))

fixture <- list(
  r_version = R.version.string,
  vectors = vectors, matrices = matrices, summaries = summaries,
  zapsmall = zaps, round = rounds
)
out <- file.path("tests", "r_reference", "format_fixtures.json")
writeLines(toJSON(fixture, auto_unbox = TRUE, json_verbatim = TRUE, na = "null", null = "null",
                  pretty = FALSE), out, useBytes = TRUE)
cat(sprintf("%d vectors, %d matrices, %d summaries, %d zapsmall, %d round -> %s (%d bytes)\n",
            length(vectors), length(matrices), length(summaries), length(zaps), length(rx), out,
            file.size(out)))
