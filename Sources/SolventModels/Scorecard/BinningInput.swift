/// Input checks shared by numeric and categorical binning.
enum BinningInput {
    /// The column name used for the target in error messages.
    static let labelColumn = "label"

    /// Checks row counts, 0/1 labels and weights, in this order: no rows;
    /// labels (then weights) of the wrong length; a label other than 0/1; a
    /// non-finite weight; a negative weight; all weights zero; one class among
    /// the rows of positive weight. Returns the weights (all 1 when nil).
    static func check(feature: String, count: Int, labels: [Int],
                      weights: [Double]?) throws(ModelError) -> [Double] {
        guard count > 0 else { throw .empty("feature '\(feature)' has no rows") }
        guard labels.count == count else {
            throw .invalidArgument("feature '\(feature)' has \(count) values but \(labels.count) labels")
        }
        let w = weights ?? Array(repeating: 1, count: count)
        guard w.count == count else {
            throw .badWeights("\(w.count) weights for \(count) rows of '\(feature)'")
        }
        if let row = labels.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw .badLabel(column: labelColumn, row: row, value: String(labels[row]))
        }
        if let row = w.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(column: "weight", row: row, value: w[row])
        }
        if let row = w.firstIndex(where: { $0 < 0 }) {
            throw .badWeights("weight \(w[row]) at row \(row + 1) is negative")
        }
        var rows = 0, bads = 0
        for (label, weight) in zip(labels, w) where weight > 0 {
            rows += 1
            bads += label
        }
        guard rows > 0 else { throw .badWeights("all \(count) weights are zero") }
        if bads == 0 || bads == rows {
            throw .oneClass(column: labelColumn, label: bads == 0 ? 0 : 1, rows: rows)
        }
        return w
    }

    /// Weighted goods and bads of some rows, summed in a canonical order
    /// (by label, then weight) so the sum does not depend on row order.
    static func counts(of rows: [Int], labels: [Int], weights: [Double]) -> BinCounts {
        let sorted = rows.sorted { a, b in
            labels[a] != labels[b] ? labels[a] < labels[b] : weights[a] < weights[b]
        }
        var c = BinCounts()
        for i in sorted { c.add(label: labels[i], weight: weights[i]) }
        return c
    }
}
