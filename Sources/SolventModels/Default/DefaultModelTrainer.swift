import Foundation

/// Trains a default model on any table: checks the columns, refuses
/// protected attributes, holds out test rows, fits (logistic or scorecard),
/// validates on the training rows, the held-out rows and k folds, and
/// assembles the `DefaultModel` that goes into the model file.
public enum DefaultModelTrainer {
    public static func train(_ table: DataTable, settings: DefaultModelSettings) throws(ModelError) -> DefaultModel {
        let labels = try targetLabels(table, settings.target)
        let weights = try settings.weights.map { name throws(ModelError) in try weightColumn(table, name) }
        var roles = [settings.target]
        if let id = settings.id { _ = try table.column(id); roles.append(id) }
        if let w = settings.weights { roles.append(w) }
        if case .outOfTime(let column, _) = settings.holdout { _ = try table.column(column); roles.append(column) }
        for name in settings.exclude { _ = try table.index(of: name) }
        let features = table.names.filter { !roles.contains($0) && !settings.exclude.contains($0) }
        guard !features.isEmpty else { throw .empty("no feature columns left after the target, id, weights and --exclude") }
        try ProtectedAttributes.check(features: features, allowed: settings.allowFeatures)

        let split = try holdout(table, labels: labels, settings: settings)
        let design = settings.method == .logistic
            ? try DesignSpecification(fitting: table, features: features, missing: .indicator) : nil
        let fitted = try PDFit.fit(table, rows: split.train, labels: labels, weights: weights, features: features,
                                   design: design, settings: settings)
        let eta = try fitted.linearPredictor(table)
        let pd = eta.map(logistic)
        func validation(_ rows: [Int]) throws(ModelError) -> ValidationSummary {
            ValidationSummary(try BinaryValidation(labels: rows.map { labels[$0] }, probabilities: rows.map { pd[$0] },
                                                   weights: weights.map { w in rows.map { w[$0] } }))
        }
        let metrics = DefaultModel.Metrics(
            training: try validation(split.train),
            test: split.test.isEmpty ? nil : try validation(split.test),
            testDescription: split.description,
            crossValidation: try settings.folds.map { k throws(ModelError) in
                try crossValidate(table, rows: split.train, labels: labels, weights: weights, features: features,
                                  design: design, folds: k, settings: settings)
            },
            scoreDistribution: try ScoreDistribution(scores: split.train.map { settings.scaling.score(logOddsGood: -eta[$0]) }))
        return try assemble(fitted, table: table, features: features,
                            labels: labels, split: split, metrics: metrics, settings: settings)
    }

    /// The target as 0/1, with the row of the first value that is not.
    static func targetLabels(_ table: DataTable, _ name: String) throws(ModelError) -> [Double] {
        guard case .numeric(let c) = try table.column(name) else {
            let text = try table.categorical(name)
            let row = (0..<text.count).first { text[$0] != "0" && text[$0] != "1" } ?? 0
            throw .badLabel(column: name, row: row, value: text[row] ?? "missing")
        }
        var y = [Double](repeating: 0, count: c.count)
        for i in 0..<c.count {
            guard let v = c[i] else { throw .badLabel(column: name, row: i, value: "missing") }
            guard v == 0 || v == 1 else { throw .badLabel(column: name, row: i, value: v.isFinite ? "\(v)" : "\(v)") }
            y[i] = v
        }
        return y
    }

    static func weightColumn(_ table: DataTable, _ name: String) throws(ModelError) -> [Double] {
        let c = try table.numeric(name)
        return try (0..<c.count).map { i throws(ModelError) in
            guard let v = c[i] else { throw .badWeights("weight missing at row \(i + 1)") }
            return v
        }
    }

    struct Split {
        var train: [Int]
        var test: [Int]
        var description: String?
    }

    static func holdout(_ table: DataTable, labels: [Double], settings: DefaultModelSettings) throws(ModelError) -> Split {
        let all = Array(0..<table.rowCount)
        let intLabels = labels.map { Int($0) }
        switch settings.holdout {
        case .none:
            return Split(train: all, test: [], description: nil)
        case .fraction(let f):
            let s = try CrossValidation.stratifiedSplit(labels: intLabels, testFraction: f, seed: settings.seed)
            return Split(train: s.train, test: s.test,
                         description: "random \(Int((f * 100).rounded())) % of the rows, stratified by the target (seed \(settings.seed))")
        case .outOfTime(let column, let cutoff):
            let keys = try orderKeys(table, column)
            let values = keys.texts
            let cut = values.filter { $0 < cutoff || Self.numericLess($0, cutoff) }.count
            let s = try CrossValidation.outOfTime(keys: keys.ranks, cutoff: cut, labels: intLabels)
            return Split(train: s.train, test: s.test, description: "out of time: \(column) ≥ \(cutoff)")
        }
    }

    /// Each row's rank among the column's distinct values (ISO dates and numbers sort in time order).
    static func orderKeys(_ table: DataTable, _ column: String) throws(ModelError) -> (ranks: [Int], texts: [String]) {
        switch try table.column(column) {
        case .numeric(let c):
            let distinct = Array(Set((0..<c.count).compactMap { c[$0] })).sorted()
            let rank = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
            return (try (0..<c.count).map { i throws(ModelError) in
                guard let v = c[i], let r = rank[v] else { throw .invalidArgument("'\(column)' is missing at row \(i + 1)") }
                return r
            }, distinct.map { "\($0)" })
        case .categorical(let c):
            let distinct = c.levels.sorted()
            let rank = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
            return (try (0..<c.count).map { i throws(ModelError) in
                guard let v = c[i], let r = rank[v] else { throw .invalidArgument("'\(column)' is missing at row \(i + 1)") }
                return r
            }, distinct)
        }
    }

    private static func numericLess(_ a: String, _ b: String) -> Bool {
        guard let x = Double(a), let y = Double(b) else { return false }
        return x < y
    }

    static func crossValidate(_ table: DataTable, rows: [Int], labels: [Double], weights: [Double]?, features: [String],
                              design: DesignSpecification?, folds k: Int, settings: DefaultModelSettings) throws(ModelError) -> CrossValidationSummary {
        let assignment = try CrossValidation.stratifiedFolds(labels: rows.map { Int(labels[$0]) }, folds: k, seed: settings.seed)
        var folds: [CrossValidationSummary.Fold] = []
        for fold in 0..<k {
            let s = CrossValidation.split(folds: assignment, test: fold)
            let train = s.train.map { rows[$0] }, test = s.test.map { rows[$0] }
            let fit = try PDFit.fit(table, rows: train, labels: labels, weights: weights, features: features,
                                    design: design, settings: settings)
            let eta = try fit.linearPredictor(table.selecting(rows: test))
            let v = try BinaryValidation(labels: test.map { labels[$0] }, probabilities: eta.map(logistic),
                                         weights: weights.map { w in test.map { w[$0] } })
            folds.append(.init(fold: fold + 1, rows: v.rows, auc: v.auc, gini: v.gini, ks: v.ks, brier: v.brier))
        }
        return CrossValidationSummary(folds: folds, seed: settings.seed)
    }
}
