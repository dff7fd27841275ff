/// The development distribution of a model's score: the training rows'
/// scores in ten quantile bins (the PSI bins of `StabilityIndex.population`),
/// kept in the model file so the PSI of any later data can be computed
/// without the training data.
public struct ScoreDistribution: Sendable, Codable {
    /// Inner cut points, increasing; bins are (−∞, c₁], (c₁, c₂], …, (c_k, +∞).
    public let cuts: [Double]
    public let counts: [Int]

    public init(scores: [Double]) throws(ModelError) {
        let reference = try StabilityIndex.population(expected: scores, actual: scores)
        cuts = reference.bins.dropLast().compactMap(\.upper)
        counts = reference.bins.map(\.expectedCount)
    }

    /// The PSI of `actual` scores against this distribution.
    public func stability(of actual: [Double]) throws(ModelError) -> StabilityIndex {
        guard !actual.isEmpty else { throw .empty("no scores to compare") }
        if let row = actual.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(column: "actual score", row: row, value: actual[row])
        }
        let lower: [Double?] = [nil] + cuts.map { Optional($0) }
        let upper: [Double?] = cuts.map { Optional($0) } + [nil]
        let labels = zip(lower, upper).map { lo, up in
            "(\(lo.map { fmt($0, 2) } ?? "-inf"), \(up.map { fmt($0, 2) } ?? "+inf")" + (up == nil ? ")" : "]")
        }
        return StabilityIndex(labels: labels, lower: lower, upper: upper, expectedCounts: counts,
                              actualCounts: StabilityIndex.counts(actual, cuts: cuts))
    }
}
