import Foundation

extension DefaultModel {
    /// The coefficient table and fit statistics in the layout of statsmodels'
    /// `Logit.fit().summary()` (text; the CLI prints it).
    public var summaryText: String {
        var out = ""
        let title = method == .scorecard ? "Logit Regression Results (on WoE)" : "Logit Regression Results"
        out += title.padding(toLength: 78, withPad: " ", startingAt: 0).trimmingCharacters(in: .whitespaces) + "\n"
        out += String(repeating: "=", count: 78) + "\n"
        let pseudoR2 = 1 - fit.logLikelihood / fit.nullLogLikelihood
        let left: [(String, String)] = [
            ("Dep. Variable:", target), ("Model:", "Logit"), ("Method:", "MLE (Newton)"),
            ("Penalty:", fit.penalty), ("converged:", fit.converged ? "True" : "False"), ("Iterations:", "\(fit.iterations)"),
        ]
        let right: [(String, String)] = [
            ("No. Observations:", "\(fit.rows)"), ("Df Residuals:", "\(fit.dfResidual)"),
            ("Df Model:", "\(fit.likelihoodRatioDF)"), ("Pseudo R-squ.:", fmt(pseudoR2, 4)),
            ("Log-Likelihood:", fmt(fit.logLikelihood, 4)), ("LL-Null:", fmt(fit.nullLogLikelihood, 4)),
            ("LLR p-value:", sci(fit.likelihoodRatioPValue)), ("AIC:", fmt(fit.aic, 4)), ("BIC:", fmt(fit.bic, 4)),
        ]
        for k in 0..<max(left.count, right.count) {
            let l = k < left.count ? pair(left[k], 36) : String(repeating: " ", count: 36)
            let r = k < right.count ? pair(right[k], 38) : ""
            out += l + "    " + r + "\n"
        }
        out += String(repeating: "=", count: 78) + "\n"
        let width = max(24, min(40, coefficients.map(\.name.count).max() ?? 10))
        out += "".padding(toLength: width, withPad: " ", startingAt: 0)
            + ["coef", "std err", "z", "P>|z|", "[0.025", "0.975]"].map { $0.leftPadded(10) }.joined() + "\n"
        out += String(repeating: "-", count: width + 60) + "\n"
        for c in coefficients {
            let name = c.name.count > width ? String(c.name.prefix(width - 1)) + "…" : c.name
            out += name.padding(toLength: width, withPad: " ", startingAt: 0)
            guard let b = c.estimate, let se = c.stdError, let z = c.z, let p = c.pValue,
                  let lo = c.lower, let hi = c.upper else {
                out += "aliased (collinear with earlier columns)".leftPadded(60) + "\n"
                continue
            }
            out += [fmt(b, 4), fmt(se, 3), fmt(z, 3), fmt(p, 3), fmt(lo, 3), fmt(hi, 3)].map { $0.leftPadded(10) }.joined() + "\n"
        }
        out += String(repeating: "=", count: width + 60) + "\n"
        for w in fit.warnings { out += "Warning: \(w)\n" }
        return out
    }

    /// The validation figures as a short table (training, test, cross-validation).
    public var validationText: String {
        var rows: [(String, ValidationSummary)] = [("training", metrics.training)]
        if let t = metrics.test { rows.append(("test", t)) }
        var out = "sample".padding(toLength: 10, withPad: " ", startingAt: 0)
            + ["rows", "defaults", "AUC", "Gini", "KS", "Brier", "log-loss", "HL p"].map { $0.leftPadded(10) }.joined() + "\n"
        for (name, v) in rows {
            out += name.padding(toLength: 10, withPad: " ", startingAt: 0)
                + ["\(v.rows)", fmt(v.positives, 0), fmt(v.auc, 4), fmt(v.gini, 4), fmt(v.ks, 4), fmt(v.brier, 4),
                   fmt(v.logLoss, 4), v.hosmerLemeshow.map { fmt($0.pValue, 3) } ?? "—"].map { $0.leftPadded(10) }.joined() + "\n"
        }
        if let d = metrics.testDescription { out += "test rows: \(d)\n" }
        if let cv = metrics.crossValidation {
            out += "\(cv.folds.count)-fold cross-validation: AUC \(fmt(cv.meanAUC, 4)) ± \(fmt(cv.sdAUC, 4)), Gini \(fmt(cv.meanGini, 4))\n"
        }
        return out
    }
}

func fmt(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return "\(x)" }
    return String(format: "%.\(digits)f", x)
}

func sci(_ x: Double) -> String { String(format: "%.3e", x) }

private func pair(_ p: (String, String), _ width: Int) -> String {
    let gap = max(1, width - p.0.count - p.1.count)
    return p.0 + String(repeating: " ", count: gap) + p.1
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? " " + self : String(repeating: " ", count: width - count) + self
    }
}
