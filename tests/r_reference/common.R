# Helpers shared by the fixture scripts in this folder (source it from the
# repository root: source("tests/r_reference/common.R")).

# Doubles as "%.17g" strings: an exact round trip ("NaN", "Inf" as text).
num <- function(v) sprintf("%.17g", as.double(v))

# A matrix as a list of rows of num() strings.
rows <- function(m) lapply(seq_len(nrow(m)), function(i) num(m[i, ]))

# Evaluate expr, collecting warnings (in order) and an error message.
run <- function(expr) {
  warns <- character()
  err <- NULL
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
  list(value = val, warnings = warns, error = err)
}
