extension DefaultModel {
    /// The model card (Markdown) written beside the model file: data, window,
    /// counts and class balance, coefficients, IV, validation, aliasing,
    /// convergence, protected attributes allowed, conventions and known limits.
    public func modelCard(sha256: String) -> String {
        var md = "# Model card: \(name)\n\n"
        md += "Default (PD) model, method **\(method.rawValue)**, trained \(training.createdAt) by Solvent \(training.solventVersion). "
        md += "Model file checksum (SHA-256 of the canonical payload): `\(sha256)`.\n\n"
        md += "## Data\n\n"
        md += "| | |\n|---|---|\n"
        md += "| source | \(training.source) |\n"
        if let s = training.sourceSHA256 { md += "| source SHA-256 | `\(s)` |\n" }
        if let w = training.window { md += "| window | \(w) |\n" }
        md += "| rows | \(training.rows) (training \(training.trainingRows), test \(training.testRows)) |\n"
        let rate = training.rows > 0 ? Double(training.positives) / Double(training.rows) : 0
        md += "| defaults (target `\(target)` = 1) | \(training.positives) (\(fmt(100 * rate, 2)) %) |\n"
        if let w = training.weightsColumn { md += "| case weights | `\(w)` |\n" }
        md += "| features | \(features.count): \(features.map { "`\($0)`" }.joined(separator: ", ")) |\n"
        if !training.excluded.isEmpty { md += "| excluded | \(training.excluded.joined(separator: ", ")) |\n" }
        md += "| settings | \(training.settings.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: "; ")) |\n\n"
        if !training.allowedProtected.isEmpty {
            md += "**Protected attributes used** (allowed explicitly with `--allow-feature`): "
            md += training.allowedProtected.map { "`\($0)`" }.joined(separator: ", ")
            md += ". Their use must be justified under the applicable anti-discrimination law.\n\n"
        }
        md += "## Fit\n\n"
        md += "Converged: **\(fit.converged ? "yes" : "NO")** in \(fit.iterations) iterations; penalty \(fit.penalty). "
        md += "Log-likelihood \(fmt(fit.logLikelihood, 4)) (null \(fmt(fit.nullLogLikelihood, 4))), deviance \(fmt(fit.deviance, 4)), "
        md += "AIC \(fmt(fit.aic, 3)), BIC \(fmt(fit.bic, 3)), likelihood-ratio χ² \(fmt(fit.likelihoodRatio, 3)) on \(fit.likelihoodRatioDF) df "
        md += "(p = \(sci(fit.likelihoodRatioPValue))).\n\n"
        if !fit.aliased.isEmpty {
            md += "Aliased columns (collinear with earlier ones, no coefficient): \(fit.aliased.map { "`\($0)`" }.joined(separator: ", ")).\n\n"
        }
        for w in fit.warnings { md += "> Warning: \(w)\n\n" }
        md += "| term | estimate | std. error | z | p | 95 % CI |\n|---|---:|---:|---:|---:|---|\n"
        for c in coefficients {
            guard let b = c.estimate, let se = c.stdError, let z = c.z, let p = c.pValue, let lo = c.lower, let hi = c.upper else {
                md += "| `\(c.name)` | aliased | | | | |\n"
                continue
            }
            md += "| `\(c.name)` | \(fmt(b, 5)) | \(fmt(se, 5)) | \(fmt(z, 3)) | \(sci(p)) | [\(fmt(lo, 4)), \(fmt(hi, 4))] |\n"
        }
        if let card = scorecard {
            md += "\n## Information value\n\n\(card.convention)\n\n| feature | IV | power | selected |\n|---|---:|---|---|\n"
            for iv in card.informationValues {
                md += "| `\(iv.feature)` | \(fmt(iv.informationValue, 4)) | \(iv.power.rawValue) | \(iv.selected ? "yes" : "no") |\n"
            }
            md += "\n## Points\n\n| feature | bin | WoE | points |\n|---|---|---:|---:|\n"
            for r in card.pointsTable { md += "| `\(r.feature)` | \(r.bin) | \(fmt(r.woe, 4)) | \(fmt(r.points, 1)) |\n" }
        }
        md += "\n## Validation\n\n```\n\(validationText)```\n\n"
        md += "Score: \(scaling.conventionNote) Bands by PD: "
        md += bands.bands.map { "\($0.name) ≤ \(fmt(100 * $0.maxPD, 1)) %" }.joined(separator: ", ") + ".\n\n"
        md += "## Known limits\n\n"
        md += "- Wald standard errors and intervals; with a penalty they describe the penalised fit only approximately.\n"
        md += "- The model is as good as the period it was trained on: check PSI of the score and CSI of the features on new data before relying on it.\n"
        md += "- Reason codes explain the model, not the customer: they name the features that lowered this score most against the reference.\n"
        if method == .logistic { md += "- Categorical levels not seen in training are refused at scoring; missing numeric values are filled with the training median plus an indicator column only for features that had missing values in training.\n" }
        if !fit.converged { md += "- **This fit did not converge: do not promote it.**\n" }
        return md
    }
}
