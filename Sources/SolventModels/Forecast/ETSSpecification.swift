/// The error, trend and season of an exponential-smoothing state-space model,
/// in the taxonomy of Hyndman, Koehler, Ord & Snyder (2008), *Forecasting with
/// Exponential Smoothing*, Table 2.1: `ETS(error, trend, season)`.
///
/// Written as R `forecast::ets` prints it, `ETS(A,Ad,N)`; ``init(_:)`` also
/// reads the short codes `AAdN` / `AAN` / `MNM` (statsforecast's `model="AAN"`
/// plus `d` for damping). Multiplicative trend is not offered (R's default,
/// `allow.multiplicative.trend = FALSE`).
public struct ETSSpecification: Sendable, Hashable, Codable, CustomStringConvertible, LosslessStringConvertible {
    /// How the one-step error enters: `y = ŷ + ε` (additive) or `y = ŷ(1 + ε)` (multiplicative).
    public enum Error: String, Sendable, Hashable, Codable, CaseIterable { case additive = "A", multiplicative = "M" }
    /// No trend, additive (`l + h·b`) or additive damped (`l + (φ + … + φʰ)·b`).
    public enum Trend: String, Sendable, Hashable, Codable, CaseIterable { case none = "N", additive = "A", damped = "Ad" }
    /// No season, additive (`… + s`) or multiplicative (`… × s`).
    public enum Season: String, Sendable, Hashable, Codable, CaseIterable { case none = "N", additive = "A", multiplicative = "M" }

    public var error: Error
    public var trend: Trend
    public var season: Season

    public init(error: Error, trend: Trend, season: Season) {
        self.error = error
        self.trend = trend
        self.season = season
    }

    /// Parses `ETS(M,Ad,M)`, `M,Ad,M`, `MAdM` or `MAM` (case-insensitive for the letters).
    public init?(_ description: String) {
        var s = description.uppercased().replacingOccurrences(of: " ", with: "")
        if s.hasPrefix("ETS(") && s.hasSuffix(")") { s = String(s.dropFirst(4).dropLast()) }
        s = s.replacingOccurrences(of: ",", with: "")
        guard let e = s.first.flatMap({ Error(rawValue: String($0)) }) else { return nil }
        s.removeFirst()
        let trend: Trend
        if s.hasPrefix("AD") { trend = .damped; s.removeFirst(2) }
        else if let t = s.first.flatMap({ Trend(rawValue: String($0)) }) { trend = t; s.removeFirst() }
        else { return nil }
        guard s.count == 1, let season = Season(rawValue: s) else { return nil }
        self.init(error: e, trend: trend, season: season)
    }

    /// `ETS(A,Ad,N)`, as R prints it.
    public var description: String { "ETS(\(error.rawValue),\(trend.rawValue),\(season.rawValue))" }

    var hasTrend: Bool { trend != .none }
    var isDamped: Bool { trend == .damped }
    var hasSeason: Bool { season != .none }
    /// Any multiplicative part: such a model needs strictly positive data.
    var isMultiplicative: Bool { error == .multiplicative || season == .multiplicative }

    /// R's "restricted" combinations, left out of automatic selection because
    /// they are numerically unstable: additive error with multiplicative season.
    public var isRestricted: Bool { error == .additive && season == .multiplicative }

    /// Hyndman et al. (2008, §6.1–6.2) class 1 (linear: additive error, no
    /// multiplicative season) and class 2 (multiplicative error, no multiplicative
    /// season) have closed-form forecast variances; the others are simulated.
    var hasAnalyticVariance: Bool { season != .multiplicative }

    /// The candidates of automatic selection, as R `ets(model = "ZZZ")` and
    /// statsforecast `AutoETS(model="ZZZ")` (restricted and multiplicative-trend
    /// models excluded): multiplicative error and season only when `positive`,
    /// seasonal models only when `seasonal`.
    public static func candidates(positive: Bool, seasonal: Bool, damped: Bool = true) -> [ETSSpecification] {
        var out: [ETSSpecification] = []
        for e in Error.allCases where positive || e == .additive {
            for t in Trend.allCases where damped || t != .damped {
                for s in Season.allCases where (seasonal || s == .none) && (positive || s != .multiplicative) {
                    let spec = ETSSpecification(error: e, trend: t, season: s)
                    if !spec.isRestricted { out.append(spec) }
                }
            }
        }
        return out
    }
}
