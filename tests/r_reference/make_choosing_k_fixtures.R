# R's numbers for the vignette vignettes/choosing_k.py.
#
# Run from the repository root (R >= 4.2 with jsonlite, cluster, factoextra):
#   Rscript tests/r_reference/make_choosing_k_fixtures.R
# For ruspini and scale(USArrests): the values fviz_nbclust plots for "wss",
# "silhouette" (nstart = 25) and "gap_stat" (nstart = 25, nboot = 50), with the
# k its dashed line marks; maxSE's five rules on the USArrests gap curve; the
# average silhouette width and the number of negative widths for k = 2..4
# (set.seed(123); kmeans(df, k, nstart = 25)). Written to
# tests/r_reference/choosing_k_fixtures.json ("%.17g" strings for doubles).

suppressPackageStartupMessages({
  library(jsonlite)
  library(cluster)
  library(factoextra)
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
write_json(list(r_version = R.version.string, ruspini = ruspini_res, usarrests = usarrests_res,
                max_se = as.list(max_se), silhouettes = sil),
           "tests/r_reference/choosing_k_fixtures.json", auto_unbox = TRUE, pretty = TRUE,
           digits = NA)
cat("done\n")
