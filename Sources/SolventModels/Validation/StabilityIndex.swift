import SolventNumerics
import Foundation

/// A population (PSI) or characteristic (CSI) stability index: how far the
/// distribution of a score or of a binned feature in a recent ("actual") sample
/// has moved from the development ("expected") sample.
///
///     index = Σ_i (a_i − e_i) · ln(a_i / e_i)
///
/// over the bins i, with e_i and a_i the expected and actual shares of bin i,
/// each floored at `shareFloor` = 1e-4 inside the sum so that an empty bin gives
/// a large but finite term (the shares in the table are the unfloored ones). It
/// is the symmetric Kullback–Leibler divergence (Jeffreys divergence) of the two
/// binned distributions. `stability` gives the conventional reading.
///
/// PSI bins (`population`): cuts at the expected sample's quantiles i/B,
/// i = 1…B − 1 (B = 10 by default, deciles), each the linear-interpolation
/// quantile of numpy's default (Hyndman & Fan type 7); equal cuts (ties) are
/// merged, so there may be fewer than B bins. Bin i is (c_{i−1}, c_i] with
/// c₀ = −∞ and c_B = +∞, so actual scores beyond the expected range fall in the
/// end bins. CSI bins (`characteristic`): one per label, in order of first
/// appearance in the expected sample, then in the actual one.
///
/// Checked against the same definitions in numpy
/// (Tests/SolventModelsTests/Fixtures/validation) to 1e-12.
public struct StabilityIndex: Sendable, Hashable, Codable {
    /// The floor on each share inside the index sum.
    public static let shareFloor = 1e-4
    /// The default number of PSI bins (deciles of the expected scores).
    public static let defaultBins = 10

    /// The conventional reading of a stability index.
    public enum Stability: String, Sendable, Hashable, Codable {
        /// index < 0.1: no significant shift.
        case stable
        /// 0.1 ≤ index ≤ 0.25: some shift, monitor.
        case monitor
        /// index > 0.25: the population has shifted; the model needs a look.
        case shifted

        /// The reading of `index`: stable below 0.1, monitor from 0.1 to 0.25 inclusive, shifted above.
        public init(index: Double) {
            self = index < 0.1 ? .stable : (index <= 0.25 ? .monitor : .shifted)
        }
    }

    /// One bin of the table.
    public struct Bin: Sendable, Hashable, Codable {
        /// "(lower, upper]" for a PSI bin (with −inf / +inf at the ends), the category for a CSI bin.
        public let label: String
        /// The exclusive lower bound of a PSI bin; nil for the first PSI bin (−∞) and for CSI bins.
        public let lower: Double?
        /// The inclusive upper bound of a PSI bin; nil for the last PSI bin (+∞) and for CSI bins.
        public let upper: Double?
        public let expectedCount: Int
        public let actualCount: Int
        /// e_i = expectedCount / (expected rows), unfloored.
        public let expectedShare: Double
        /// a_i = actualCount / (actual rows), unfloored.
        public let actualShare: Double
        /// (a − e) · ln(a / e) with both shares floored at `shareFloor`.
        public let contribution: Double
    }

    /// The bins, in ascending order of score (PSI) or in order of appearance (CSI).
    public let bins: [Bin]
    /// The index, Σ contribution.
    public let total: Double

    /// The conventional reading of `total`: stable below 0.1, monitor from 0.1 to 0.25, shifted above 0.25.
    public var stability: Stability { Stability(index: total) }

    /// The table of bins with their counts; computes shares, contributions and total.
    init(labels: [String], lower: [Double?], upper: [Double?], expectedCounts: [Int], actualCounts: [Int]) {
        let expectedRows = Double(expectedCounts.reduce(0, +)), actualRows = Double(actualCounts.reduce(0, +))
        var bins: [Bin] = []
        var total = 0.0
        for i in labels.indices {
            let e = Double(expectedCounts[i]) / expectedRows, a = Double(actualCounts[i]) / actualRows
            let ef = Swift.max(e, Self.shareFloor), af = Swift.max(a, Self.shareFloor)
            let contribution = (af - ef) * Foundation.log(af / ef)
            total += contribution
            bins.append(Bin(label: labels[i], lower: lower[i], upper: upper[i],
                            expectedCount: expectedCounts[i], actualCount: actualCounts[i],
                            expectedShare: e, actualShare: a, contribution: contribution))
        }
        self.bins = bins
        self.total = total
    }
}

extension StabilityIndex {
    /// The PSI of `actual` scores against `expected` scores, in `bins` quantile bins of `expected`.
    ///
    /// - Throws: `ModelError.empty` when either sample is empty, `.nonFinite`
    ///   naming the sample ("expected score" / "actual score") and the row, and
    ///   `.invalidArgument` when `bins` < 2.
    public static func population(expected: [Double], actual: [Double],
                                  bins: Int = StabilityIndex.defaultBins) throws(ModelError) -> StabilityIndex {
        guard bins >= 2 else { throw .invalidArgument("bins must be at least 2, got \(bins)") }
        guard !expected.isEmpty else { throw .empty("no expected scores") }
        guard !actual.isEmpty else { throw .empty("no actual scores") }
        for (column, sample) in [("expected score", expected), ("actual score", actual)] {
            if let row = sample.firstIndex(where: { !$0.isFinite }) {
                throw .nonFinite(column: column, row: row, value: sample[row])
            }
        }
        let sorted = expected.sorted()
        var cuts: [Double] = []
        for i in 1..<bins {
            let c = SampleQuantile.linear(sorted: sorted, Double(i) / Double(bins))
            if cuts.last != c { cuts.append(c) }
        }
        let lower: [Double?] = [nil] + cuts.map { Optional($0) }
        let upper: [Double?] = cuts.map { Optional($0) } + [nil]
        let labels = zip(lower, upper).map { lo, up in
            "(\(lo.map { "\($0)" } ?? "-inf"), \(up.map { "\($0)" } ?? "+inf")" + (up == nil ? ")" : "]")
        }
        return StabilityIndex(labels: labels, lower: lower, upper: upper,
                              expectedCounts: counts(expected, cuts: cuts), actualCounts: counts(actual, cuts: cuts))
    }

    /// The CSI of one binned feature: `expected` and `actual` give the bin label of each row.
    ///
    /// - Throws: `ModelError.empty` when either sample is empty.
    public static func characteristic(expected: [String], actual: [String]) throws(ModelError) -> StabilityIndex {
        try characteristic(expected: expected, actual: actual, feature: nil)
    }

    /// The CSI of each feature; `expected` and `actual` map a feature name to its bin label per row.
    ///
    /// - Throws: `ModelError.featureMismatch` when the two samples do not have the
    ///   same features (missing = only in `expected`, extra = only in `actual`),
    ///   `.empty` naming the feature whose sample is empty.
    public static func characteristic(expected: [String: [String]],
                                      actual: [String: [String]]) throws(ModelError) -> [String: StabilityIndex] {
        let missing = expected.keys.filter { actual[$0] == nil }.sorted()
        let extra = actual.keys.filter { expected[$0] == nil }.sorted()
        guard missing.isEmpty, extra.isEmpty else { throw .featureMismatch(missing: missing, extra: extra) }
        var out: [String: StabilityIndex] = [:]
        for (feature, e) in expected {
            out[feature] = try characteristic(expected: e, actual: actual[feature] ?? [], feature: feature)
        }
        return out
    }

    private static func characteristic(expected: [String], actual: [String],
                                       feature: String?) throws(ModelError) -> StabilityIndex {
        let about = feature.map { " for feature '\($0)'" } ?? ""
        guard !expected.isEmpty else { throw .empty("no expected rows\(about)") }
        guard !actual.isEmpty else { throw .empty("no actual rows\(about)") }
        var index: [String: Int] = [:]
        var labels: [String] = []
        for label in expected + actual where index[label] == nil {
            index[label] = labels.count
            labels.append(label)
        }
        var e = [Int](repeating: 0, count: labels.count), a = e
        for label in expected { e[index[label] ?? 0] += 1 }
        for label in actual { a[index[label] ?? 0] += 1 }
        let none = [Double?](repeating: nil, count: labels.count)
        return StabilityIndex(labels: labels, lower: none, upper: none, expectedCounts: e, actualCounts: a)
    }


    /// Counts per bin, bin = the number of cuts below the value (cuts ascending).
    static func counts(_ values: [Double], cuts: [Double]) -> [Int] {
        var counts = [Int](repeating: 0, count: cuts.count + 1)
        for v in values {
            var lo = 0, hi = cuts.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if cuts[mid] < v { lo = mid + 1 } else { hi = mid }
            }
            counts[lo] += 1
        }
        return counts
    }
}
