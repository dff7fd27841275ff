/// Checks of a series before an ETS model or a baseline touches it, with
/// errors that name the series and the reason.
enum ETSInput {
    /// Finite values, a valid period, at least `minimum` values, two full seasons
    /// for a seasonal model and strictly positive values for a multiplicative one.
    static func validate(_ y: [Double], id: String, specification spec: ETSSpecification?, period: Int,
                         minimum: Int) throws(ModelError) {
        try validateValues(y, id: id, period: period)
        guard y.count >= minimum else {
            let what = spec.map { "\($0)" } ?? "this method"
            throw .empty("series '\(id)' has \(y.count) values; \(what) needs at least \(minimum)")
        }
        guard let spec else { return }
        if spec.hasSeason {
            guard period > 1 else {
                throw .invalidArgument("series '\(id)': \(spec) has a season but the period is \(period); give a period above 1")
            }
            guard y.count >= 2 * period else {
                throw .empty("series '\(id)' has \(y.count) values, fewer than two full seasons (2 × \(period)) for the seasonal \(spec)")
            }
        }
        if spec.isMultiplicative, let i = y.firstIndex(where: { $0 <= 0 }) {
            throw .invalidArgument("series '\(id)': \(spec) has multiplicative terms and needs strictly positive values; value \(i + 1) is \(y[i])")
        }
    }

    /// No values, a period below 1, or a NaN/±∞ (reported with its 1-based position).
    static func validateValues(_ y: [Double], id: String, period: Int) throws(ModelError) {
        guard !y.isEmpty else { throw .empty("series '\(id)' has no values") }
        guard period >= 1 else { throw .invalidArgument("series '\(id)': period must be at least 1, got \(period)") }
        if let i = y.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(column: id, row: i, value: y[i]) }
    }

    /// Parameters as the recursion needs them: `β = 0` without trend, `γ = 0`
    /// without season, `φ = 1` unless damped.
    static func effective(_ p: ETSParameters, _ spec: ETSSpecification) -> ETSParameters {
        ETSParameters(alpha: p.alpha, beta: spec.hasTrend ? p.beta : 0, gamma: spec.hasSeason ? p.gamma : 0,
                      phi: spec.isDamped ? p.phi : 1)
    }

    /// R's count of estimated quantities (σ² not included): α, β, γ, φ as present,
    /// `l₀`, `b₀`, and `m − 1` seasonal states (the last is fixed by Σs = 0 or m).
    static func freeParameterCount(_ spec: ETSSpecification, period m: Int) -> Int {
        var k = 2
        if spec.hasTrend { k += 2 }
        if spec.isDamped { k += 1 }
        if spec.hasSeason { k += 1 + (m - 1) }
        return k
    }
}
