# Reference results of fpc 2.2.10 for tests/test_indices.py and tests/test_kmeansruns.py:
# calinhara, cluster.stats (default call), dudahart2 and kmeansruns (both criteria,
# the Duda-Hart k = 1 case, the random stream afterwards).
#
# Run from the repository root (R >= 4.2 with packages cluster, fpc 2.2.10 and
# jsonlite; Debian: apt-get install r-cran-fpc r-cran-jsonlite):
#   Rscript tests/r_reference/make_fpc_fixtures.R
# It writes tests/r_reference/fpc_fixtures.json. Doubles are "%.17g" strings
# (exact round trip; NA is written "NaN"), integers are numbers. Bundled datasets
# are referred to by name; the generated blob is written out in full.

suppressPackageStartupMessages({
  library(jsonlite)
  library(cluster)
  library(fpc)
})
stopifnot(RNGkind()[1] == "Mersenne-Twister", RNGkind()[3] == "Rejection",
          packageVersion("fpc") == "2.2.10")

source("tests/r_reference/common.R")  # num(), rows(), run()
dbl <- function(v) { v <- as.double(v); v[is.na(v)] <- NaN; num(v) }
mat <- function(m) lapply(seq_len(nrow(m)), function(i) dbl(m[i, ]))

# ---- data -----------------------------------------------------------------------------
set.seed(3)
blob <- matrix(rnorm(240), 120)
all_data <- list(
  iris_scaled = scale(as.matrix(iris[, 1:4])),
  USArrests_scaled = scale(USArrests),
  faithful = as.matrix(faithful),
  ruspini = as.matrix(ruspini),
  blob = blob
)

# ---- 1. clusterings and the indices ------------------------------------------------------
# Per data set: kmeans clusterings for k = 2..6 (set.seed(k), nstart = 2), one with a
# singleton cluster (the last observation alone in a third cluster of the k = 2 split)
# and one with the codes {1, 2, 5} (fpc renumbers it, with a warning).
index_cases <- list()
for (name in names(all_data)) {
  x <- all_data[[name]]
  n <- nrow(x)
  clusterings <- list()
  for (k in 2:6) {
    set.seed(k)
    clusterings[[paste0("k", k)]] <- as.integer(kmeans(x, k, nstart = 2)$cluster)
  }
  single <- clusterings$k2
  single[n] <- 3L
  clusterings$singleton <- single
  codes <- clusterings$k3
  codes[codes == 3L] <- 5L
  clusterings$codes125 <- codes
  for (label in names(clusterings)) {
    cl <- clusterings[[label]]
    cs_run <- run(cluster.stats(dist(x), cl))
    cs <- cs_run$value
    dh <- dudahart2(x, cl)
    index_cases[[length(index_cases) + 1]] <- list(
      data = name, label = label, clustering = cl,
      calinhara = num(calinhara(x, cl)),
      calinhara_cn_plus2 = num(calinhara(x, cl, cn = max(cl) + 2)),
      dudahart2 = list(p_value = num(dh$p.value), dh = num(dh$dh), compare = num(dh$compare),
                       cluster1 = dh$cluster1, alpha = num(dh$alpha), z = num(dh$z)),
      cluster_stats = list(
        warnings = cs_run$warnings,
        n = cs$n, cluster_number = cs$cluster.number,
        cluster_size = dbl(cs$cluster.size), min_cluster_size = dbl(cs$min.cluster.size),
        diameter = dbl(cs$diameter), average_distance = dbl(cs$average.distance),
        median_distance = dbl(cs$median.distance), separation = dbl(cs$separation),
        average_toother = dbl(cs$average.toother),
        separation_matrix = mat(cs$separation.matrix),
        ave_between_matrix = mat(cs$ave.between.matrix),
        average_between = dbl(cs$average.between), average_within = dbl(cs$average.within),
        n_between = cs$n.between, n_within = cs$n.within,
        max_diameter = dbl(cs$max.diameter), min_separation = dbl(cs$min.separation),
        within_cluster_ss = dbl(cs$within.cluster.ss),
        clus_avg_silwidths = dbl(cs$clus.avg.silwidths), avg_silwidth = dbl(cs$avg.silwidth),
        pearsongamma = dbl(cs$pearsongamma), dunn = dbl(cs$dunn), dunn2 = dbl(cs$dunn2),
        entropy = dbl(cs$entropy), wb_ratio = dbl(cs$wb.ratio), ch = dbl(cs$ch),
        cwidegap = dbl(cs$cwidegap), widestgap = dbl(cs$widestgap), sindex = dbl(cs$sindex)
      )
    )
  }
}

# dudahart2 with alpha = 0.05, and the NULL clustering kmeansruns passes without k = 2
dudahart_extra <- list(
  list(data = "USArrests_scaled", alpha = 0.05,
       clustering = index_cases[[8]]$clustering),
  list(data = "blob", alpha = 0.01, clustering = NULL)
)
dudahart_extra <- lapply(dudahart_extra, function(cs) {
  dh <- dudahart2(all_data[[cs$data]], cs$clustering, alpha = cs$alpha)
  c(cs, list(p_value = num(dh$p.value), dh = num(dh$dh), compare = num(dh$compare),
             cluster1 = dh$cluster1, z = num(dh$z)))
})

# ---- 2. kmeansruns ------------------------------------------------------------------------
kr_case <- function(data, seed, krange, criterion = "ch", runs = 100L, scaledata = FALSE,
                    args = list())
  list(data = data, seed = seed, krange = krange, criterion = criterion, runs = runs,
       scaledata = scaledata, args = args)

kr_cases <- list()
for (data in c("iris_scaled", "USArrests_scaled", "faithful")) {
  for (seed in c(1L, 7L, 2022L)) {
    for (criterion in c("ch", "asw")) {
      kr_cases[[length(kr_cases) + 1]] <- kr_case(data, seed, 1:6, criterion,
                                                  runs = if (data == "faithful") 15L else 20L)
    }
  }
  kr_cases[[length(kr_cases) + 1]] <- kr_case(data, 1L, 2:5, "ch", runs = 100L)
  kr_cases[[length(kr_cases) + 1]] <- kr_case(data, 1L, 2:5, "asw", runs = 100L)
}
kr_cases <- c(kr_cases, list(
  kr_case("USArrests_scaled", 1L, 1:6),                               # reference B4
  kr_case("USArrests_scaled", 1L, 1:6, "asw"),                        # reference B4
  kr_case("iris_scaled", 5L, 2:5, runs = 10L, scaledata = TRUE),
  kr_case("blob", 1L, 1:5, runs = 25L),                               # bestk 1: a bare list
  kr_case("blob", 1L, 1:5, "asw", runs = 25L),
  kr_case("USArrests_scaled", 4L, c(5L, 2L, 4L, 3L), runs = 10L),     # unsorted krange
  kr_case("faithful", 9L, 2:4, runs = 5L,
          args = list(algorithm = "Lloyd", iter.max = 3L)),           # not converged
  kr_case("ruspini", 11L, 2:6, runs = 5L, args = list(nstart = 3L)),
  kr_case("ruspini", 12L, c(3L, 4L), runs = 5L),                      # crit[1:2] zero slots
  kr_case("USArrests_scaled", 13L, c(1L, 3L, 4L), runs = 5L)          # k = 1 without k = 2
))

kmeansruns_cases <- lapply(kr_cases, function(cs) {
  x <- all_data[[cs$data]]
  args <- c(list(data = x, krange = cs$krange, criterion = cs$criterion, runs = cs$runs,
                 scaledata = cs$scaledata), cs$args)
  set.seed(cs$seed)
  r <- run(do.call(kmeansruns, args))
  cs$runif_after <- num(runif(2))
  cs$warnings <- unique(r$warnings)
  cs$n_warnings <- length(r$warnings)
  cs["error"] <- list(r$error)
  km <- r$value
  cs$crit <- num(km$crit)
  cs$bestk <- as.integer(km$bestk)
  cs$bare_list <- is.null(km$cluster)
  if (!is.null(km$cluster)) {
    cs$cluster <- as.integer(km$cluster)
    cs$centers <- rows(km$centers)
    cs$withinss <- num(km$withinss)
    cs$tot_withinss <- num(km$tot.withinss)
    cs$totss <- num(km$totss)
    cs$size <- as.integer(km$size)
    cs$iter <- as.integer(km$iter)
  }
  cs
})

# critout's printed lines
set.seed(1)
critout <- capture.output(invisible(kmeansruns(all_data$USArrests_scaled, krange = 2:4,
                                               runs = 3, critout = TRUE)))

out <- list(
  generator = "tests/r_reference/make_fpc_fixtures.R",
  r_version = R.version.string,
  fpc_version = as.character(packageVersion("fpc")),
  blob = rows(blob),
  index_cases = index_cases,
  dudahart_extra = dudahart_extra,
  kmeansruns = kmeansruns_cases,
  critout = list(data = "USArrests_scaled", seed = 1L, krange = 2:4, runs = 3L,
                 lines = critout)
)
writeLines(toJSON(out, auto_unbox = TRUE, null = "null", digits = NA, pretty = FALSE),
           "tests/r_reference/fpc_fixtures.json")
