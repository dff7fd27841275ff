import Foundation

/// A fitted (or fixed-parameter) ETS model of one series: parameters, initial
/// and final states, likelihood, information criteria, fitted values and residuals.
///
/// Immutable; forecast with ``forecast(horizon:levels:seed:paths:)``. The
/// log-likelihood is statsmodels' `ETSModel.llf` (see ``ETSKernel``); the
/// criteria count parameters as R `forecast::ets` does — the free smoothing
/// parameters, `l₀`, `b₀`, `m − 1` seasonal states, plus one for σ²:
/// `AIC = −2ℓ + 2k`, `AICc = AIC + 2k(k+1)/(n−k−1)` (∞ when `n ≤ k + 1`),
/// `BIC = −2ℓ + k log n`; `σ² = Σe²/(n − k)` (R's `sigma2`, e the residuals).
/// A model tried by automatic selection and its AICc (∞ when it could not be fitted;
/// for an abandoned one, the AICc where its search was stopped — see ``ETS/abandonMargin``).
public struct ETSCandidate: Sendable, Hashable, Codable {
    public let specification: ETSSpecification
    public let aicc: Double
    public let abandoned: Bool
}

public struct ETSFit: Sendable, Hashable, Codable {
    /// The series' name, as given to the estimator (used in messages).
    public let id: String
    public let specification: ETSSpecification
    /// The seasonal period `m` (1 when the model has no season).
    public let period: Int
    public let parameters: ETSParameters
    public let initialState: ETSInitialState
    public let logLikelihood: Double
    public let aic: Double
    public let aicc: Double
    public let bic: Double
    /// Variance of the residuals, `Σe²/(n − k)` (relative errors for a multiplicative error).
    public let sigma2: Double
    /// `k`: estimated parameters including σ².
    public let parameterCount: Int
    /// One-step fitted values ŷ_t.
    public let fitted: [Double]
    /// `y − ŷ` (additive error) or `(y − ŷ)/ŷ` (multiplicative error), as statsmodels' `resid`.
    public let residuals: [Double]
    /// `l_t`, `b_t` (empty without trend) and `s_t` (empty without season) after each observation.
    public let levels: [Double], trends: [Double], seasons: [Double]
    /// Optimiser iterations and whether it met its tolerance (0 and true for fixed parameters).
    public let iterations: Int
    public let converged: Bool
    /// Fallbacks and warnings, in words (for example a constant series or a short one).
    public internal(set) var notes: [String]
    /// Automatic selection: every candidate tried and its AICc (∞ when it could not
    /// be fitted), in the order tried; empty for a model that was asked for.
    public internal(set) var candidates: [ETSCandidate] = []

    /// Filters `y` through a model with fixed parameters and initial states
    /// (statsmodels `ETSModel(..., initialization_method="known").smooth(params)`).
    /// - Throws: ``ModelError`` for an empty or non-finite series, a season
    ///   without `period > 1`, or a seasonal state vector not of length `period`.
    public init(series y: [Double], specification: ETSSpecification, period: Int,
                parameters: ETSParameters, initialState: ETSInitialState, id: String = "series") throws(ModelError) {
        try ETSInput.validate(y, id: id, specification: specification, period: period, minimum: 1)
        let m = specification.hasSeason ? period : 1
        guard !specification.hasSeason || initialState.seasonal.count == m else {
            throw .invalidArgument("series '\(id)': \(specification) needs \(m) initial seasonal states, got \(initialState.seasonal.count)")
        }
        self.init(y, specification, m, ETSInput.effective(parameters, specification), initialState,
                  freeParameters: ETSInput.freeParameterCount(specification, period: m),
                  iterations: 0, converged: true, notes: [], id: id)
    }

    /// Runs the recursion and fills every field (no validation).
    init(_ y: [Double], _ spec: ETSSpecification, _ m: Int, _ p: ETSParameters, _ x0: ETSInitialState,
         freeParameters: Int, iterations: Int, converged: Bool, notes: [String], id: String) {
        let n = y.count
        var fitted = [Double](repeating: 0, count: n), levels = fitted, trends = fitted, seasons = fitted
        var ring = spec.hasSeason ? x0.seasonal : [spec.season == .multiplicative ? 1 : 0]
        let out = y.withUnsafeBufferPointer { yb in
            ring.withUnsafeMutableBufferPointer { rb in
                fitted.withUnsafeMutableBufferPointer { f in
                    levels.withUnsafeMutableBufferPointer { l in
                        trends.withUnsafeMutableBufferPointer { b in
                            seasons.withUnsafeMutableBufferPointer { s in
                                ETSKernel.run(yb, season: spec.season, multiplicativeError: spec.error == .multiplicative, p,
                                              level: x0.level, trend: spec.hasTrend ? x0.trend : 0, ring: rb,
                                              fitted: f.baseAddress, levels: l.baseAddress, trends: b.baseAddress,
                                              seasons: s.baseAddress)
                            }
                        }
                    }
                }
            }
        }
        let mult = spec.error == .multiplicative
        self.id = id
        specification = spec
        period = m
        parameters = p
        initialState = x0
        self.fitted = fitted
        residuals = zip(y, fitted).map { mult ? ($0 - $1) / $1 : $0 - $1 }
        self.levels = levels
        self.trends = spec.hasTrend ? trends : []
        self.seasons = spec.hasSeason ? seasons : []
        let k = freeParameters + 1, nd = Double(n), kd = Double(k)
        logLikelihood = ETSKernel.logLikelihood(out, n: n, multiplicativeError: mult)
        aic = -2 * logLikelihood + 2 * kd
        aicc = n - k - 1 > 0 ? aic + 2 * kd * (kd + 1) / (nd - kd - 1) : .infinity
        bic = -2 * logLikelihood + log(nd) * kd
        sigma2 = n > k ? out.sse / (nd - kd) : out.sse / nd
        parameterCount = k
        self.iterations = iterations
        self.converged = converged
        self.notes = notes
    }

    /// The states after the last observation: level, trend and the `m` seasonal
    /// states, `seasonal[j]` being the season of the time `n + j'` with `(n + j') % m == j`.
    var finalState: (level: Double, trend: Double, seasonal: [Double]) {
        let n = levels.count
        guard n > 0 else { return (initialState.level, initialState.trend, initialState.seasonal) }
        var ring = initialState.seasonal
        if specification.hasSeason {
            // seasons[t] is the season of time t + m, stored at ring index t % m.
            for t in max(0, n - period)..<n { ring[t % period] = seasons[t] }
        }
        return (levels[n - 1], specification.hasTrend ? trends[n - 1] : 0, ring)
    }
}
