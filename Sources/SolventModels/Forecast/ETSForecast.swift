import Foundation
import SolventNumerics

extension ETSFit {
    /// Point forecasts and prediction intervals for steps 1 … `horizon`.
    ///
    /// Point forecasts from the last states: `(l + φ_k b) ⊕ s`, `φ_k = φ + … + φᵏ`.
    /// Variances in closed form for Hyndman et al. (2008) class 1 (additive error,
    /// no multiplicative season; eq. 6.1: `v_k = σ²[1 + Σ_{j<k} c_j²]`) and class 2
    /// (multiplicative error, no multiplicative season; §6.3:
    /// `v_k = (1 + σ²)θ_k − μ_k²`, `θ_k = μ_k² + σ² Σ_{j<k} c_j² θ_{k−j}`), with
    /// `c_j = α + β(φ + … + φʲ) + γ[j mod m = 0]`; normal intervals `μ ± z·√v`.
    /// Models with a multiplicative season: `paths` sample paths (default 5,000, as
    /// statsforecast) of the state-space model with `ε ~ N(0, σ²)` from a
    /// `Xoshiro256StarStar(seed:)` — deterministic for a seed — and the type-7
    /// quantiles of each step (point forecasts stay the analytic ones, as R's).
    public func forecast(horizon: Int, levels: [Double] = [80, 95], seed: UInt64 = 1,
                         paths: Int = 5_000) throws(ModelError) -> Forecast {
        try ForecastInput.validate(horizon: horizon, levels: levels, id: id)
        let state = finalState, p = parameters, m = period
        let count = fitted.count
        var mean = [Double](repeating: 0, count: horizon), phiSum = 0.0, power = 1.0
        for k in 1...horizon {
            power *= p.phi
            phiSum += power
            let base = state.level + (specification.hasTrend ? phiSum * state.trend : 0)
            let s = specification.hasSeason ? state.seasonal[(count + k - 1) % m] : nil
            mean[k - 1] = s.map { specification.season == .multiplicative ? base * $0 : base + $0 } ?? base
        }
        let method = specification.description
        guard !levels.isEmpty else { return Forecast(method: method, mean: mean, intervals: []) }
        if specification.hasAnalyticVariance {
            let sd = analyticVariances(mean).map { max($0, 0).squareRoot() }
            return Forecast(method: method, mean: mean,
                            intervals: levels.map { PredictionInterval.normal(level: $0, mean: mean, sd: sd) },
                            notes: ["analytic variances (Hyndman et al. 2008, class \(specification.error == .additive ? 1 : 2))"])
        }
        let sims = simulate(horizon: horizon, paths: max(paths, 2), seed: seed, state: state)
        let intervals = levels.map { level in
            PredictionInterval(level: level,
                               lower: sims.map { SampleQuantile.linear(sorted: $0, 0.5 - level / 200) },
                               upper: sims.map { SampleQuantile.linear(sorted: $0, 0.5 + level / 200) })
        }
        return Forecast(method: method, mean: mean, intervals: intervals,
                        notes: ["intervals from \(max(paths, 2)) simulated paths, seed \(seed)"])
    }

    /// `v_k` for classes 1 and 2 (see ``forecast(horizon:levels:seed:paths:)``).
    func analyticVariances(_ mu: [Double]) -> [Double] {
        let h = mu.count, p = parameters, s2 = sigma2
        var c = [Double](repeating: 0, count: h), phiSum = 0.0, power = 1.0
        for j in 1..<max(h, 1) {
            power *= p.phi
            phiSum += power
            c[j] = p.alpha + (specification.hasTrend ? p.beta * phiSum : 0)
                + (specification.hasSeason && j % period == 0 ? p.gamma : 0)
        }
        if specification.error == .additive {
            var acc = 1.0
            return (0..<h).map { k in
                if k > 0 { acc += c[k] * c[k] }
                return s2 * acc
            }
        }
        var theta = [Double](repeating: 0, count: h)
        for k in 0..<h {
            var sum = 0.0
            for j in stride(from: 1, through: k, by: 1) { sum += c[j] * c[j] * theta[k - j] }
            theta[k] = mu[k] * mu[k] + s2 * sum
        }
        return (0..<h).map { (1 + s2) * theta[$0] - mu[$0] * mu[$0] }
    }

    /// Simulated values, `out[k]` sorted, of step `k + 1` over `paths` paths.
    func simulate(horizon: Int, paths: Int, seed: UInt64,
                  state: (level: Double, trend: Double, seasonal: [Double])) -> [[Double]] {
        var rng = Xoshiro256StarStar(seed: seed)
        var out = [[Double]](repeating: [Double](repeating: 0, count: paths), count: horizon)
        let sd = max(sigma2, 0).squareRoot(), p = parameters
        let betaStar = p.beta / p.alpha, gammaStar = p.gamma / (1 - p.alpha)
        let mulSeason = specification.season == .multiplicative, mulError = specification.error == .multiplicative
        var ring = specification.hasSeason ? state.seasonal : [0]
        for path in 0..<paths {
            var l = state.level, b = specification.hasTrend ? state.trend : 0
            for j in 0..<ring.count { ring[j] = specification.hasSeason ? state.seasonal[j] : 0 }
            var idx = fitted.count % ring.count
            for k in 0..<horizon {
                let s = ring[idx], q = l + p.phi * b
                let yhat = mulSeason ? q * s : q + s
                let e = rng.normal(mean: 0, sd: sd)
                let y = mulError ? yhat * (1 + e) : yhat + e
                let lNew = mulSeason ? p.alpha * (y / s) + (1 - p.alpha) * q : p.alpha * (y - s) + (1 - p.alpha) * q
                ring[idx] = mulSeason ? gammaStar * (y / lNew) + (1 - gammaStar) * s : gammaStar * (y - lNew) + (1 - gammaStar) * s
                b = betaStar * (lNew - l) + (1 - betaStar) * p.phi * b
                l = lNew
                out[k][path] = y
                idx += 1
                if idx == ring.count { idx = 0 }
            }
        }
        for k in 0..<horizon { out[k].sort() }
        return out
    }
}
