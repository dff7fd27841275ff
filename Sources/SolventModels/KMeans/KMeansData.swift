import SolventNumerics

/// The data as the k-means iterations see it: the n × d matrix centred on its
/// unweighted column means (column-major), the weights (1 when none given)
/// and the split of the rows into spans and blocks.
struct KMeansData: Sendable {
    let rows: Int
    let columns: Int
    /// xᵢⱼ − x̄ⱼ, column-major, leading dimension `rows`.
    let x: [Double]
    let weights: [Double]
    let mean: [Double]
    /// Rows per block of the distance step (a block of distances, blockRows × k,
    /// stays in cache).
    static let blockRows = 256

    init(_ matrix: Matrix, weights: [Double]?) {
        rows = matrix.rows
        columns = matrix.columns
        var x = matrix.storage
        var mean = [Double](repeating: 0, count: columns)
        for j in 0..<columns {
            let base = j * rows
            var s = 0.0
            for i in 0..<rows { s += x[base + i] }
            mean[j] = s / Double(rows)
            for i in 0..<rows { x[base + i] -= mean[j] }
        }
        self.x = x
        self.mean = mean
        self.weights = weights ?? [Double](repeating: 1, count: rows)
    }

    /// The row ranges worked on concurrently: two contiguous spans once there
    /// are at least 8 blocks, else one. Fixed by `rows` alone, so sums do not
    /// depend on the number of threads.
    var spans: [Range<Int>] {
        let count = max(1, min(2, rows / (4 * Self.blockRows)))
        let size = (rows + count - 1) / count
        return (0..<count).map { s in (s * size)..<min(rows, (s + 1) * size) }
    }

    /// The mean over columns of the population variance (scikit-learn's
    /// `np.mean(np.var(X, axis=0))`), the scale of the tolerance.
    func meanVariance() -> Double {
        var total = 0.0
        for j in 0..<columns {
            var s = 0.0
            for i in 0..<rows { let v = x[j * rows + i]; s += v * v }
            total += s / Double(rows)
        }
        return total / Double(columns)
    }

    /// The number of distinct rows with weight > 0, counting no further than `limit`.
    func distinctRows(upTo limit: Int) -> Int {
        var seen = Set<[Double]>()
        for i in 0..<rows where weights[i] > 0 {
            seen.insert(row(i))
            if seen.count >= limit { break }
        }
        return seen.count
    }

    /// Row i (centred).
    func row(_ i: Int) -> [Double] {
        (0..<columns).map { x[$0 * rows + i] }
    }

    /// Centres given in the original units as a centred k × d column-major array.
    func centred(_ centres: Matrix) -> [Double] {
        var c = centres.storage
        for j in 0..<columns { for r in 0..<centres.rows { c[j * centres.rows + r] -= mean[j] } }
        return c
    }

    /// Centred k × d centres back in the original units.
    func uncentred(_ centres: [Double], k: Int) -> Matrix {
        var c = centres
        for j in 0..<columns { for r in 0..<k { c[j * k + r] += mean[j] } }
        guard let m = try? Matrix(rows: k, columns: columns, columnMajor: c) else {
            preconditionFailure("centres have \(c.count) values for \(k) × \(columns)")
        }
        return m
    }
}
