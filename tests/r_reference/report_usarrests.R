# The R code that report(load_dataset("USArrests"), name="USArrests", k_max=4,
# nstart=2, nboot=5) prints in its "Reproduce" section, below this header, line
# for line (tests/test_report.py checks that the page prints exactly these lines).
# make_report_fixtures.R runs it and records what R prints.
library(cluster)
library(fpc)  # calinhara
x <- USArrests
x <- x[, c("Murder", "Assault", "UrbanPop", "Rape")]
x <- scale(x)
K <- 4
set.seed(123)
fits <- lapply(1:K, function(k) if (k > 1) kmeans(x, k, nstart = 2))
set.seed(123)  # clusGap fits the data first (the same fits), then B reference sets
gap <- clusGap(x, kmeans, K.max = K, B = 5, nstart = 2)
db <- function(x, cl) {  # Davies-Bouldin index, Euclidean (statkmeans' davies_bouldin)
  cen <- rowsum(x, cl) / as.vector(table(cl))
  s <- sapply(1:nrow(cen), function(i)
    mean(sqrt(rowSums(sweep(x[cl == i, , drop = FALSE], 2, cen[i, ])^2))))
  r <- outer(s, s, "+") / as.matrix(dist(cen))
  r[!is.finite(r)] <- 0
  mean(apply(r, 1, max))
}
knee <- function(y) {  # statkmeans' find_knee (min_tail = 3), NA: no decisive knee
  m <- length(y); if (m < 3 || any(y <= 0)) return(NA)
  u <- log(1:m); v <- log(y); mt <- min(3, m - 1)
  ok <- sapply(2:(m - mt + 1), function(c) {
    t <- c:m; fit <- lm(v[t] ~ u[t])
    jump <- v[c - 1] - sum(coef(fit) * c(1, u[c - 1]))
    jump > 0 && jump >= 3 * max(abs(resid(fit))) && v[c - 1] > v[m] &&
      jump >= 0.25 * (v[c - 1] - v[m]) && jump >= 0.05 * (v[1] - v[m])
  })
  if (any(ok)) max(which(ok)) + 1 else NA
}
crit <- data.frame(k = 1:K,
  wss = c(fits[[2]]$totss, sapply(fits[-1], function(f) f$tot.withinss)),
  silhouette = c(NA, sapply(fits[-1], function(f)
    summary(silhouette(f$cluster, dist(x)))$avg.width)),
  gap = gap$Tab[, "gap"], SE.sim = gap$Tab[, "SE.sim"],
  ch = c(NA, sapply(fits[-1], function(f) calinhara(x, f$cluster))),
  db = c(NA, sapply(fits[-1], function(f) db(x, f$cluster))))
print(crit)
c(wss = knee(crit$wss), silhouette = which.max(crit$silhouette),
  gap = maxSE(crit$gap, crit$SE.sim, method = "firstSEmax"),
  ch = which.max(crit$ch), db = which.min(crit$db))
km <- fits[[2]]
print(km)
