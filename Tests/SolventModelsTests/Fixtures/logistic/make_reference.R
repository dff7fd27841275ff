# R cross-check for the logistic regression fixtures (run by make_reference.py).
#   Rscript make_reference.R r_manifest.json r_reference.json
# Reads the cases listed by make_reference.py, builds the design itself (treatment coding, levels in
# byte-wise order via sort(method = "radix"), columns named F=L), and fits:
#   glm cases    stats::glm(family = binomial): default control for the aliasing pattern and warnings
#                (R's answer), then the same model on the non-aliased columns with epsilon = 1e-14;
#   firth cases  brglm2::brglmFit(type = "AS_mean") (Firth's bias reduction; for the logit link the same
#                as Firth's penalised likelihood), epsilon 1e-14, plus the plain ML glm and its warnings;
#                also writes endometrial.csv from brglm2's data(endometrial);
#   ridge cases  glmnet(alpha = 0, standardize = FALSE, thresh = 1e-20) at the listed lambdas.
# Numbers are written with 17 significant digits (jsonlite's own writer keeps only 15).
suppressPackageStartupMessages({
  library(jsonlite)
  library(glmnet)
  library(brglm2)
})
args <- commandArgs(trailingOnly = TRUE)
manifest <- fromJSON(args[1], simplifyVector = FALSE)

num <- function(v) ifelse(is.na(v), "null", sprintf("%.17g", v))
to_json <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x)) {
    parts <- vapply(x, to_json, "")
    if (!is.null(names(x)))
      return(paste0("{", paste0(vapply(names(x), function(n) toJSON(n, auto_unbox = TRUE), ""), ":", parts,
                               collapse = ","), "}"))
    return(paste0("[", paste(parts, collapse = ","), "]"))
  }
  scalar <- length(x) == 1 && !inherits(x, "AsIs")
  v <- if (is.logical(x)) ifelse(is.na(x), "null", ifelse(x, "true", "false"))
       else if (is.numeric(x)) num(as.numeric(x))
       else vapply(as.character(x), function(s) toJSON(s, auto_unbox = TRUE), "")
  if (scalar) v else paste0("[", paste(v, collapse = ","), "]")
}

read_data <- function(file) {
  path <- if (file == "../../../../datasets/german-credit/german_credit.csv") manifest$german else file
  read.csv(path, stringsAsFactors = FALSE, check.names = FALSE, encoding = "UTF-8", fileEncoding = "UTF-8")
}

design <- function(df, features) {
  cols <- list(rep(1, nrow(df)))
  nms <- "(Intercept)"
  for (f in features) {
    x <- df[[f]]
    if (is.numeric(x)) {
      cols[[length(cols) + 1]] <- as.numeric(x)
      nms <- c(nms, f)
    } else {
      lv <- sort(unique(x), method = "radix")  # C-locale order = byte-wise UTF-8 order
      for (l in lv[-1]) {
        cols[[length(cols) + 1]] <- as.numeric(x == l)
        nms <- c(nms, paste0(f, "=", l))
      }
    }
  }
  X <- do.call(cbind, cols)
  colnames(X) <- nms
  X
}

capture <- function(expr) {
  w <- character(0)
  value <- withCallingHandlers(expr, warning = function(cond) {
    w <<- c(w, conditionMessage(cond))
    invokeRestart("muffleWarning")
  })
  list(value = value, warnings = w)
}

fit_glm <- function(X, y, wt, off, ...) {
  D <- data.frame(X[, -1, drop = FALSE])
  names(D) <- paste0("c", seq_len(ncol(D)))
  D$y <- y
  glm(reformulate(names(D)[names(D) != "y"], "y"), family = binomial, data = D, weights = wt, offset = off, ...)
}

glm_case <- function(c) {
  df <- read_data(c$data)
  features <- if (is.null(c$features)) setdiff(names(df), c$response) else unlist(c$features)
  X <- design(df, features)
  y <- as.numeric(df[[c$response]])
  wt <- if (is.null(c$weights)) rep(1, nrow(df)) else as.numeric(df[[c$weights]])
  off <- if (is.null(c$offset)) rep(0, nrow(df)) else as.numeric(df[[c$offset]])
  first <- capture(fit_glm(X, y, wt, off))
  aliased <- is.na(coef(first$value))
  tight <- fit_glm(X[, !aliased, drop = FALSE], y, wt, off, control = glm.control(epsilon = 1e-14, maxit = 100))
  s <- coef(summary(tight))
  b <- se <- rep(NA_real_, ncol(X))
  b[!aliased] <- s[, 1]
  se[!aliased] <- s[, 2]
  list(columns = I(colnames(X)), aliased = I(unname(aliased)), coefficients = I(b), standard_errors = I(se),
       log_likelihood = as.numeric(logLik(tight)), deviance = deviance(tight), null_deviance = tight$null.deviance,
       aic = AIC(tight), bic = BIC(tight), nobs = nobs(tight), df_resid = df.residual(tight), iterations = first$value$iter,
       iterations_tight = tight$iter, converged = tight$converged, warnings = I(first$warnings),
       version = paste("R", getRversion(), "stats::glm"),
       settings = "glm(family = binomial): aliasing and warnings with default control, values refitted on the kept columns with glm.control(epsilon = 1e-14)")
}

firth_case <- function(c) {
  if (c$case == "endometrial") {
    data("endometrial", package = "brglm2", envir = environment())
    write.csv(endometrial[, c("NV", "PI", "EH", "HG")], "endometrial.csv", row.names = FALSE, quote = FALSE)
  }
  df <- read_data(c$data)
  X <- design(df, unlist(c$features))
  y <- as.numeric(df[[c$response]])
  ml <- capture(fit_glm(X, y, NULL, NULL))
  br <- fit_glm(X, y, NULL, NULL, method = "brglmFit", type = "AS_mean", epsilon = 1e-14, maxit = 1000)
  s <- coef(summary(br))
  list(columns = I(colnames(X)), coefficients = I(unname(s[, 1])), standard_errors = I(unname(s[, 2])),
       iterations = br$iter, version = paste0("R ", getRversion(), " brglm2 ", packageVersion("brglm2")),
       settings = "glm(family = binomial, method = 'brglmFit', type = 'AS_mean', epsilon = 1e-14, maxit = 1000)",
       ml = list(tool = paste("R", getRversion(), "stats::glm, default control"),
                 converged = ml$value$converged, iterations = ml$value$iter,
                 coefficients = I(unname(coef(ml$value))), warnings = I(ml$warnings)))
}

ridge_case <- function(c) {
  df <- read_data(c$data)
  X <- design(df, unlist(c$features))
  y <- as.numeric(df[[c$response]])
  lambdas <- unlist(c$lambdas)
  fit <- glmnet(X[, -1, drop = FALSE], y, family = "binomial", alpha = 0, lambda = lambdas,
                standardize = FALSE, thresh = 1e-20, maxit = 1e7)
  cf <- as.matrix(coef(fit))
  path <- lapply(seq_along(lambdas), function(k) list(lambda = fit$lambda[k], coefficients = I(unname(cf[, k]))))
  list(columns = I(colnames(X)), path = path, version = paste0("R ", getRversion(), " glmnet ", packageVersion("glmnet")),
       settings = "glmnet(family = 'binomial', alpha = 0, lambda = <the path>, standardize = FALSE, thresh = 1e-20, maxit = 1e7)")
}

out <- list(`_R` = list(R = as.character(getRversion()), glmnet = as.character(packageVersion("glmnet")),
                        brglm2 = as.character(packageVersion("brglm2"))))
for (c in manifest$glm) out[[c$case]] <- glm_case(c)
for (c in manifest$firth) out[[c$case]] <- firth_case(c)
for (c in manifest$ridge) out[[c$case]] <- ridge_case(c)
writeLines(to_json(out), args[2], useBytes = TRUE)
