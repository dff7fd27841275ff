import SolventNumerics

/// One scored row: `id, pd, score, band, reason_1 … reason_4`.
public struct DefaultScore: Sendable, Hashable {
    public let id: String
    public let pd: Double
    public let score: Double
    public let band: String
    /// Up to four features that lowered the score most, most first.
    public let reasons: [String]
}

extension DefaultModel {
    /// The number of reason codes per score (RELIABILITY.md).
    public static let reasonCodes = 4

    /// Scores every row of `table`, which must hold the model's features
    /// (columns that are the id, target or weights are ignored; any other
    /// column the model does not know, or a feature it lacks, is an error
    /// listing both). Rows without an id column are numbered from 1.
    ///
    /// Reason codes — logistic: each feature's contribution to the log-odds
    /// of default against the training mean, Σⱼ βⱼ (xⱼ − x̄ⱼ) over its design
    /// columns; the features with the largest positive contributions (those
    /// that raise the PD, i.e. lower the score) are listed. Scorecard: the
    /// features whose points fall furthest below their best bin.
    public func score(_ table: DataTable) throws(ModelError) -> [DefaultScore] {
        let ignored = nonFeatureColumns
        let (missing, extra) = (features.filter { !table.contains($0) },
                                table.names.filter { !features.contains($0) && !ignored.contains($0) })
        guard missing.isEmpty, extra.isEmpty else { throw .featureMismatch(missing: missing, extra: extra) }
        let ids = try rowIDs(table)
        switch method {
        case .logistic: return try scoreLogistic(table, ids: ids)
        case .scorecard: return try scoreCard(table, ids: ids)
        }
    }

    private func rowIDs(_ table: DataTable) throws(ModelError) -> [String] {
        guard let idColumn, table.contains(idColumn) else { return (1...max(table.rowCount, 1)).prefix(table.rowCount).map(String.init) }
        switch try table.column(idColumn) {
        case .categorical(let c): return (0..<c.count).map { c[$0] ?? "" }
        case .numeric(let c): return (0..<c.count).map { c[$0].map { $0 == $0.rounded() ? String(Int64($0)) : "\($0)" } ?? "" }
        }
    }

    private func scoreLogistic(_ table: DataTable, ids: [String]) throws(ModelError) -> [DefaultScore] {
        guard let design, let reasonReference else { throw .invalidArgument("the model file has no design") }
        let x = try design.design(for: table, ignoring: nonFeatureColumns, allowingExtraColumns: true)
        let beta = coefficients.map { $0.estimate ?? 0 }
        var eta = [Double](repeating: 0, count: x.rows)
        for (j, b) in beta.enumerated() where b != 0 {
            x.storage.withUnsafeBufferPointer { s in
                let column = s.baseAddress! + j * x.rows
                for i in 0..<x.rows { eta[i] += b * column[i] }
            }
        }
        let groups = design.featureColumns.map { $0.map { $0 } }
        var contribution = [Double](repeating: 0, count: groups.count)
        return (0..<x.rows).map { i in
            for (f, columns) in groups.enumerated() {
                var c = 0.0
                for j in columns { c += beta[j] * (x[i, j] - reasonReference[j]) }
                contribution[f] = c
            }
            return makeScore(id: ids[i], eta: eta[i], reasons: topReasons(contribution, names: design.featureNames))
        }
    }

    private func scoreCard(_ table: DataTable, ids: [String]) throws(ModelError) -> [DefaultScore] {
        guard let part = scorecard else { throw .invalidArgument("the model file has no scorecard") }
        let card = try Scorecard(binnings: part.binnings, intercept: part.intercept, coefficients: part.coefficients,
                                 scaling: scaling)
        var bins: [[Int]] = []
        for b in card.binnings {
            switch try table.column(b.feature) {
            case .numeric(let c): bins.append(try (0..<c.count).map { i throws(ModelError) in try b.binIndex(for: c[i]) })
            case .categorical(let c): bins.append(try (0..<c.count).map { i throws(ModelError) in try b.binIndex(for: c[i]) })
            }
        }
        var shortfall = [Double](repeating: 0, count: bins.count)
        return (0..<table.rowCount).map { i in
            var eta = card.intercept
            for (f, b) in card.binnings.enumerated() {
                let k = bins[f][i]
                eta += card.coefficients[f] * b.bins[k].woe
                shortfall[f] = card.referencePoints[f] - card.points[f][k]
            }
            return makeScore(id: ids[i], eta: eta, reasons: topReasons(shortfall, names: card.features))
        }
    }

    /// The names of the (at most four) largest positive values, largest first, ties in feature order.
    private func topReasons(_ values: [Double], names: [String]) -> [String] {
        values.indices.filter { values[$0] > 1e-12 }
            .sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
            .prefix(Self.reasonCodes).map { names[$0] }
    }

    private func makeScore(id: String, eta: Double, reasons: [String]) -> DefaultScore {
        let pd = logistic(eta)
        return DefaultScore(id: id, pd: pd, score: scaling.score(logOddsGood: -eta), band: bands.band(for: pd), reasons: reasons)
    }
}
