/// A model's performance on labelled data: discrimination, accuracy,
/// calibration by decile, PSI of the score against the training
/// distribution, and (scorecards) CSI of each feature's bins.
public struct ValidationReport: Sendable, Codable {
    public let validation: BinaryValidation
    public let psi: StabilityIndex
    public let csi: [String: StabilityIndex]

    public init(model: DefaultModel, table: DataTable, target: String) throws(ModelError) {
        let labels = try DefaultModelTrainer.targetLabels(table, target)
        let scores = try model.score(table)
        validation = try BinaryValidation(labels: labels, probabilities: scores.map(\.pd))
        psi = try model.metrics.scoreDistribution.stability(of: scores.map(\.score))
        var csi: [String: StabilityIndex] = [:]
        for b in model.scorecard?.binnings ?? [] {
            var labelsNow: [String] = []
            switch try table.column(b.feature) {
            case .numeric(let c): for i in 0..<c.count { labelsNow.append(b.bins[try b.binIndex(for: c[i])].label) }
            case .categorical(let c): for i in 0..<c.count { labelsNow.append(b.bins[try b.binIndex(for: c[i])].label) }
            }
            let expectedCounts = b.bins.map { Int(($0.count).rounded()) }
            let actualCounts = b.bins.map { bin in labelsNow.filter { $0 == bin.label }.count }
            csi[b.feature] = StabilityIndex(labels: b.bins.map(\.label), lower: b.bins.map { _ in nil },
                                            upper: b.bins.map { _ in nil }, expectedCounts: expectedCounts,
                                            actualCounts: actualCounts)
        }
        self.csi = csi
    }

    public func text(modelName: String, data: String) -> String {
        let v = validation
        var out = "validation of \(modelName) on \(data): \(v.rows) rows, \(fmt(v.positives, 0)) defaults\n\n"
        out += "AUC \(fmt(v.auc, 4))   Gini \(fmt(v.gini, 4))   KS \(fmt(v.ks, 4))   Brier \(fmt(v.brier, 4))   log-loss \(fmt(v.logLoss, 4))\n"
        if let hl = v.hosmerLemeshow {
            out += "Hosmer–Lemeshow χ² \(fmt(hl.statistic, 3)) on \(hl.degreesOfFreedom) df, p = \(fmt(hl.pValue, 4)) (\(hl.groupsUsed) groups)\n"
        }
        out += "\ncalibration by decile of PD\n"
        out += ["group", "rows", "mean PD", "observed", "expected", "defaults"].map { $0.leftPadded(10) }.joined() + "\n"
        for g in v.calibration {
            out += ["\(g.group)", "\(g.rows)", fmt(g.meanPredicted, 4), fmt(g.observedRate, 4), fmt(g.expectedPositives, 1),
                    fmt(g.observedPositives, 0)].map { $0.leftPadded(10) }.joined() + "\n"
        }
        out += "\nPSI of the score against training: \(fmt(psi.total, 4)) (\(psi.stability.rawValue))\n"
        for (feature, index) in csi.sorted(by: { $0.key < $1.key }) {
            out += "CSI \(feature): \(fmt(index.total, 4)) (\(index.stability.rawValue))\n"
        }
        return out
    }
}
