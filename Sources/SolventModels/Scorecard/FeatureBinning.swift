/// The fitted WoE binning of one feature: its bins with training counts, WoE
/// and IV, and the lookup of any future value to exactly one bin.
///
/// Bin order: numeric — the intervals in increasing order, then one bin per
/// special code (in increasing order), then `missing`; categorical — level
/// bins ordered by their first level, then `other` if any, then `missing`.
/// The missing bin, and the special bins declared in the settings, are always
/// present; one without training rows has WoE 0 (the population average).
///
/// Made by `WoEBinning.fitNumeric` / `fitCategorical`; `init` checks the
/// structure (used when a model file is decoded).
public struct FeatureBinning: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case numeric, categorical
    }

    /// The direction of a monotone WoE, recorded when the settings asked for one.
    public enum Trend: String, Sendable, Hashable, Codable {
        /// WoE rises with the feature (higher values safer).
        case increasing
        /// WoE falls as the feature rises (higher values riskier).
        case decreasing
    }

    public let feature: String
    public let kind: Kind
    public let bins: [WoEBin]
    /// Σ IV contributions of the bins.
    public let informationValue: Double
    /// Set for a numeric binning fitted with `monotonic: true`.
    public let trend: Trend?
    /// Categorical: the bin unseen levels are scored in — `other` if there is
    /// one, else the level bin whose WoE is nearest 0 (the first on a tie). Nil for numeric.
    public let unseenLevelBin: Int?
    private let levelBin: [String: Int]

    public init(feature: String, kind: Kind, bins: [WoEBin], trend: Trend? = nil,
                unseenLevelBin: Int? = nil) throws(ModelError) {
        try FeatureBinning.check(feature: feature, kind: kind, bins: bins, unseenLevelBin: unseenLevelBin)
        self.feature = feature
        self.kind = kind
        self.bins = bins
        self.informationValue = bins.reduce(0) { $0 + $1.ivContribution }
        self.trend = trend
        self.unseenLevelBin = unseenLevelBin
        var index: [String: Int] = [:]
        for (i, bin) in bins.enumerated() {
            switch bin.rule {
            case .levels(let l), .other(let l): for level in l { index[level] = i }
            default: break
            }
        }
        self.levelBin = index
    }

    /// The reading of the IV (< 0.02 useless, 0.02–0.1 weak, 0.1–0.3 medium, ≥ 0.3 strong).
    public var power: PredictivePower { PredictivePower(informationValue: informationValue) }

    /// Index of the missing bin.
    public var missingBin: Int { bins.firstIndex { $0.rule == .missing } ?? bins.count - 1 }

    /// Label 1 = bad; WoE = ln(good share / bad share), higher = safer; how
    /// one-class and empty bins are treated.
    public var conventionNote: String {
        "Label 1 = bad (default), 0 = good. WoE = ln(good share / bad share): higher WoE = safer; "
            + "IV = Σ (good share − bad share) · WoE. A missing or special bin (or a lone interval) of one class "
            + "gets 0.5 added to its goods and bads; a bin without training rows has WoE 0."
    }

    /// The bin of a numeric value: nil → missing; a special code → its bin;
    /// otherwise the interval [lower, upper) holding it.
    public func binIndex(for value: Double?) throws(ModelError) -> Int {
        guard kind == .numeric else {
            throw .invalidArgument("feature '\(feature)' is categorical: it takes a level, not the number \(value.map { "\($0)" } ?? "nil")")
        }
        guard let v = value else { return missingBin }
        guard v.isFinite else {
            throw .invalidArgument("feature '\(feature)': value \(v) is not finite (use nil for a missing value)")
        }
        var found = -1
        for (i, bin) in bins.enumerated() {
            switch bin.rule {
            case .special(let s) where s == v: return i
            case .interval(let lower, _) where lower <= v: found = i
            default: break
            }
        }
        return found
    }

    /// The bin of a categorical level: nil → missing; a training level → its
    /// bin; an unseen level → `unseenLevelBin` (see `isUnseen`).
    public func binIndex(for level: String?) throws(ModelError) -> Int {
        guard kind == .categorical, let unseen = unseenLevelBin else {
            throw .invalidArgument("feature '\(feature)' is numeric: it takes a number, not the level '\(level ?? "nil")'")
        }
        guard let l = level else { return missingBin }
        return levelBin[l] ?? unseen
    }

    /// True for a non-nil level that was not seen in training.
    public func isUnseen(_ level: String?) -> Bool {
        guard kind == .categorical, let l = level else { return false }
        return levelBin[l] == nil
    }

    /// WoE of the bin of a numeric value.
    public func woe(for value: Double?) throws(ModelError) -> Double { bins[try binIndex(for: value)].woe }

    /// WoE of the bin of a categorical level.
    public func woe(for level: String?) throws(ModelError) -> Double { bins[try binIndex(for: level)].woe }

    /// The WoE column of numeric data (a non-finite value is an error with its row).
    public func woeColumn(_ values: [Double?]) throws(ModelError) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(values.count)
        for (row, v) in values.enumerated() {
            if let x = v, !x.isFinite { throw .nonFinite(column: feature, row: row, value: x) }
            out.append(try woe(for: v))
        }
        return out
    }

    /// The WoE column of categorical data.
    public func woeColumn(_ levels: [String?]) throws(ModelError) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(levels.count)
        for l in levels { out.append(try woe(for: l)) }
        return out
    }
}
