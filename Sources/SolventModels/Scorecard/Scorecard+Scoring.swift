/// The value of one feature in a row to score.
public enum FeatureValue: Sendable, Hashable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral, ExpressibleByNilLiteral {
    case number(Double)
    case level(String)
    case missing

    public init(_ value: Double?) { self = value.map(FeatureValue.number) ?? .missing }
    public init(_ level: String?) { self = level.map(FeatureValue.level) ?? .missing }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(stringLiteral value: String) { self = .level(value) }
    public init(nilLiteral: ()) { self = .missing }
}

/// The points one feature gave a row.
public struct FeatureScore: Sendable, Hashable, Codable {
    public let feature: String
    public let binIndex: Int
    public let bin: String
    public let woe: Double
    public let points: Double
    /// The feature's maximum attainable points (its best bin).
    public let referencePoints: Double
    /// The level, when it was not seen in training (scored in `unseenLevelBin`).
    public let unseenLevel: String?

    /// referencePoints − points (≥ 0).
    public var shortfall: Double { referencePoints - points }
}

/// Why a score is not higher: a feature whose points fall below its best bin's.
public struct ReasonCode: Sendable, Hashable, Codable {
    public let feature: String
    public let bin: String
    public let points: Double
    public let referencePoints: Double
    /// referencePoints − points (> 0).
    public let shortfall: Double
}

/// A scored row.
public struct ScorecardResult: Sendable, Hashable, Codable {
    /// Σ points = offset + factor · ln(good:bad odds).
    public let score: Double
    /// P(bad) = 1 / (1 + exp(−η)) from the logistic linear predictor η.
    public let probabilityOfDefault: Double
    /// Per feature, in scorecard order.
    public let features: [FeatureScore]
    /// Largest shortfall first; at most the number asked for (default 4).
    public let reasonCodes: [ReasonCode]
    public let conventionNote: String

    /// Features whose level was not seen in training.
    public var unseenLevels: [FeatureScore] { features.filter { $0.unseenLevel != nil } }
}

extension Scorecard {
    /// Reason codes given by default (RELIABILITY.md: up to four).
    public static let defaultReasonCodes = 4

    /// Scores one row given in scorecard order (`features`): numbers for
    /// numeric features, levels for categorical ones, `.missing` for either.
    ///
    /// Reason codes: the features whose points fall furthest below their
    /// reference (the feature's maximum attainable points), largest shortfall
    /// first, ties in scorecard order; features at their best bin (shortfall
    /// 0) are never listed; at most `reasonCodes` of them.
    public func score(_ row: [FeatureValue],
                      reasonCodes limit: Int = Scorecard.defaultReasonCodes) throws(ModelError) -> ScorecardResult {
        guard row.count == binnings.count else {
            throw .invalidArgument("the row has \(row.count) values for \(binnings.count) features (\(features.joined(separator: ", ")))")
        }
        guard limit >= 0 else { throw .invalidArgument("reasonCodes must be at least 0; got \(limit)") }
        var scores: [FeatureScore] = []
        var total = 0.0
        var eta = intercept
        for (j, b) in binnings.enumerated() {
            let (i, unseen) = try Scorecard.bin(of: row[j], in: b)
            let p = points[j][i]
            total += p
            eta += coefficients[j] * b.bins[i].woe
            scores.append(FeatureScore(feature: b.feature, binIndex: i, bin: b.bins[i].label,
                                       woe: b.bins[i].woe, points: p,
                                       referencePoints: referencePoints[j], unseenLevel: unseen))
        }
        let reasons = scores.enumerated()
            .filter { $0.element.shortfall > 0 }
            .sorted { a, b in
                a.element.shortfall != b.element.shortfall
                    ? a.element.shortfall > b.element.shortfall : a.offset < b.offset
            }
            .prefix(limit)
            .map { _, s in
                ReasonCode(feature: s.feature, bin: s.bin, points: s.points,
                           referencePoints: s.referencePoints, shortfall: s.shortfall)
            }
        return ScorecardResult(score: total, probabilityOfDefault: logistic(eta),
                               features: scores, reasonCodes: Array(reasons), conventionNote: conventionNote)
    }

    /// Scores one row given by feature name; the names must be exactly the card's.
    public func score(_ row: [String: FeatureValue],
                      reasonCodes limit: Int = Scorecard.defaultReasonCodes) throws(ModelError) -> ScorecardResult {
        let names = features
        let missing = names.filter { row[$0] == nil }
        let extra = row.keys.filter { !names.contains($0) }.sorted()
        guard missing.isEmpty, extra.isEmpty else { throw .featureMismatch(missing: missing, extra: extra) }
        return try score(names.map { row[$0] ?? .missing }, reasonCodes: limit)
    }

    /// The bin of a value, and the level when it is unseen.
    private static func bin(of value: FeatureValue,
                            in b: FeatureBinning) throws(ModelError) -> (Int, String?) {
        switch (value, b.kind) {
        case (.missing, _):
            return (b.missingBin, nil)
        case (.number(let x), .numeric):
            return (try b.binIndex(for: x), nil)
        case (.level(let l), .categorical):
            return (try b.binIndex(for: l), b.isUnseen(l) ? l : nil)
        case (.number(let x), .categorical):
            throw .invalidArgument("feature '\(b.feature)' is categorical: it takes a level, not the number \(x)")
        case (.level(let l), .numeric):
            throw .invalidArgument("feature '\(b.feature)' is numeric: it takes a number, not the level '\(l)'")
        }
    }
}
