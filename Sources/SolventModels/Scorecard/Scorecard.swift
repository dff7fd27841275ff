/// A points scorecard: WoE binnings of m features plus a logistic model of
/// the log-odds of BAD fitted on their WoE columns,
///     ln(P(bad) / P(good)) = η = β_0 + Σ_j β_j · WoE_j
/// (β_j is usually negative, since higher WoE = safer), turned into points.
///
/// Points of bin i of feature j, with the intercept spread evenly over the m
/// features:
///     points_ij = −factor · (β_j · WoE_ij + β_0 / m) + offset / m,
/// so a row's points sum to offset − factor · η = offset + factor · ln(good:bad odds),
/// the score of `ScorecardScaling` (defaults: 600 at 50:1, PDO 20). Points are
/// not rounded. Higher score = safer.
public struct Scorecard: Sendable, Hashable {
    public let binnings: [FeatureBinning]
    /// β_0 of the logistic model of the log-odds of bad.
    public let intercept: Double
    /// β_j, one per binning, in the same order.
    public let coefficients: [Double]
    public let scaling: ScorecardScaling
    /// points[j][i]: points of bin i of feature j.
    public let points: [[Double]]
    /// The reference of each feature for reason codes: its maximum attainable
    /// points (the points of its best bin).
    public let referencePoints: [Double]

    public init(binnings: [FeatureBinning], intercept: Double, coefficients: [Double],
                scaling: ScorecardScaling = .standard) throws(ModelError) {
        guard !binnings.isEmpty else { throw .empty("a scorecard needs at least one feature binning") }
        guard coefficients.count == binnings.count else {
            throw .invalidArgument("\(coefficients.count) coefficients for \(binnings.count) features; give one per feature")
        }
        guard intercept.isFinite else { throw .invalidArgument("the intercept is \(intercept); it must be finite") }
        for (b, beta) in zip(binnings, coefficients) where !beta.isFinite {
            throw .invalidArgument("the coefficient of '\(b.feature)' is \(beta); it must be finite")
        }
        var names = Set<String>()
        for b in binnings where !names.insert(b.feature).inserted {
            throw .invalidArgument("feature '\(b.feature)' appears twice in the scorecard")
        }
        let m = Double(binnings.count)
        let factor = scaling.factor, offset = scaling.offset
        let table = zip(binnings, coefficients).map { b, beta in
            b.bins.map { -factor * (beta * $0.woe + intercept / m) + offset / m }
        }
        self.binnings = binnings
        self.intercept = intercept
        self.coefficients = coefficients
        self.scaling = scaling
        self.points = table
        self.referencePoints = table.map { $0.max() ?? 0 }
    }

    /// Feature names, in scorecard order.
    public var features: [String] { binnings.map(\.feature) }

    /// The lowest and highest scores the card can give.
    public var scoreRange: ClosedRange<Double> {
        points.reduce(0) { $0 + ($1.min() ?? 0) }...referencePoints.reduce(0, +)
    }

    /// The WoE and points conventions, with this card's numbers.
    public var conventionNote: String {
        "Label 1 = bad (default). WoE = ln(good share / bad share): higher WoE = safer. "
            + scaling.conventionNote
            + " Points of bin i of feature j = −factor · (β_j · WoE_ij + β_0 / m) + offset / m with m = \(binnings.count) "
            + "features, β from the logistic model of the log-odds of bad; they sum to the score."
    }

    /// One line per bin of every feature, for the model card.
    public var pointsTable: [ScorecardPointsRow] {
        var rows: [ScorecardPointsRow] = []
        for (j, b) in binnings.enumerated() {
            for (i, bin) in b.bins.enumerated() {
                rows.append(ScorecardPointsRow(feature: b.feature, binIndex: i, bin: bin.label,
                                               woe: bin.woe, points: points[j][i]))
            }
        }
        return rows
    }
}

/// One line of a scorecard's points table.
public struct ScorecardPointsRow: Sendable, Hashable, Codable {
    public let feature: String
    public let binIndex: Int
    /// The bin's display label.
    public let bin: String
    public let woe: Double
    public let points: Double
}

extension Scorecard: Codable {
    private enum Keys: String, CodingKey {
        case convention, scaling, intercept, coefficients, binnings
    }

    /// Decodes and checks as `init` does; points are recomputed.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        try self.init(binnings: try c.decode([FeatureBinning].self, forKey: .binnings),
                      intercept: try c.decode(Double.self, forKey: .intercept),
                      coefficients: try c.decode([Double].self, forKey: .coefficients),
                      scaling: try c.decode(ScorecardScaling.self, forKey: .scaling))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(conventionNote, forKey: .convention)
        try c.encode(scaling, forKey: .scaling)
        try c.encode(intercept, forKey: .intercept)
        try c.encode(coefficients, forKey: .coefficients)
        try c.encode(binnings, forKey: .binnings)
    }
}
