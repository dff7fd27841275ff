import SolventNumerics

/// One fit of a default model on some rows — the final model, or one fold of
/// cross-validation — and its linear predictor on any rows of the same table.
struct PDFit: Sendable {
    let method: DefaultModel.Method
    let design: DesignSpecification?
    /// Scorecard: binnings of the features selected by IV (fit order), and the IV table of all.
    let binnings: [FeatureBinning]
    let informationValues: [InformationValueSummary]
    let model: LogisticModel
    /// Logistic method: the weighted mean of each design column over the rows fitted
    /// (the reference point of reason codes).
    let columnMeans: [Double]?

    /// Fits on `rows` of `table`. `design` (logistic) is made once from the
    /// whole table so every fold codes the same levels; a level absent from
    /// the rows fitted is aliased (coefficient absent, scored as the reference).
    static func fit(_ table: DataTable, rows: [Int], labels: [Double], weights: [Double]?, features: [String],
                    design: DesignSpecification?, settings: DefaultModelSettings) throws(ModelError) -> PDFit {
        let part = try table.selecting(rows: rows)
        let y = rows.map { labels[$0] }
        let w = weights.map { ws in rows.map { ws[$0] } }
        let regression = LogisticRegression(penalty: settings.penalty)
        switch settings.method {
        case .logistic:
            guard let design else { preconditionFailure("the logistic method needs a design") }
            let x = try design.design(for: part, allowingExtraColumns: true)
            let model = try regression.fit(x, y, names: design.columnNames, weights: w, target: settings.target)
            return PDFit(method: .logistic, design: design, binnings: [], informationValues: [], model: model,
                         columnMeans: weightedMeans(x, weights: w))
        case .scorecard:
            let intLabels = y.map { Int($0) }
            var all: [FeatureBinning] = []
            for f in features {
                switch try part.column(f) {
                case .numeric(let c):
                    all.append(try settings.binning.fitNumeric(feature: f, values: c.optionals, labels: intLabels, weights: w))
                case .categorical(let c):
                    all.append(try settings.binning.fitCategorical(feature: f, levels: c.values, labels: intLabels, weights: w))
                }
            }
            let selected = InformationValue.select(all, threshold: settings.ivThreshold)
            guard !selected.isEmpty else {
                let best = all.map(\.informationValue).max() ?? 0
                throw .invalidArgument("no feature reaches the information value threshold \(settings.ivThreshold) (the best has \(best)); lower it or check the target")
            }
            let x = try woeDesign(part, binnings: selected)
            let model = try regression.fit(x, y, names: ["(Intercept)"] + selected.map(\.feature), weights: w,
                                           target: settings.target)
            return PDFit(method: .scorecard, design: nil, binnings: selected,
                         informationValues: InformationValue.summary(all, threshold: settings.ivThreshold), model: model,
                         columnMeans: nil)
        }
    }

    /// Σᵢ wᵢ xᵢⱼ / Σᵢ wᵢ for each column j (w = 1 without weights), read column by column.
    static func weightedMeans(_ x: Matrix, weights: [Double]?) -> [Double] {
        let n = x.rows
        let total = weights?.reduce(0, +) ?? Double(n)
        return x.storage.withUnsafeBufferPointer { s in
            (0..<x.columns).map { j in
                let column = s.baseAddress! + j * n
                var sum = 0.0
                if let w = weights { for i in 0..<n { sum += w[i] * column[i] } } else { for i in 0..<n { sum += column[i] } }
                return sum / total
            }
        }
    }

    /// Intercept then one WoE column per binning.
    static func woeDesign(_ table: DataTable, binnings: [FeatureBinning]) throws(ModelError) -> Matrix {
        var columns: [[Double]] = [[Double](repeating: 1, count: table.rowCount)]
        for b in binnings {
            switch try table.column(b.feature) {
            case .numeric(let c): columns.append(try b.woeColumn(c.optionals))
            case .categorical(let c): columns.append(try b.woeColumn(c.values))
            }
        }
        do { return try Matrix(columnArrays: columns) } catch { throw .numeric("the WoE design", error) }
    }

    /// η for every row of `table` (rows not fitted included).
    func linearPredictor(_ table: DataTable) throws(ModelError) -> [Double] {
        switch method {
        case .logistic:
            guard let design else { preconditionFailure("the logistic method has a design") }
            return try model.linearPredictor(design.design(for: table, allowingExtraColumns: true))
        case .scorecard:
            return try model.linearPredictor(Self.woeDesign(table, binnings: binnings))
        }
    }
}

extension NumericColumn {
    /// The values with missing ones as nil.
    var optionals: [Double?] { (0..<count).map { self[$0] } }
}
