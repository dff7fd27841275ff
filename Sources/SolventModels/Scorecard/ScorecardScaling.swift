import Foundation

/// How log-odds become points (DESIGN.md): score = offset + factor · ln(good:bad odds),
/// factor = PDO / ln 2, offset = baseScore − factor · ln(baseOdds). So the
/// score is `baseScore` at good:bad odds of `baseOdds`, and every `pdo` points
/// double the odds. Defaults: 600 points at 50:1, PDO 20 (factor 28.8539…,
/// offset 487.1229…). Higher score = safer.
public struct ScorecardScaling: Sendable, Hashable {
    /// Points to double the good:bad odds (> 0).
    public let pdo: Double
    /// Score at `baseOdds` (finite).
    public let baseScore: Double
    /// Good:bad odds at `baseScore` (> 0; 50 means 50:1).
    public let baseOdds: Double

    /// 600 points at 50:1, PDO 20.
    public static let standard = ScorecardScaling(checkedPDO: 20, baseScore: 600, baseOdds: 50)

    public init(pdo: Double = 20, baseScore: Double = 600, baseOdds: Double = 50) throws(ModelError) {
        guard pdo.isFinite, pdo > 0 else {
            throw .invalidArgument("pdo (points to double the odds) must be positive and finite; got \(pdo)")
        }
        guard baseScore.isFinite else { throw .invalidArgument("baseScore must be finite; got \(baseScore)") }
        guard baseOdds.isFinite, baseOdds > 0 else {
            throw .invalidArgument("baseOdds must be positive and finite; got \(baseOdds)")
        }
        self.init(checkedPDO: pdo, baseScore: baseScore, baseOdds: baseOdds)
    }

    private init(checkedPDO: Double, baseScore: Double, baseOdds: Double) {
        self.pdo = checkedPDO
        self.baseScore = baseScore
        self.baseOdds = baseOdds
    }

    /// PDO / ln 2: points per unit of ln(odds).
    public var factor: Double { pdo / M_LN2 }
    /// baseScore − factor · ln(baseOdds): the score at even odds (1:1).
    public var offset: Double { baseScore - factor * Foundation.log(baseOdds) }

    /// offset + factor · ln(good:bad odds).
    public func score(logOddsGood: Double) -> Double { offset + factor * logOddsGood }

    /// ln(good:bad odds) = (score − offset) / factor.
    public func logOddsGood(score: Double) -> Double { (score - offset) / factor }

    /// The probability of default (bad) a score implies: 1 / (1 + exp(ln odds)),
    /// computed without overflow for any finite score.
    public func probabilityOfDefault(score: Double) -> Double {
        logistic(-logOddsGood(score: score))
    }

    /// The convention, with this scaling's numbers.
    public var conventionNote: String {
        "Score = offset + factor · ln(good:bad odds), factor = PDO / ln 2 = \(ScorecardScaling.format(factor)), "
            + "offset = \(ScorecardScaling.format(offset)): \(BinRule.format(baseScore)) points at odds "
            + "\(BinRule.format(baseOdds)):1, PDO \(BinRule.format(pdo)); higher score = safer."
    }

    static func format(_ x: Double) -> String { String(format: "%.4f", x) }
}

extension ScorecardScaling: Codable {
    private enum Keys: String, CodingKey { case pdo, baseScore, baseOdds, factor, offset }

    /// Decodes pdo, baseScore and baseOdds, checked as by `init`; `factor` and
    /// `offset` are written for readers and recomputed on input.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        try self.init(pdo: try c.decode(Double.self, forKey: .pdo),
                      baseScore: try c.decode(Double.self, forKey: .baseScore),
                      baseOdds: try c.decode(Double.self, forKey: .baseOdds))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(pdo, forKey: .pdo)
        try c.encode(baseScore, forKey: .baseScore)
        try c.encode(baseOdds, forKey: .baseOdds)
        try c.encode(factor, forKey: .factor)
        try c.encode(offset, forKey: .offset)
    }
}
