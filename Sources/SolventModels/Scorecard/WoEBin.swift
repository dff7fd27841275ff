/// Which values a bin holds.
public enum BinRule: Sendable, Hashable {
    /// Numeric values in the half-open interval [lower, upper); the first
    /// interval starts at −∞ and the last ends at +∞, so every finite value
    /// that is not a special code falls into exactly one interval.
    case interval(lower: Double, upper: Double)
    /// One special code of a numeric feature (e.g. −1 or 9999), matched exactly.
    case special(Double)
    /// A missing value (nil), numeric or categorical.
    case missing
    /// Categorical levels (one, or several merged).
    case levels([String])
    /// Categorical levels rarer than the minimum share, pooled; unseen levels
    /// are scored here too.
    case other([String])

    /// Display label: `[100, 250)`, `[-inf, 100)`, `special 9999`, `missing`,
    /// `{A, B}`, `other {C, D}`.
    public var label: String {
        switch self {
        case .interval(let lower, let upper):
            return "[\(BinRule.format(lower)), \(BinRule.format(upper)))"
        case .special(let v): return "special \(BinRule.format(v))"
        case .missing: return "missing"
        case .levels(let l): return "{" + l.joined(separator: ", ") + "}"
        case .other(let l): return l.isEmpty ? "other" : "other {" + l.joined(separator: ", ") + "}"
        }
    }

    /// Shortest round-trip form, without a trailing `.0`; `-inf` / `+inf`.
    static func format(_ v: Double) -> String {
        if v == .infinity { return "+inf" }
        if v == -.infinity { return "-inf" }
        if v == v.rounded(), Swift.abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}

/// One bin of a feature's WoE binning, with its training counts.
///
/// Convention (DESIGN.md): label 1 = bad (default), 0 = good;
/// WoE = ln(good share / bad share), higher WoE = safer;
/// IV contribution = (good share − bad share) · WoE. Shares are of the
/// feature's total goods G and total bads B.
public struct WoEBin: Sendable, Hashable {
    public let rule: BinRule
    /// Weighted count of goods (label 0) in training.
    public let goods: Double
    /// Weighted count of bads (label 1) in training.
    public let bads: Double
    /// (goods + bads) / all rows of the feature.
    public let share: Double
    public let woe: Double
    public let ivContribution: Double
    /// True when 0.5 was added to both counts to keep the WoE finite (a bin of
    /// one class; see `FeatureBinning` for the rule). `goods`/`bads` stay unadjusted.
    public let adjusted: Bool

    public init(rule: BinRule, goods: Double, bads: Double, share: Double,
                woe: Double, ivContribution: Double, adjusted: Bool) {
        self.rule = rule
        self.goods = goods
        self.bads = bads
        self.share = share
        self.woe = woe
        self.ivContribution = ivContribution
        self.adjusted = adjusted
    }

    /// The display label of the rule.
    public var label: String { rule.label }
    /// goods + bads.
    public var count: Double { goods + bads }
    /// bads / (goods + bads); nil for a bin with no training rows.
    public var badRate: Double? { count > 0 ? bads / count : nil }

    init(rule: BinRule, counts: BinCounts, totals: BinCounts) {
        let w = WoEValue(counts: counts, totals: totals)
        self.init(rule: rule, goods: counts.goods, bads: counts.bads,
                  share: counts.total / totals.total, woe: w.woe,
                  ivContribution: w.iv, adjusted: w.adjusted)
    }
}

extension WoEBin: Codable {
    // Flat JSON; infinite interval ends are written as null (JSON has no
    // infinity); `label` and `badRate` are written for readers and ignored on input.
    private enum Keys: String, CodingKey {
        case label, type, lower, upper, value, levels
        case goods, bads, share, badRate, woe, iv, adjusted
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let type = try c.decode(String.self, forKey: .type)
        let rule: BinRule
        switch type {
        case "interval":
            rule = .interval(lower: try c.decodeIfPresent(Double.self, forKey: .lower) ?? -.infinity,
                             upper: try c.decodeIfPresent(Double.self, forKey: .upper) ?? .infinity)
        case "special": rule = .special(try c.decode(Double.self, forKey: .value))
        case "missing": rule = .missing
        case "levels": rule = .levels(try c.decode([String].self, forKey: .levels))
        case "other": rule = .other(try c.decode([String].self, forKey: .levels))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c,
                debugDescription: "unknown bin type '\(type)' (expected interval, special, missing, levels or other)")
        }
        self.init(rule: rule, goods: try c.decode(Double.self, forKey: .goods),
                  bads: try c.decode(Double.self, forKey: .bads),
                  share: try c.decode(Double.self, forKey: .share),
                  woe: try c.decode(Double.self, forKey: .woe),
                  ivContribution: try c.decode(Double.self, forKey: .iv),
                  adjusted: try c.decode(Bool.self, forKey: .adjusted))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(label, forKey: .label)
        switch rule {
        case .interval(let lower, let upper):
            try c.encode("interval", forKey: .type)
            try c.encode(lower.isFinite ? lower : nil, forKey: .lower)
            try c.encode(upper.isFinite ? upper : nil, forKey: .upper)
        case .special(let v):
            try c.encode("special", forKey: .type)
            try c.encode(v, forKey: .value)
        case .missing:
            try c.encode("missing", forKey: .type)
        case .levels(let l):
            try c.encode("levels", forKey: .type)
            try c.encode(l, forKey: .levels)
        case .other(let l):
            try c.encode("other", forKey: .type)
            try c.encode(l, forKey: .levels)
        }
        try c.encode(goods, forKey: .goods)
        try c.encode(bads, forKey: .bads)
        try c.encode(share, forKey: .share)
        try c.encode(badRate, forKey: .badRate)
        try c.encode(woe, forKey: .woe)
        try c.encode(ivContribution, forKey: .iv)
        try c.encode(adjusted, forKey: .adjusted)
    }
}
