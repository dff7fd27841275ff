import Foundation

/// Smoothing parameters of an ETS model, as statsmodels' `ETSModel` and R name them.
///
/// `beta` is 0 without a trend, `gamma` 0 without a season, `phi` 1 unless the
/// trend is damped. The updates use `β* = β/α` and `γ* = γ/(1 − α)` (see ``ETSKernel``).
public struct ETSParameters: Sendable, Hashable, Codable {
    public var alpha: Double
    public var beta: Double
    public var gamma: Double
    public var phi: Double
    public init(alpha: Double, beta: Double = 0, gamma: Double = 0, phi: Double = 1) {
        self.alpha = alpha
        self.beta = beta
        self.gamma = gamma
        self.phi = phi
    }
}

/// The states before the first observation: `l₀`, `b₀` and the `m` seasonal
/// states in chronological order — `seasonal[j]` is the season applied to the
/// observation `y[j]` (statsmodels' `initial_seasonal`, R's `s_{-m+1+j}`).
public struct ETSInitialState: Sendable, Hashable, Codable {
    public var level: Double
    public var trend: Double
    public var seasonal: [Double]
    public init(level: Double, trend: Double = 0, seasonal: [Double] = []) {
        self.level = level
        self.trend = trend
        self.seasonal = seasonal
    }
}

/// The ETS recursion over one series, allocation-free over caller buffers.
///
/// For `t = 0 … n−1`, with `q = l + φb` and `s = s_{t−m}`:
///
///     ŷ_t = q ⊕ s                       (⊕ is + for an additive season, × for multiplicative)
///     l_t = α (y_t ⊖ s) + (1 − α) q
///     b_t = β* (l_t − l_{t−1}) + (1 − β*) φ b_{t−1}
///     s_t = γ* (y_t ⊖ l_t) + (1 − γ*) s_{t−m}
///
/// exactly the updates of statsmodels' `_ets_smooth_add_add` / `_add_mul`
/// (`statsmodels/tsa/exponential_smoothing/_ets_smooth.pyx`): the state path is the
/// same for both error types, which differ only in the residual and likelihood.
/// For an additive season these equal R's error-correction form; for a
/// multiplicative season statsmodels (and this) use `y/l_t` where R uses `y/q`.
///
/// Residuals are `y − ŷ` (additive error) or `(y − ŷ)/ŷ` (multiplicative), and
/// statsmodels' log-likelihood is `−n/2 (log(2π·Σe²/n) + 1) − [M] Σ log|ŷ|`
/// (`ETSModel._loglike_internal`, with ŷ = 0 replaced by 1e-32).
enum ETSKernel {
    struct Output {
        var sse: Double
        var sumLogAbsFitted: Double
        /// Whether some ŷ ≤ 0 (a multiplicative model is then not well defined).
        var nonPositiveFitted: Bool
        var level: Double
        var trend: Double
    }

    /// Runs the recursion. `ring` holds the `m` seasonal states (chronological, as
    /// ``ETSInitialState/seasonal``) on entry and the last `m` on exit, `ring[(t) % m]`
    /// being the season of time `t`; for no season pass a ring of one 0 (additive).
    /// The optional outputs take `n` values each (fitted values, levels, trends, seasons).
    static func run(_ y: UnsafeBufferPointer<Double>, season: ETSSpecification.Season,
                    multiplicativeError: Bool, _ p: ETSParameters,
                    level l0: Double, trend b0: Double, ring: UnsafeMutableBufferPointer<Double>,
                    fitted: UnsafeMutablePointer<Double>? = nil, levels: UnsafeMutablePointer<Double>? = nil,
                    trends: UnsafeMutablePointer<Double>? = nil,
                    seasons: UnsafeMutablePointer<Double>? = nil) -> Output {
        guard let fitted, let levels, let trends, let seasons else {
            return run(y, season: season, multiplicativeError: multiplicativeError, p, level: l0, trend: b0,
                       ring: ring, trace: NoTrace())
        }
        return run(y, season: season, multiplicativeError: multiplicativeError, p, level: l0, trend: b0,
                   ring: ring, trace: StateTrace(fitted: fitted, levels: levels, trends: trends, seasons: seasons))
    }

    static func run<T: Trace>(_ y: UnsafeBufferPointer<Double>, season: ETSSpecification.Season,
                              multiplicativeError: Bool, _ p: ETSParameters,
                              level l0: Double, trend b0: Double, ring: UnsafeMutableBufferPointer<Double>,
                              trace: T) -> Output {
        // One specialised loop per (season, error) pair: no per-step branching on the model.
        switch (season == .multiplicative, multiplicativeError) {
        case (false, false): return loop(AdditiveSeason.self, false, y, p, l0, b0, ring, trace)
        case (false, true): return loop(AdditiveSeason.self, true, y, p, l0, b0, ring, trace)
        case (true, false): return loop(MultiplicativeSeason.self, false, y, p, l0, b0, ring, trace)
        case (true, true): return loop(MultiplicativeSeason.self, true, y, p, l0, b0, ring, trace)
        }
    }

    /// What the loop records after each step: nothing while estimating, every state for a fit.
    protocol Trace { func record(_ t: Int, fitted: Double, level: Double, trend: Double, season: Double) }
    struct NoTrace: Trace {
        @inline(__always) func record(_ t: Int, fitted: Double, level: Double, trend: Double, season: Double) {}
    }
    struct StateTrace: Trace {
        let fitted, levels, trends, seasons: UnsafeMutablePointer<Double>
        @inline(__always) func record(_ t: Int, fitted f: Double, level: Double, trend: Double, season: Double) {
            fitted[t] = f
            levels[t] = level
            trends[t] = trend
            seasons[t] = season
        }
    }

    @inline(__always)
    static func loop<S: SeasonOperation, T: Trace>(_: S.Type, _ multiplicativeError: Bool,
                                                   _ y: UnsafeBufferPointer<Double>, _ p: ETSParameters,
                                                   _ l0: Double, _ b0: Double,
                                                   _ ring: UnsafeMutableBufferPointer<Double>, _ trace: T) -> Output {
        let alpha = p.alpha, betaStar = p.beta / p.alpha, gammaStar = p.gamma / (1 - p.alpha), phi = p.phi
        let n = y.count, m = ring.count
        // q = l + φb is carried as q' = (1 + φβ*) l_t + [φ²(1 − β*) b_{t−1} − φβ* l_{t−1}] (the same
        // quantity, the bracket known a step early): the loop-carried chain is two FMAs per step.
        let c1 = 1 + phi * betaStar, c2 = phi * betaStar, c3 = phi * phi * (1 - betaStar)
        var l = l0, b = b0, sse = 0.0, logSum = 0.0, product = 1.0, nonPositive = false
        var q = l0 + phi * b0
        var j = 0
        for t in 0..<n {
            let yt = y[t], s = ring[j]
            let yhat = S.apply(q, s)
            let lNew = alpha * S.remove(yt, s) + (1 - alpha) * q
            let sNew = gammaStar * S.remove(yt, lNew) + (1 - gammaStar) * s
            if multiplicativeError {
                let e = (yt - yhat) / yhat
                sse += e * e
                nonPositive = nonPositive || !(yhat > 0)
                product *= yhat == 0 ? 1e-32 : abs(yhat)
                if product > 1e150 || product < 1e-150 { logSum += log(product); product = 1 }
            } else {
                let e = yt - yhat
                sse += e * e
            }
            let carry = c3 * b - c2 * l
            b = betaStar * (lNew - l) + (1 - betaStar) * phi * b
            l = lNew
            q = c1 * lNew + carry
            ring[j] = sNew
            trace.record(t, fitted: yhat, level: l, trend: b, season: sNew)
            j += 1
            if j == m { j = 0 }
        }
        if multiplicativeError { logSum += log(product) }
        return Output(sse: sse, sumLogAbsFitted: logSum, nonPositiveFitted: nonPositive, level: l, trend: b)
    }

    /// statsmodels' log-likelihood from the kernel's sums (see the type's doc comment).
    static func logLikelihood(_ o: Output, n: Int, multiplicativeError: Bool) -> Double {
        let nd = Double(n)
        return -nd / 2 * (log(2 * Double.pi * o.sse / nd) + 1) - (multiplicativeError ? o.sumLogAbsFitted : 0)
    }
}

/// ⊕ and ⊖ of a season: `+`/`−` or `×`/`÷`.
protocol SeasonOperation {
    static func apply(_ base: Double, _ season: Double) -> Double
    static func remove(_ value: Double, _ part: Double) -> Double
}
enum AdditiveSeason: SeasonOperation {
    @inline(__always) static func apply(_ base: Double, _ season: Double) -> Double { base + season }
    @inline(__always) static func remove(_ value: Double, _ part: Double) -> Double { value - part }
}
enum MultiplicativeSeason: SeasonOperation {
    @inline(__always) static func apply(_ base: Double, _ season: Double) -> Double { base * season }
    @inline(__always) static func remove(_ value: Double, _ part: Double) -> Double { value / part }
}
