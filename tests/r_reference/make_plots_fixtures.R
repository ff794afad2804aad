# Reference results of factoextra's k-selection plots for tests/test_plots.py.
#
# Run from the repository root (R >= 4.2 with packages cluster, factoextra
# 1.0.7 and jsonlite; Debian: apt-get install r-cran-factoextra):
#   Rscript tests/r_reference/make_plots_fixtures.R
# It writes tests/r_reference/plots_fixtures.json. Doubles are written as
# "%.17g" strings (exact round trip), integers as numbers. Bundled datasets are
# referred to by name (statkmeans ships R's copies).
#
# Every number recorded here is read back from the ggplot object factoextra
# returns: p$data holds the plotted values (columns clusters and y for "wss"
# and "silhouette"; logW, E.logW, gap, SE.sim, clusters, ymin, ymax for
# "gap_stat"), and the dashed vertical line's layer data holds the chosen k.

suppressPackageStartupMessages({
  library(jsonlite)
  library(cluster)
  library(factoextra)
})
stopifnot(RNGkind()[1] == "Mersenne-Twister", RNGkind()[3] == "Rejection")

source("tests/r_reference/common.R")  # num(), rows(), run()

# ---- data -------------------------------------------------------------------------------
all_data <- list(
  USArrests = as.matrix(USArrests),
  USArrests_scaled = scale(USArrests),
  iris = as.matrix(iris[, 1:4]),
  faithful = as.matrix(faithful),
  ruspini = as.matrix(ruspini)
)

# A clustering function whose codes are not 1..k (factoextra renumbers them for
# "wss", with a warning); it draws from the global stream through kmeans.
renumber <- function(x, k, ...) list(cluster = kmeans(x, k, ...)$cluster * 2L + 3L)
funs <- list(kmeans = kmeans, renumber = renumber)

# ---- 1. fviz_nbclust ---------------------------------------------------------------------
# Each case: data, method, k.max, nboot, FUNcluster, diss (a dist method or
# NULL for factoextra's default) and arguments passed on through `...`.
case <- function(data, method, k.max = 10L, nboot = 10L, fun = "kmeans", diss = NULL,
                 args = list(), seed_before = NULL)
  list(data = data, method = method, k_max = k.max, nboot = nboot, fun = fun, diss = diss,
       args = args, seed_before = seed_before)

cases <- list(
  case("USArrests_scaled", "wss"),
  case("USArrests_scaled", "silhouette"),
  case("USArrests_scaled", "gap_stat", nboot = 10L),
  case("USArrests_scaled", "wss", k.max = 6L),                    # docs/r-behaviour.md 11.1: goes up at 5
  case("USArrests_scaled", "gap_stat", k.max = 6L, nboot = 10L),  # docs/r-behaviour.md 11.1
  case("USArrests", "wss"),                                       # large values
  case("USArrests", "silhouette"),
  case("iris", "wss"),
  case("iris", "silhouette"),
  case("iris", "gap_stat", k.max = 8L, nboot = 10L),
  case("faithful", "wss"),
  case("faithful", "silhouette"),
  case("faithful", "gap_stat", k.max = 6L, nboot = 8L),
  case("ruspini", "wss"),
  case("ruspini", "silhouette"),
  case("ruspini", "gap_stat", k.max = 8L, nboot = 10L),
  # arguments through `...` (the vignette's nstart = 25 among them)
  case("USArrests_scaled", "wss", args = list(nstart = 25L)),
  case("USArrests_scaled", "silhouette", args = list(nstart = 25L)),
  case("USArrests_scaled", "gap_stat", k.max = 6L, nboot = 5L, args = list(nstart = 5L)),
  case("iris", "silhouette", k.max = 6L, args = list(nstart = 10L, algorithm = "Lloyd",
                                                      iter.max = 20L)),
  case("ruspini", "wss", k.max = 8L, args = list(nstart = 3L, algorithm = "MacQueen")),
  # a dissimilarity other than Euclidean
  case("USArrests_scaled", "wss", k.max = 6L, diss = "manhattan"),
  case("USArrests_scaled", "silhouette", k.max = 6L, diss = "manhattan"),
  # the smallest k.max
  case("faithful", "wss", k.max = 2L),
  case("faithful", "silhouette", k.max = 2L),
  case("USArrests_scaled", "gap_stat", k.max = 2L, nboot = 5L),
  # codes that are not 1..k: factoextra's "wss" warns once per k
  case("USArrests_scaled", "wss", k.max = 4L, fun = "renumber"),
  case("USArrests_scaled", "silhouette", k.max = 4L, fun = "renumber"),
  # the user's seed has no effect: set.seed(123) comes first
  case("iris", "silhouette", k.max = 5L, seed_before = 2024L)
)

nbclust_cases <- lapply(cases, function(cs) {
  x <- all_data[[cs$data]]
  args <- c(list(x = quote(x), FUNcluster = funs[[cs$fun]], method = cs$method,
                 k.max = cs$k_max, nboot = cs$nboot, verbose = FALSE),
            cs$args)
  if (!is.null(cs$diss)) args$diss <- dist(x, method = cs$diss)
  if (!is.null(cs$seed_before)) set.seed(cs$seed_before)
  r <- run(do.call(fviz_nbclust, args))
  cs$runif_after <- num(runif(2))
  cs$warnings <- r$warnings
  cs["error"] <- list(r$error)
  p <- r$value
  if (!is.null(p)) {
    d <- p$data
    cs$clusters <- as.character(d$clusters)
    if (cs$method == "gap_stat") {
      cs$y <- num(d$gap)
      cs$logW <- num(d$logW)
      cs$E_logW <- num(d$E.logW)
      cs$SE_sim <- num(d$SE.sim)
      cs$ymin <- num(d$ymin)
      cs$ymax <- num(d$ymax)
    } else {
      cs$y <- num(d$y)
    }
    geoms <- vapply(p$layers, function(l) class(l$geom)[1], "")
    cs$geoms <- geoms
    vline <- which(geoms == "GeomVline")
    cs["xintercept"] <- list(if (length(vline)) as.integer(p$layers[[vline]]$data$xintercept))
    cs$labels <- list(x = p$labels$x, y = p$labels$y, title = p$labels$title)
  }
  cs
})

# ---- 2. fviz_gap_stat on a clusGap result with other maxSE rules -------------------------------
set.seed(1)
g <- clusGap(all_data$USArrests_scaled, kmeans, K.max = 8, B = 10, verbose = FALSE)
gap_stat <- list(
  data = "USArrests_scaled", seed = 1L, K_max = 8L, B = 10L,
  gap = num(g$Tab[, "gap"]), SE_sim = num(g$Tab[, "SE.sim"]),
  rules = lapply(list(
    list(method = "firstSEmax", SE_factor = 1),
    list(method = "globalmax", SE_factor = 1),
    list(method = "Tibs2001SEmax", SE_factor = 0.5),
    list(method = "globalSEmax", SE_factor = 2)
  ), function(rule) {
    p <- fviz_gap_stat(g, maxSE = list(method = rule$method, SE.factor = rule$SE_factor))
    vline <- which(vapply(p$layers, function(l) class(l$geom)[1], "") == "GeomVline")
    c(rule, list(xintercept = as.integer(p$layers[[vline]]$data$xintercept),
                 ymin = num(p$data$ymin), ymax = num(p$data$ymax)))
  })
)

# ---- 3. fviz_silhouette ---------------------------------------------------------------------
sil_cases <- lapply(list(list(data = "USArrests_scaled", k = 4L, nstart = 25L, seed = 123L),
                         list(data = "iris", k = 3L, nstart = 5L, seed = 42L)), function(cs) {
  x <- all_data[[cs$data]]
  set.seed(cs$seed)
  km <- kmeans(x, cs$k, nstart = cs$nstart)
  s <- silhouette(km$cluster, dist(x))
  out <- capture.output(p <- fviz_silhouette(s))
  c(cs, list(
    cluster = unname(km$cluster),
    plotted_cluster = as.integer(as.character(p$data$cluster)),
    plotted_width = num(p$data$sil_width),
    plotted_name = as.character(p$data$name),
    hline = num(p$layers[[2]]$data$yintercept),
    title = p$labels$title, ylab = p$labels$y,
    summary = out
  ))
})

# ggplot2's default discrete palette (fviz_silhouette's bar colours) for k = 1..12
hue <- lapply(1:12, function(k) scales::hue_pal()(k))

# ---- 4. errors ------------------------------------------------------------------------------
x <- all_data$USArrests_scaled
errors <- list(
  k_max_1 = run(fviz_nbclust(x, kmeans, k.max = 1))$error,
  not_matrix = run(fviz_nbclust(1:10, kmeans))$error,
  no_fun = run(fviz_nbclust(x))$error,
  method = run(fviz_nbclust(x, kmeans, method = "foo"))$error,
  gap_nboot_1 = run(fviz_nbclust(x, kmeans, method = "gap_stat", k.max = 3, nboot = 1))$error,
  silhouette_object = run(fviz_silhouette(kmeans(x, 3)))$error
)

out <- list(
  r_version = R.version.string,
  cluster_version = as.character(packageVersion("cluster")),
  factoextra_version = as.character(packageVersion("factoextra")),
  cases = nbclust_cases,
  gap_stat = gap_stat,
  silhouette = sil_cases,
  hue = hue,
  errors = errors
)
writeLines(toJSON(out, auto_unbox = TRUE, null = "null", na = "null", digits = NA, pretty = FALSE),
           "tests/r_reference/plots_fixtures.json")
cat("cases:", length(nbclust_cases), " silhouette:", length(sil_cases), "\n")
