# Reference results of factoextra's fviz_cluster for tests/test_plots.py (TestPlotCluster).
#
# Run from the repository root (R >= 4.2 with packages factoextra 1.0.7 and
# jsonlite; Debian: apt-get install r-cran-factoextra):
#   Rscript tests/r_reference/make_cluster_plot_fixtures.R
# It writes tests/r_reference/cluster_plot_fixtures.json. Doubles are written
# as "%.17g" strings (exact round trip), integers as numbers. Bundled datasets
# are referred to by name (statkmeans ships R's copies); the small hand-made
# data set is written out.
#
# Every number recorded here is read back from the ggplot object fviz_cluster
# returns: p$data (name, x, y, cluster), p$labels, and ggplot2::layer_data()
# of each layer, found by its geom (the observations' GeomPoint, the hulls' or
# ellipses' GeomPolygon, the centres' GeomPoint, the labels' GeomText). The
# eigenvalue percentages are factoextra's get_eigenvalue() of the same
# uncentred prcomp that fviz_cluster uses.

suppressPackageStartupMessages({
  library(jsonlite)
  library(factoextra)
})
stopifnot(RNGkind()[1] == "Mersenne-Twister", RNGkind()[3] == "Rejection")

num <- function(v) sprintf("%.17g", as.double(v))

# Evaluate expr, collecting warnings and messages (in order) and an error message.
run <- function(expr) {
  notes <- character()
  err <- NULL
  val <- withCallingHandlers(
    tryCatch(expr, error = function(e) {
      err <<- conditionMessage(e)
      NULL
    }),
    warning = function(w) {
      notes <<- c(notes, conditionMessage(w))
      invokeRestart("muffleWarning")
    },
    message = function(m) {
      notes <<- c(notes, trimws(conditionMessage(m)))
      invokeRestart("muffleMessage")
    }
  )
  list(value = val, notes = notes, error = err)
}

# A small data set with a singleton, a two-point cluster and three collinear
# points (hulls of fewer than three corners), p = 3, clustered from given centres.
small <- matrix(c(0, 0, 0,
                  1, 1, 0,
                  2, 2, 0,
                  10, 10, 1,
                  11, 10, 0,
                  10, 11, 1,
                  11, 11, 1,
                  20, 0, 2,
                  21, 0, 2,
                  40, 40, 3), ncol = 3, byrow = TRUE)
small_centers <- small[c(1, 4, 8, 10), ]

all_data <- list(
  USArrests = USArrests,
  faithful = faithful,
  iris = iris[, 1:4],
  small = small
)
faithful_xy <- faithful
names(faithful_xy) <- c("x", "y")
all_data$faithful_xy <- faithful_xy

# Each case: the kmeans call (on scale(data) when kmeans_scaled), then
# fviz_cluster(km, data, ...) with args.
case <- function(name, data, k, seed = 1L, nstart = 25L, kmeans_scaled = TRUE, args = list())
  list(name = name, data = data, k = k, seed = seed, nstart = nstart,
       kmeans_scaled = kmeans_scaled, args = args)

cases <- list(
  case("USArrests", "USArrests", 3L),                                   # docs/r-behaviour.md 11.4
  case("USArrests_axes34", "USArrests", 3L, args = list(axes = c(3L, 4L))),
  case("USArrests_norm", "USArrests", 3L, args = list(ellipse.type = "norm")),
  case("USArrests_k4", "USArrests", 4L, seed = 123L),
  case("faithful", "faithful", 2L, nstart = 10L),                        # p = 2
  case("faithful_xy", "faithful_xy", 2L, nstart = 10L),                  # "x value", "y value"
  case("iris_raw", "iris", 3L, nstart = 10L, kmeans_scaled = FALSE,      # uncentred PCA
       args = list(stand = FALSE)),
  case("iris_raw_norm", "iris", 3L, nstart = 10L, kmeans_scaled = FALSE,
       args = list(stand = FALSE, ellipse.type = "norm", ellipse.level = 0.9)),
  case("small", "small", 4L, seed = NULL, nstart = NULL, kmeans_scaled = FALSE,
       args = list(stand = FALSE))
)

layer <- function(p, geom, which = 1L) {
  geoms <- vapply(p$layers, function(l) class(l$geom)[1], "")
  i <- which(geoms == geom)[which]
  if (is.na(i)) return(NULL)
  ggplot2::layer_data(p, i)
}

fixture_cases <- lapply(cases, function(cs) {
  x <- all_data[[cs$data]]
  if (is.null(cs$seed)) {
    km <- kmeans(x, small_centers)
  } else {
    set.seed(cs$seed)
    km <- kmeans(if (cs$kmeans_scaled) scale(x) else x, cs$k, nstart = cs$nstart)
  }
  r <- run(do.call(fviz_cluster, c(list(object = km, data = x), cs$args)))
  p <- r$value
  built <- run(ggplot2::ggplot_build(p))
  stand <- if (is.null(cs$args$stand)) TRUE else cs$args$stand
  xs <- if (stand) scale(x) else as.matrix(x)
  eig <- if (ncol(xs) > 2)
    num(get_eigenvalue(prcomp(xs, center = FALSE, scale. = FALSE))[, "variance.percent"])
  pts <- layer(p, "GeomPoint", 1L)
  poly <- layer(p, "GeomPolygon")
  cent <- layer(p, "GeomPoint", 2L)
  txt <- layer(p, "GeomText")
  c(cs, list(
    cluster = unname(km$cluster),
    notes = built$notes,
    eig_percent = eig,
    data_name = as.character(p$data$name),
    data_x = num(p$data$x),
    data_y = num(p$data$y),
    data_cluster = as.character(p$data$cluster),
    labels = list(x = p$labels$x, y = p$labels$y, title = p$labels$title,
                  colour = p$labels$colour),
    points = list(x = num(pts$x), y = num(pts$y), colour = pts$colour,
                  shape = pts$shape, size = num(pts$size)),
    polygon = list(x = num(poly$x), y = num(poly$y), group = poly$group,
                   colour = poly$colour, fill = poly$fill, alpha = num(poly$alpha)),
    centers = list(x = num(cent$x), y = num(cent$y), group = cent$group,
                   colour = cent$colour, shape = cent$shape, size = num(cent$size)),
    text = list(x = num(txt$x), y = num(txt$y), label = as.character(txt$label),
                colour = txt$colour, size = num(txt$size), vjust = num(txt$vjust))
  ))
})
fixture_cases <- setNames(fixture_cases, vapply(cases, `[[`, "", "name"))
fixture_cases$small$data_values <- num(t(small))  # row by row
fixture_cases$small$centers_values <- num(t(small_centers))

# The point shapes by number of clusters (ggplot2's solid shapes up to six, then pch 1..k)
shapes <- lapply(1:10, function(k) {
  set.seed(2)
  km <- kmeans(scale(USArrests), k, nstart = 5)
  d <- ggplot2::layer_data(fviz_cluster(km, data = USArrests), 3L)  # the centres, by group
  d$shape[order(d$group)]
})

# The layers drawn for other geom / ellipse / centre settings
set.seed(1)
km <- kmeans(scale(USArrests), 3, nstart = 25)
geoms <- function(...) vapply(fviz_cluster(km, data = USArrests, ...)$layers,
                              function(l) class(l$geom)[1], "")
layers <- list(
  default = geoms(),
  point = geoms(geom = "point"),
  text = geoms(geom = "text"),
  no_ellipse_no_centre = geoms(ellipse = FALSE, show.clust.cent = FALSE)
)

errors <- list(
  p1 = run(fviz_cluster(kmeans(faithful[, 1], 2), data = faithful[, 1, drop = FALSE]))$error,
  axes = run(fviz_cluster(km, data = USArrests, axes = c(1L, 5L)))$error,
  no_data = run(fviz_cluster(km))$error
)

out <- list(
  r_version = R.version.string,
  factoextra_version = as.character(packageVersion("factoextra")),
  ggplot2_version = as.character(packageVersion("ggplot2")),
  cases = fixture_cases,
  shapes = shapes,
  layers = layers,
  errors = errors
)
writeLines(toJSON(out, auto_unbox = TRUE, null = "null", na = "null", digits = NA, pretty = FALSE),
           "tests/r_reference/cluster_plot_fixtures.json")
cat("cases:", length(fixture_cases), "\n")
