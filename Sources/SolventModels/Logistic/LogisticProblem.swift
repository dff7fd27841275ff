import SolventNumerics

/// The validated input of a binomial fit: a design matrix whose columns are
/// named, 0/1 labels, optional prior (case) weights and an optional offset.
///
/// Built once by `LogisticProblem(x:y:names:...)`, which checks everything a
/// fit relies on and says what is wrong and where (RELIABILITY.md,
/// Estimators): sizes, non-finite values (column and row), labels other than
/// 0/1, weights that are negative, all zero or of the wrong length, and a
/// target with one class among the rows that carry weight.
struct LogisticProblem: Sendable {
    let x: Matrix
    let y: [Double]
    /// nil when every row has weight 1.
    let weights: [Double]?
    /// nil when there is no offset.
    let offset: [Double]?
    let names: [String]
    /// Index of the `(Intercept)` column (never penalised), if any.
    let intercept: Int?
    /// Σ weights (the number of rows when unweighted).
    let totalWeight: Double
    /// Rows with a positive weight: the `n` of BIC and of the residual degrees of freedom.
    let effectiveRows: Int
    /// Σ weights · y.
    let positiveWeight: Double

    var rows: Int { x.rows }
    var columns: Int { x.columns }

    init(x: Matrix, y: [Double], names: [String], weights: [Double]? = nil, offset: [Double]? = nil,
         target: String = "y") throws(ModelError) {
        let n = x.rows, p = x.columns
        guard n > 0 else { throw .empty("the data has no rows") }
        guard p > 0 else { throw .empty("the design has no columns (no features and no intercept)") }
        guard names.count == p else {
            throw .invalidArgument("\(names.count) column names for a design of \(p) columns")
        }
        guard y.count == n else {
            throw .invalidArgument("the target has \(y.count) values for \(n) rows")
        }
        if !Self.allFinite(x), let (row, column) = x.firstNonFinite() {
            throw .nonFinite(column: names[column], row: row, value: x[row, column])
        }
        for (i, v) in y.enumerated() where v != 0 && v != 1 {
            throw .badLabel(column: target, row: i, value: v.isNaN ? "missing" : "\(v)")
        }
        if let w = weights {
            guard w.count == n else { throw .badWeights("\(w.count) weights for \(n) rows") }
            for (i, v) in w.enumerated() {
                guard v.isFinite else { throw .nonFinite(column: "weights", row: i, value: v) }
                guard v >= 0 else { throw .badWeights("weight \(v) at row \(i + 1) is negative") }
            }
            guard w.contains(where: { $0 > 0 }) else { throw .badWeights("every weight is zero") }
        }
        if let o = offset {
            guard o.count == n else { throw .invalidArgument("the offset has \(o.count) values for \(n) rows") }
            for (i, v) in o.enumerated() where !v.isFinite {
                throw .nonFinite(column: "offset", row: i, value: v)
            }
        }
        var total = 0.0, positive = 0.0, effective = 0
        for i in 0..<n {
            let w = weights?[i] ?? 1
            guard w > 0 else { continue }
            total += w
            positive += w * y[i]
            effective += 1
        }
        if positive == 0 || positive == total {
            throw .oneClass(column: target, label: positive == 0 ? 0 : 1, rows: effective)
        }
        self.x = x
        self.y = y
        self.weights = weights
        self.offset = offset
        self.names = names
        intercept = names.firstIndex(of: "(Intercept)")
        totalWeight = total
        effectiveRows = effective
        positiveWeight = positive
    }

    /// Whether every element is finite, by a vectorisable sum: a sum of finite
    /// values that is finite proves it; otherwise the caller looks for the culprit.
    static func allFinite(_ x: Matrix) -> Bool {
        x.storage.withUnsafeBufferPointer { v in
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            var i = 0
            let n = v.count
            while i + 4 <= n {
                s0 += v[i] * 0; s1 += v[i + 1] * 0; s2 += v[i + 2] * 0; s3 += v[i + 3] * 0
                i += 4
            }
            while i < n { s0 += v[i] * 0; i += 1 }
            return (s0 + s1 + s2 + s3) == 0
        }
    }

    /// The same problem on a subset of rows (the warm-start sample) or columns (after aliasing).
    init(restricting base: LogisticProblem, rows rowIndices: [Int]? = nil, columns kept: [Int]? = nil) {
        var x = base.x
        var y = base.y, w = base.weights, o = base.offset
        if let r = rowIndices {
            x = x.selectingRows(r)
            y = r.map { base.y[$0] }
            w = base.weights.map { ws in r.map { ws[$0] } }
            o = base.offset.map { os in r.map { os[$0] } }
        }
        if let c = kept { x = x.selectingColumns(c) }
        self.x = x
        self.y = y
        weights = w
        offset = o
        names = kept.map { $0.map { base.names[$0] } } ?? base.names
        intercept = names.firstIndex(of: "(Intercept)")
        var total = 0.0, positive = 0.0, effective = 0
        for i in 0..<y.count {
            let wi = w?[i] ?? 1
            guard wi > 0 else { continue }
            total += wi
            positive += wi * y[i]
            effective += 1
        }
        totalWeight = total
        effectiveRows = effective
        positiveWeight = positive
    }
}
