extension DefaultModelTrainer {
    /// The model file's content from the final fit.
    static func assemble(_ fitted: PDFit, table: DataTable, rows: [Int], weights: [Double]?, features: [String],
                         labels: [Double], split: Split, metrics: DefaultModel.Metrics,
                         settings: DefaultModelSettings) throws(ModelError) -> DefaultModel {
        let m = fitted.model
        let coefficients = m.coefficients
        var scorecard: DefaultModel.ScorecardPart? = nil
        var reference: [Double]? = nil
        switch fitted.method {
        case .scorecard:
            let betas = m.coefficients.dropFirst().map { $0.estimate ?? 0 }
            let card = try Scorecard(binnings: fitted.binnings, intercept: m.coefficients[0].estimate ?? 0,
                                     coefficients: Array(betas), scaling: settings.scaling)
            scorecard = .init(binnings: fitted.binnings, intercept: card.intercept, coefficients: card.coefficients,
                              informationValues: fitted.informationValues, pointsTable: card.pointsTable,
                              convention: card.conventionNote)
        case .logistic:
            guard let design = fitted.design else { preconditionFailure("logistic has a design") }
            let x = try design.design(for: table.selecting(rows: rows), allowingExtraColumns: true)
            let w = weights.map { ws in rows.map { ws[$0] } }
            let total = w?.reduce(0, +) ?? Double(rows.count)
            reference = (0..<x.columns).map { j in
                var s = 0.0
                for i in 0..<x.rows { s += (w?[i] ?? 1) * x[i, j] }
                return s / total
            }
        }
        let fit = DefaultModel.FitSummary(
            rows: m.rows, weight: m.totalWeight, positives: m.positiveWeight, logLikelihood: m.logLikelihood,
            nullLogLikelihood: m.nullLogLikelihood, deviance: m.deviance, nullDeviance: m.nullDeviance, aic: m.aic,
            bic: m.bic, likelihoodRatio: m.likelihoodRatio, likelihoodRatioDF: m.likelihoodRatioDF,
            likelihoodRatioPValue: m.likelihoodRatioPValue, dfResidual: m.dfResidual, iterations: m.iterations,
            converged: m.converged, separation: m.separation, aliased: m.aliased, warnings: m.warnings,
            penalty: m.penalty.description)
        let training = DefaultModel.TrainingInfo(
            source: settings.source, sourceSHA256: settings.sourceSHA256, window: settings.window,
            rows: table.rowCount, positives: Int(labels.reduce(0, +)), trainingRows: split.train.count,
            testRows: split.test.count, excluded: settings.exclude,
            allowedProtected: features.filter { ProtectedAttributes.match($0) != nil }, weightsColumn: settings.weights,
            seed: settings.seed, createdAt: settings.createdAt, solventVersion: settings.solventVersion,
            settings: settings.described)
        return DefaultModel(name: settings.name, method: fitted.method, target: settings.target, idColumn: settings.id,
                            features: features, design: fitted.design, scorecard: scorecard, coefficients: coefficients,
                            fit: fit, scaling: settings.scaling, bands: settings.bands, reasonReference: reference,
                            metrics: metrics, training: training)
    }
}
