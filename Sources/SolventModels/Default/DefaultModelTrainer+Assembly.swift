extension DefaultModelTrainer {
    /// The model file's content from the final fit.
    static func assemble(_ fitted: PDFit, table: DataTable, features: [String],
                         labels: [Double], split: Split, metrics: DefaultModel.Metrics,
                         settings: DefaultModelSettings) throws(ModelError) -> DefaultModel {
        let m = fitted.model
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
            reference = fitted.columnMeans
        }
        let fit = DefaultModel.FitSummary(m)
        let training = DefaultModel.TrainingInfo(
            source: settings.source, sourceSHA256: settings.sourceSHA256, window: settings.window,
            rows: table.rowCount, positives: Int(labels.reduce(0, +)), trainingRows: split.train.count,
            testRows: split.test.count, excluded: settings.exclude,
            allowedProtected: features.filter { ProtectedAttributes.match($0) != nil }, weightsColumn: settings.weights,
            seed: settings.seed, createdAt: settings.createdAt, solventVersion: settings.solventVersion,
            settings: settings.described)
        return DefaultModel(name: settings.name, method: fitted.method, target: settings.target, idColumn: settings.id,
                            features: features, design: fitted.design, scorecard: scorecard, coefficients: m.coefficients,
                            fit: fit, scaling: settings.scaling, bands: settings.bands, reasonReference: reference,
                            metrics: metrics, training: training)
    }
}
