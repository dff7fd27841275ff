import SolventNumerics

/// Choosing the number of segments: one k-means fit per k of a range, judged
/// by the silhouette on a seeded sample, with the Calinski–Harabasz index and
/// the inertia (the elbow) beside it.
///
/// The rule: the smallest k whose silhouette is within `tolerance` (default
/// 0.01) of the largest. Silhouettes a hundredth apart are not told apart by
/// a sample of 10,000 rows, and fewer segments are easier to run policies on
/// (the same parsimony as glmnet's `lambda.1se`). The elbow is reported, not
/// used: the k farthest below the straight line from the first to the last
/// point of the inertia curve.
public struct KSelection: Sendable, Hashable, Codable {
    public struct Point: Sendable, Hashable, Codable {
        public let k: Int
        /// Mean silhouette on the sample (Euclidean, scaled units).
        public let silhouette: Double
        /// Calinski–Harabasz index on all rows.
        public let calinskiHarabasz: Double
        /// Inertia on all rows (scaled units).
        public let inertia: Double
    }

    /// One point per k, ascending.
    public let points: [Point]
    /// The k chosen by the rule.
    public let chosen: Int
    /// The k with the largest silhouette.
    public let bestSilhouette: Int
    /// The elbow of the inertia curve.
    public let elbow: Int
    /// Rows in the silhouette sample.
    public let sampleRows: Int
    public let tolerance: Double

    /// Fits k-means for every k in `lower...upper` on `x` (scaled) and applies the rule.
    /// Returns the selection and the model at the chosen k.
    static func select(_ x: Matrix, lower: Int, upper: Int, settings: SegmentSettings,
                       columnNames: [String]) throws(ModelError) -> (KSelection, KMeansModel) {
        guard lower >= 2, upper > lower else {
            throw .invalidArgument("--k-range \(lower)..\(upper): automatic k needs 2 ≤ lower < upper")
        }
        guard upper < x.rows else {
            throw .invalidArgument("--k-range \(lower)..\(upper): the largest k must be below the number of rows (\(x.rows))")
        }
        let sample = sampleRows(x.rows, size: settings.silhouetteSample, seed: settings.seed)
        let xs = x.selectingRows(sample)
        var points: [Point] = [], models: [KMeansModel] = []
        for k in lower...upper {
            let model = try KMeans(k: k, nInit: settings.nInit, seed: settings.seed, algorithm: settings.algorithm)
                .fit(x, columnNames: columnNames)
            let sampleLabels = sample.map { model.labels[$0] }
            let silhouette = (try? ClusterQuality.silhouette(xs, labels: sampleLabels)) ?? -1
            let ch = (try? ClusterQuality.calinskiHarabasz(x, labels: model.labels)) ?? 0
            points.append(Point(k: k, silhouette: silhouette, calinskiHarabasz: ch, inertia: model.inertia))
            models.append(model)
        }
        let best = points.max { $0.silhouette < $1.silhouette } ?? points[0]
        let chosenIndex = points.firstIndex { $0.silhouette >= best.silhouette - settings.silhouetteTolerance } ?? 0
        let selection = KSelection(points: points, chosen: points[chosenIndex].k, bestSilhouette: best.k,
                                   elbow: elbow(points), sampleRows: sample.count, tolerance: settings.silhouetteTolerance)
        return (selection, models[chosenIndex])
    }

    /// The k farthest below the chord from the first to the last (k, inertia) point, both axes scaled to 0–1.
    static func elbow(_ points: [Point]) -> Int {
        guard let first = points.first, let last = points.last, points.count > 2 else { return points.first?.k ?? 1 }
        let dk = Double(last.k - first.k), span = first.inertia - last.inertia
        guard span > 0 else { return first.k }
        var best = first.k, bestGap = -Double.infinity
        for p in points {
            let t = Double(p.k - first.k) / dk
            let chord = 1 - t, y = (p.inertia - last.inertia) / span
            if chord - y > bestGap { bestGap = chord - y; best = p.k }
        }
        return best
    }

    /// A seeded sample of `size` distinct row indices (all rows when there are fewer), ascending.
    static func sampleRows(_ n: Int, size: Int, seed: UInt64) -> [Int] {
        guard n > size else { return Array(0..<n) }
        var generator = Xoshiro256StarStar(seed: seed ^ 0x5EED_511)
        var indices = Array(0..<n)
        for i in 0..<size {  // partial Fisher–Yates
            let j = i + Int(generator.next() % UInt64(n - i))
            indices.swapAt(i, j)
        }
        return indices[0..<size].sorted()
    }
}
