/// What `SegmentTrainer` does: which k, how features are scaled and filled,
/// how k-means is started. Recorded in the model file.
public struct SegmentSettings: Sendable, Hashable, Codable {
    /// How many segments.
    public enum KChoice: Sendable, Hashable, Codable {
        /// Exactly this many (1 ≤ k ≤ rows).
        case fixed(Int)
        /// Chosen over `lower...upper` (2 ≤ lower < upper) by the silhouette
        /// rule of `KSelection`.
        case auto(lower: Int, upper: Int)
    }

    public var k: KChoice
    /// Seed of k-means++ seeding and of the silhouette sample.
    public var seed: UInt64
    /// k-means restarts per k, keeping the lowest inertia. Default 4: more
    /// than scikit-learn's 1 because segments are refitted every period and
    /// a restart more makes the partition (and so the names) steadier.
    public var nInit: Int
    /// How features are put on one scale (default z-score).
    public var scaling: FeatureScaling.Method
    /// Columns log-transformed (sign(x)·ln(1 + |x|)) before scaling, e.g. amounts.
    public var logColumns: [String]
    /// Bounds each column's values are clamped to before the log and the
    /// scaling (`FeatureScaling.Bounds`), by column; none by default.
    public var clamp: [String: FeatureScaling.Bounds]
    /// Values that replace a missing value, by column; a column not listed
    /// gets the median of its observed training values.
    public var fills: [String: Double]
    /// Rows of the seeded sample the silhouette is computed on exactly.
    public var silhouetteSample: Int
    /// `KSelection`'s tolerance: the smallest k whose silhouette is within
    /// this of the best is chosen.
    public var silhouetteTolerance: Double
    public var algorithm: KMeans.Algorithm

    public init(k: KChoice, seed: UInt64 = 20261129, nInit: Int = 4, scaling: FeatureScaling.Method = .zScore,
                logColumns: [String] = [], clamp: [String: FeatureScaling.Bounds] = [:], fills: [String: Double] = [:],
                silhouetteSample: Int = 10_000,
                silhouetteTolerance: Double = 0.01, algorithm: KMeans.Algorithm = .lloyd) {
        self.k = k
        self.seed = seed
        self.nInit = nInit
        self.scaling = scaling
        self.logColumns = logColumns
        self.clamp = clamp
        self.fills = fills
        self.silhouetteSample = silhouetteSample
        self.silhouetteTolerance = silhouetteTolerance
        self.algorithm = algorithm
    }

    private enum CodingKeys: String, CodingKey {
        case k, seed, nInit, scaling, logColumns, clamp, fills, silhouetteSample, silhouetteTolerance, algorithm
    }

    /// Decodes settings; `clamp` is absent from model files written before it existed (none).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        k = try c.decode(KChoice.self, forKey: .k)
        seed = try c.decode(UInt64.self, forKey: .seed)
        nInit = try c.decode(Int.self, forKey: .nInit)
        scaling = try c.decode(FeatureScaling.Method.self, forKey: .scaling)
        logColumns = try c.decode([String].self, forKey: .logColumns)
        clamp = try c.decodeIfPresent([String: FeatureScaling.Bounds].self, forKey: .clamp) ?? [:]
        fills = try c.decode([String: Double].self, forKey: .fills)
        silhouetteSample = try c.decode(Int.self, forKey: .silhouetteSample)
        silhouetteTolerance = try c.decode(Double.self, forKey: .silhouetteTolerance)
        algorithm = try c.decode(KMeans.Algorithm.self, forKey: .algorithm)
    }
}
