# R's numbers for the vignette vignettes/choosing_k.py.
#
# Run from the repository root (R >= 4.2 with jsonlite, cluster, factoextra):
#   Rscript tests/r_reference/make_choosing_k_fixtures.R
# For ruspini and scale(USArrests): the values fviz_nbclust plots for "wss",
# "silhouette" (nstart = 25) and "gap_stat" (nstart = 25, nboot = 50), with the
# k its dashed line marks; maxSE's five rules on the USArrests gap curve; the
# average silhouette width and the number of negative widths for k = 2..4
# (set.seed(123); kmeans(df, k, nstart = 25)). For choose_k(x, 10, nstart = 25,
# B = 50, rng = 123) on both data sets ("choose_k"): the fits of k = 2..10 as
# clusGap draws them (set.seed(123), then kmeans(x, k, nstart = 25) in turn),
# their total within sum of squares (the total sum of squares for k = 1),
# average silhouette widths and fpc::calinhara; clusGap(x, kmeans, K.max = 10,
# B = 50, nstart = 25) from set.seed(123) again (its first draws are the same
# fits); the Davies-Bouldin index and find_knee's knee have no R function, and
# are computed here from their definitions (db_index, knee below). Written to
# tests/r_reference/choosing_k_fixtures.json ("%.17g" strings for doubles).

suppressPackageStartupMessages({
  library(jsonlite)
  library(cluster)
  library(factoextra)
  library(fpc)
})
source("tests/r_reference/common.R")

criteria <- function(x) {
  out <- list()
  for (m in c("wss", "silhouette", "gap_stat")) {
    p <- if (m == "gap_stat") fviz_nbclust(x, kmeans, method = m, nstart = 25, nboot = 50)
         else fviz_nbclust(x, kmeans, method = m, nstart = 25)
    y <- if (m == "gap_stat") p$data$gap else p$data$y
    k <- switch(m, wss = NA,
                silhouette = which.max(y),
                gap_stat = maxSE(p$data$gap, p$data$SE.sim, method = "firstSEmax"))
    out[[m]] <- list(y = num(y), k = k)
    if (m == "gap_stat") out[[m]]$se <- num(p$data$SE.sim)
  }
  out
}

# Davies-Bouldin: for each cluster the largest (s_i + s_j) / d(c_i, c_j) over the others
# (s: mean Euclidean distance to the cluster mean c), averaged over the clusters.
db_index <- function(x, cl) {
  x <- as.matrix(x)
  cen <- rowsum(x, cl) / as.vector(table(cl))
  s <- sapply(1:nrow(cen), function(i)
    mean(sqrt(rowSums(sweep(x[cl == i, , drop = FALSE], 2, cen[i, ])^2))))
  r <- outer(s, s, "+") / as.matrix(dist(cen))
  r[!is.finite(r)] <- 0
  mean(apply(r, 1, max))
}

# find_knee's rule (min_tail = 3, spread_factor = 3, min_share = 0.25, min_jump = 0.05):
# the last k[c] from which log y is fitted by a line in log k (at least 3 points) with
# log y[c - 1] above it by 3 times the tail's largest residual, by a quarter of what
# log y falls from c - 1 to the end, and by 5 % of its whole fall.
knee <- function(y) {
  u <- log(seq_along(y)); v <- log(y); m <- length(v)
  found <- list(k = NA, strength = 0)
  for (c in 2:(m - 2)) {
    fit <- lm(v[c:m] ~ u[c:m])
    jump <- v[c - 1] - (coef(fit)[1] + coef(fit)[2] * u[c - 1])
    share <- jump / (v[c - 1] - v[m])
    if (jump > 0 && jump >= 3 * max(abs(resid(fit))) && v[c - 1] > v[m] &&
        share >= 0.25 && jump >= 0.05 * (v[1] - v[m]))
      found <- list(k = c, strength = num(share))
  }
  found
}

choose_k_r <- function(x) {
  set.seed(123)
  fits <- lapply(2:10, function(k) kmeans(x, k, nstart = 25))
  set.seed(123)
  gap <- clusGap(x, kmeans, K.max = 10, B = 50, nstart = 25)
  wss <- c(fits[[1]]$totss, sapply(fits, function(f) f$tot.withinss))
  sil <- sapply(fits, function(f) summary(silhouette(f$cluster, dist(x)))$avg.width)
  ch <- sapply(fits, function(f) calinhara(x, f$cluster))
  db <- sapply(fits, function(f) db_index(x, f$cluster))
  tab <- gap$Tab
  list(wss = num(wss), silhouette = num(sil), gap = num(tab[, "gap"]),
       se = num(tab[, "SE.sim"]), ch = num(ch), db = num(db), knee = knee(wss),
       k = list(silhouette = which.max(sil) + 1,
                gap = maxSE(tab[, "gap"], tab[, "SE.sim"], method = "firstSEmax"),
                ch = which.max(ch) + 1, db = which.min(db) + 1))
}

data(ruspini, package = "cluster")
df <- scale(USArrests)
ruspini_res <- criteria(ruspini)
usarrests_res <- criteria(df)
gap <- num(usarrests_res$gap_stat$y)
se <- usarrests_res$gap_stat$se
rules <- c("firstSEmax", "Tibs2001SEmax", "globalSEmax", "firstmax", "globalmax")
max_se <- sapply(rules, function(m) maxSE(as.double(gap), as.double(se), method = m))
d <- dist(df)
sil <- lapply(2:4, function(k) {
  set.seed(123)
  s <- silhouette(kmeans(df, k, nstart = 25)$cluster, d)
  list(k = k, avg_width = num(summary(s)$avg.width), negative = sum(s[, "sil_width"] < 0))
})
choose <- list(ruspini = choose_k_r(ruspini), usarrests = choose_k_r(df))
write_json(list(r_version = R.version.string, ruspini = ruspini_res, usarrests = usarrests_res,
                max_se = as.list(max_se), silhouettes = sil, choose_k = choose),
           "tests/r_reference/choosing_k_fixtures.json", auto_unbox = TRUE, pretty = TRUE,
           digits = NA)
cat("done\n")
