import Dispatch
import SolventNumerics

/// The data as the k-means iterations see it: the n × d matrix centred on its
/// unweighted column means and stored row-major (each row's d values
/// contiguous, so a row's distances, bounds and cluster sums touch one
/// stretch of memory), each row's squared norm, the weights (1 when none
/// given) and the split of the rows into spans and blocks.
///
/// Built in two passes over the input, both on the fixed spans: the column
/// sums (also telling whether every value is finite), then the centred,
/// transposed copy with its squared norms and column sums of squares.
struct KMeansData: Sendable {
    let rows: Int
    let columns: Int
    /// xᵢⱼ − x̄ⱼ, row-major: row i is `x[(i·d)..<(i·d + d)]`.
    let x: [Double]
    /// ‖xᵢ − x̄‖² per row (for distances as ‖x‖² + ‖c‖² − 2x·c).
    let rowNorms: [Double]
    let weights: [Double]
    let mean: [Double]
    /// The mean over columns of the population variance (scikit-learn's
    /// `np.mean(np.var(X, axis=0))`), the scale of the tolerance.
    let meanVariance: Double
    /// Whether every input value was finite (else the rest is meaningless).
    let isFinite: Bool
    /// The rows in single precision for the screened assignment step.
    let panels: KMeansPanels
    /// Rows per block of the distance step (a block of distances, blockRows × k,
    /// and the block's rows stay in L2 cache).
    static let blockRows = 512

    init(_ matrix: Matrix, weights: [Double]?) {
        let n = matrix.rows, d = matrix.columns
        rows = n
        columns = d
        let spans = Self.spans(rows: n)
        var partial = [Double](repeating: 0, count: spans.count * d)
        var x = [Double](repeating: 0, count: n * d)
        var norms = [Double](repeating: 0, count: n)
        var mean = [Double](repeating: 0, count: d)
        matrix.storage.withUnsafeBufferPointer { source in
            partial.withUnsafeMutableBufferPointer { p in
                let src = SharedPointer(source.baseAddress!), ps = SharedPointer(p.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: spans.count) { s in
                    for j in 0..<d {
                        let column = src.p + j * n
                        var t = 0.0
                        for i in spans[s] { t += column[i] }
                        ps.p[s * d + j] = t
                    }
                }
            }
        }
        var finite = true
        for j in 0..<d {
            var t = 0.0
            for s in spans.indices { t += partial[s * d + j] }
            mean[j] = t / Double(n)
            finite = finite && mean[j].isFinite
        }
        // Centred and transposed, block by block (a block's rows stay in cache while
        // the columns are written into them), with the rows' squared norms.
        mean.withUnsafeBufferPointer { m in
            matrix.storage.withUnsafeBufferPointer { source in
                x.withUnsafeMutableBufferPointer { out in
                    norms.withUnsafeMutableBufferPointer { nb in
                        partial.withUnsafeMutableBufferPointer { p in
                            let src = SharedPointer(source.baseAddress!), dst = SharedPointer(out.baseAddress!)
                            let ms = SharedPointer(m.baseAddress!), ns = SharedPointer(nb.baseAddress!)
                            let ps = SharedPointer(p.baseAddress!)
                            DispatchQueue.concurrentPerform(iterations: spans.count) { s in
                                let squares = ps.p + s * d
                                for j in 0..<d { squares[j] = 0 }
                                var start = spans[s].lowerBound
                                while start < spans[s].upperBound {
                                    let end = min(spans[s].upperBound, start + 256)
                                    for j in 0..<d {
                                        let column = src.p + j * n, mj = ms.p[j]
                                        var q = 0.0
                                        for i in start..<end {
                                            let v = column[i] - mj
                                            dst.p[i * d + j] = v
                                            q += v * v
                                        }
                                        squares[j] += q
                                    }
                                    for i in start..<end {
                                        let r = dst.p + i * d
                                        var q = 0.0
                                        for j in 0..<d { q += r[j] * r[j] }
                                        ns.p[i] = q
                                    }
                                    start = end
                                }
                            }
                        }
                    }
                }
            }
        }
        var total = 0.0
        for j in 0..<d {
            var q = 0.0
            for s in spans.indices { q += partial[s * d + j] }
            total += q / Double(n)
        }
        self.x = x
        self.rowNorms = norms
        self.mean = mean
        self.meanVariance = total / Double(d)
        self.isFinite = finite && total.isFinite
        self.weights = weights ?? [Double](repeating: 1, count: n)
        self.panels = KMeansPanels(x: x, rowNorms: norms, rows: n, columns: d, parts: spans.count)
    }

    /// The row ranges worked on concurrently: one contiguous span per 4 blocks,
    /// at most 16 (so a thread slowed by other work on the machine leaves its
    /// later spans to the others), at least one. Fixed by `rows` alone, so sums
    /// do not depend on the number of threads.
    var spans: [Range<Int>] { Self.spans(rows: rows) }

    static func spans(rows: Int) -> [Range<Int>] {
        let count = max(1, min(16, rows / (4 * blockRows)))
        let size = (rows + count - 1) / count
        return (0..<count).map { s in (s * size)..<min(rows, (s + 1) * size) }
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
        Array(x[(i * columns)..<((i + 1) * columns)])
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

/// ‖a − b‖² over d contiguous values, two pairs of lanes at a time.
@inline(__always)
func squaredDistance(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ d: Int) -> Double {
    var s0 = SIMD2<Double>(0, 0), s1 = SIMD2<Double>(0, 0)
    var j = 0
    while j + 4 <= d {
        let t0 = UnsafeRawPointer(a + j).loadUnaligned(as: SIMD2<Double>.self)
            - UnsafeRawPointer(b + j).loadUnaligned(as: SIMD2<Double>.self)
        let t1 = UnsafeRawPointer(a + j + 2).loadUnaligned(as: SIMD2<Double>.self)
            - UnsafeRawPointer(b + j + 2).loadUnaligned(as: SIMD2<Double>.self)
        s0 += t0 * t0
        s1 += t1 * t1
        j += 4
    }
    var s = (s0 + s1).sum()
    while j < d { let t = a[j] - b[j]; s += t * t; j += 1 }
    return s
}

/// A k × d column-major array of centres as k × d row-major (each centre contiguous).
func rowMajorCentres(_ centres: [Double], k: Int, d: Int) -> [Double] {
    var out = [Double](repeating: 0, count: k * d)
    for c in 0..<k { for j in 0..<d { out[c * d + j] = centres[j * k + c] } }
    return out
}
