import CLAPACK
import SolventNumerics

/// How well a partition separates the rows, for choosing k: the silhouette
/// (Rousseeuw 1987) and the Calinski–Harabasz index, as scikit-learn's
/// `silhouette_score` and `calinski_harabasz_score` compute them (squared
/// Euclidean distances inside, Euclidean for the silhouette).
public enum ClusterQuality {
    /// The mean silhouette s(i) = (b − a) / max(a, b) over the rows, with a
    /// the mean distance to the other members of i's cluster and b the
    /// smallest mean distance to another cluster; s(i) = 0 for a row alone
    /// in its cluster (scikit-learn's convention). Exact: O(n² d), in row
    /// blocks by GEMM — meant for up to about 10,000 rows (sample first).
    ///
    /// - Throws: when labels and rows differ in number, fewer than 2 or as
    ///   many clusters as rows, or non-finite values.
    public static func silhouette(_ x: Matrix, labels: [Int]) throws(ModelError) -> Double {
        let n = x.rows, d = x.columns
        let k = try clusterCount(x, labels: labels)
        var sizes = [Int](repeating: 0, count: k)
        for l in labels { sizes[l] += 1 }
        // ‖xᵢ‖², then per block of rows the distances to all rows: ‖xᵢ‖² + ‖xⱼ‖² − 2 xᵢ·xⱼ.
        var norms = [Double](repeating: 0, count: n)
        for j in 0..<d { for i in 0..<n { norms[i] += x[i, j] * x[i, j] } }
        let block = 256
        var total = 0.0
        var products = [Double](repeating: 0, count: block * n)
        var sums = [Double](repeating: 0, count: k)
        var start = 0
        while start < n {
            let b = min(block, n - start)
            let rows = x.rows(start..<(start + b))
            rows.storage.withUnsafeBufferPointer { a in
                x.storage.withUnsafeBufferPointer { all in
                    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, Int32(b), Int32(n), Int32(d), 1,
                                a.baseAddress, Int32(b), all.baseAddress, Int32(n), 0, &products, Int32(b))
                }
            }
            for r in 0..<b {
                let i = start + r
                for c in 0..<k { sums[c] = 0 }
                for j in 0..<n where j != i {
                    let squared = max(0, norms[i] + norms[j] - 2 * products[r + j * b])
                    sums[labels[j]] += squared.squareRoot()
                }
                let own = labels[i]
                guard sizes[own] > 1 else { continue }
                let a = sums[own] / Double(sizes[own] - 1)
                var nearest = Double.infinity
                for c in 0..<k where c != own && sizes[c] > 0 { nearest = min(nearest, sums[c] / Double(sizes[c])) }
                let m = max(a, nearest)
                total += m > 0 ? (nearest - a) / m : 0
            }
            start += b
        }
        return total / Double(n)
    }

    /// Calinski–Harabasz: [B / (k − 1)] / [W / (n − k)], B and W the between-
    /// and within-cluster sums of squares.
    public static func calinskiHarabasz(_ x: Matrix, labels: [Int]) throws(ModelError) -> Double {
        let n = x.rows, d = x.columns
        let k = try clusterCount(x, labels: labels)
        var sizes = [Double](repeating: 0, count: k)
        var means = [Double](repeating: 0, count: k * d)
        var overall = [Double](repeating: 0, count: d)
        for i in 0..<n {
            sizes[labels[i]] += 1
            for j in 0..<d {
                means[labels[i] * d + j] += x[i, j]
                overall[j] += x[i, j]
            }
        }
        for j in 0..<d { overall[j] /= Double(n) }
        for c in 0..<k where sizes[c] > 0 { for j in 0..<d { means[c * d + j] /= sizes[c] } }
        var between = 0.0, within = 0.0
        for c in 0..<k { for j in 0..<d { between += sizes[c] * (means[c * d + j] - overall[j]) * (means[c * d + j] - overall[j]) } }
        for i in 0..<n { for j in 0..<d { within += (x[i, j] - means[labels[i] * d + j]) * (x[i, j] - means[labels[i] * d + j]) } }
        guard within > 0 else { return 1 }  // scikit-learn: every point on its centre gives 1
        return between * Double(n - k) / (within * Double(k - 1))
    }

    /// The number of clusters (labels are 0..<k), after the checks both indices need.
    /// The adjusted Rand index of two partitions of the same rows (Hubert &
    /// Arabie 1985), as scikit-learn's `adjusted_rand_score`: 1 for the same
    /// partition whatever the label numbers, about 0 for independent ones.
    /// From the contingency table nᵢⱼ with row sums aᵢ and column sums bⱼ:
    /// (Σ C(nᵢⱼ,2) − E) / (½(Σ C(aᵢ,2) + Σ C(bⱼ,2)) − E), E = Σ C(aᵢ,2) Σ C(bⱼ,2) / C(n,2);
    /// 1 when both partitions are trivial in the same way (numerator and denominator 0).
    /// Labels may be any integers.
    public static func adjustedRandIndex(_ a: [Int], _ b: [Int]) throws(ModelError) -> Double {
        guard a.count == b.count else { throw .invalidArgument("\(a.count) labels against \(b.count)") }
        guard !a.isEmpty else { throw .empty("no labels") }
        func pairs(_ m: Int) -> Double { Double(m) * Double(m - 1) / 2 }
        var cells: [Int64: Int] = [:], rows: [Int: Int] = [:], columns: [Int: Int] = [:]
        for (x, y) in zip(a, b) {
            cells[Int64(truncatingIfNeeded: x) << 32 ^ Int64(UInt32(truncatingIfNeeded: y)), default: 0] += 1
            rows[x, default: 0] += 1
            columns[y, default: 0] += 1
        }
        let index = cells.values.reduce(0) { $0 + pairs($1) }
        let sumA = rows.values.reduce(0) { $0 + pairs($1) }, sumB = columns.values.reduce(0) { $0 + pairs($1) }
        let expected = sumA * sumB / pairs(a.count)
        let maximum = (sumA + sumB) / 2
        guard maximum != expected else { return 1 }
        return (index - expected) / (maximum - expected)
    }

    static func clusterCount(_ x: Matrix, labels: [Int]) throws(ModelError) -> Int {
        guard labels.count == x.rows else { throw .invalidArgument("\(labels.count) labels for \(x.rows) rows") }
        guard x.rows > 0 else { throw .empty("no rows") }
        if let (row, column) = x.firstNonFinite() {
            throw .nonFinite(column: "column \(column + 1)", row: row, value: x[row, column])
        }
        guard let low = labels.min(), low >= 0, let high = labels.max() else {
            throw .invalidArgument("labels must be 0, 1, …, k − 1")
        }
        let distinct = Set(labels).count
        guard distinct >= 2 && distinct < x.rows else {
            throw .invalidArgument("the index needs between 2 and \(x.rows - 1) clusters; the labels have \(distinct)")
        }
        return high + 1
    }
}
