/// The checked rows of a binary validation, and the checks themselves.
///
/// Every row is checked, whatever its weight: the label must be exactly 0 or 1,
/// the probability finite and in [0, 1], the weight finite and ≥ 0. Then the
/// rows of zero weight are dropped, so for valid data a zero weight is the same
/// as removing the row. Errors name the first offending row (1-based in the
/// message, as `ModelError` prints it), checked in row order, the label before
/// the probability.
struct ValidationInput: Sendable {
    /// 0 or 1, for the rows of positive weight.
    let labels: [Double]
    /// In [0, 1], for the rows of positive weight.
    let probabilities: [Double]
    /// All > 0 (1 for every row when no weights were given).
    let weights: [Double]

    /// The rows of positive weight, aggregated by distinct probability in
    /// ascending order (tie blocks), for the rank-based metrics.
    var blocks: [ScoreBlock] { ScoreBlock.blocks(probabilities: probabilities, labels: labels, weights: weights) }

    init<Label: Numeric & CustomStringConvertible>(
        labels rawLabels: [Label], probabilities rawProbabilities: [Double], weights rawWeights: [Double]?
    ) throws(ModelError) {
        let n = rawLabels.count
        guard rawProbabilities.count == n else {
            throw .invalidArgument("labels has \(n) rows but probabilities has \(rawProbabilities.count)")
        }
        guard n > 0 else { throw .empty("no rows to validate") }
        let weights = try Self.checkedWeights(rawWeights, rows: n)
        var labels: [Double] = [], probabilities: [Double] = [], kept: [Double] = []
        labels.reserveCapacity(n); probabilities.reserveCapacity(n); kept.reserveCapacity(n)
        for i in 0..<n {
            let label = try Self.checkedLabel(rawLabels[i], row: i)
            let p = rawProbabilities[i]
            guard p.isFinite else { throw .nonFinite(column: "probability", row: i, value: p) }
            guard p >= 0, p <= 1 else {
                throw .invalidArgument("probability at row \(i + 1) is \(p); probabilities must be in [0, 1]")
            }
            let w = weights?[i] ?? 1
            if w > 0 { labels.append(Double(label)); probabilities.append(p); kept.append(w) }
        }
        guard !kept.isEmpty else { throw .badWeights("all \(n) weights are zero") }
        let positives = labels.reduce(0, +)
        if positives == 0 || positives == Double(labels.count) {
            throw .invalidArgument("AUC is undefined when the labels have one class: all \(labels.count) rows "
                + "of positive weight have label \(Int(labels[0])); validation needs both 0 and 1")
        }
        self.labels = labels
        self.probabilities = probabilities
        self.weights = kept
    }

    /// 0 or 1, or `badLabel` naming the row and the value as given.
    static func checkedLabel<Label: Numeric & CustomStringConvertible>(_ label: Label, row: Int) throws(ModelError) -> Int {
        if label == 0 { return 0 }
        if label == 1 { return 1 }
        throw .badLabel(column: "label", row: row, value: label.description)
    }

    /// All labels as 0/1 integers (for the splits), or the first bad one.
    static func checkedLabels<Label: Numeric & CustomStringConvertible>(_ labels: [Label]) throws(ModelError) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(labels.count)
        for (i, label) in labels.enumerated() { out.append(try checkedLabel(label, row: i)) }
        return out
    }

    /// nil when no weights were given; otherwise the weights, each finite and ≥ 0.
    static func checkedWeights(_ weights: [Double]?, rows: Int) throws(ModelError) -> [Double]? {
        guard let weights else { return nil }
        guard weights.count == rows else {
            throw .badWeights("\(weights.count) weights for \(rows) rows")
        }
        for (i, w) in weights.enumerated() {
            guard w.isFinite else { throw .nonFinite(column: "weight", row: i, value: w) }
            guard w >= 0 else { throw .badWeights("weight at row \(i + 1) is \(w); weights must be ≥ 0") }
        }
        return weights
    }
}

/// The rows that share one predicted probability (a tie block), summed.
struct ScoreBlock: Sendable, Hashable {
    /// The shared predicted probability.
    let score: Double
    /// The number of rows (of positive weight) in the block.
    var rows = 0
    /// Σ w over the block's rows.
    var weight = 0.0
    /// Σ w·y (the weight of the positives).
    var positive = 0.0
    /// Σ w·(1 − y) (the weight of the negatives).
    var negative = 0.0
    /// Σ w·p (the expected positives).
    var expected = 0.0

    /// Blocks in ascending order of score; within a block the rows are summed in
    /// their original order (the sort key is (probability, row)), so the sums do
    /// not depend on the sort algorithm.
    static func blocks(probabilities p: [Double], labels y: [Double], weights w: [Double]) -> [ScoreBlock] {
        let order = p.indices.sorted { p[$0] < p[$1] || (p[$0] == p[$1] && $0 < $1) }
        var blocks: [ScoreBlock] = []
        for i in order {
            if blocks.last?.score != p[i] { blocks.append(ScoreBlock(score: p[i])) }
            blocks[blocks.count - 1].add(label: y[i], probability: p[i], weight: w[i])
        }
        return blocks
    }

    private mutating func add(label: Double, probability: Double, weight w: Double) {
        rows += 1
        weight += w
        if label == 1 { positive += w } else { negative += w }
        expected += w * probability
    }
}
