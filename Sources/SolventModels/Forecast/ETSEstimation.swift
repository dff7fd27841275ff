import Foundation

/// Maximum-likelihood fit of one ETS model, as R `forecast:::etsmodel` and
/// statsforecast `etsmodel` do it.
///
/// The free vector is `[α, β?, γ?, φ?, l₀, b₀?, s₁ … s_{m−1}]` (the seasonal state
/// of the first observation, `s₀`, is `m·[M] − Σ s_j`). Start: R's `initparam`
/// (`α = 1e-4 + 0.2(0.9998)/m`, `β = 0.1·α`, `γ = 0.05(1 − α)`, `φ = 0.978`
/// to within the lower bounds) and ``ETSInitialization``. Objective: R's
/// `lik = n log Σe² + 2[M] Σ log|ŷ|` (`−2ℓ` up to a constant), ∞ outside the
/// usual and admissible regions (``ETSAdmissibility``) or when a multiplicative
/// model's ŷ ≤ 0; minimised by ``ETSNelderMead`` (statsforecast's tolerance and
/// iteration cap). The likelihood loop runs over buffers allocated once per fit.
enum ETSEstimation {
    static func startingParameters(_ spec: ETSSpecification, period m: Int) -> ETSParameters {
        let lo = ETSAdmissibility.lower, up = ETSAdmissibility.upper
        let alpha = lo.alpha + 0.2 * (up.alpha - lo.alpha) / Double(spec.hasSeason ? m : 1)
        let beta = lo.beta + 0.1 * (min(up.beta, alpha) - lo.beta)
        let gamma = lo.gamma + 0.05 * (min(up.gamma, 1 - alpha) - lo.gamma)
        let phi = lo.phi + 0.99 * (up.phi - lo.phi)
        return ETSParameters(alpha: alpha, beta: beta, gamma: gamma, phi: phi)
    }

    /// Fits `spec` to `y` (already validated for it). Nil when the model has too
    /// many parameters for the data (`n < k + 2`, k counting σ², as R's `np ≥ n − 1`).
    /// `abandonAbove`: stop the search once even the best point so far has an AICc above
    /// this (checked every 50 iterations from the 100th; the fit is then marked not converged).
    static func fit(_ y: [Double], _ spec: ETSSpecification, period: Int, id: String,
                    optimizer: ETSNelderMead, abandonAbove: Double = .infinity) -> (fit: ETSFit, abandoned: Bool)? {
        let m = spec.hasSeason ? period : 1, n = y.count
        let free = ETSInput.freeParameterCount(spec, period: m)
        guard free + 1 < n - 1 else { return nil }
        let p0 = startingParameters(spec, period: m)
        let s0 = ETSInitialization.states(y, spec: spec, period: m)
        var x0 = [p0.alpha], lower = [ETSAdmissibility.lower.alpha], upper = [ETSAdmissibility.upper.alpha]
        if spec.hasTrend { x0.append(p0.beta); lower.append(ETSAdmissibility.lower.beta); upper.append(ETSAdmissibility.upper.beta) }
        if spec.hasSeason { x0.append(p0.gamma); lower.append(ETSAdmissibility.lower.gamma); upper.append(ETSAdmissibility.upper.gamma) }
        if spec.isDamped { x0.append(p0.phi); lower.append(ETSAdmissibility.lower.phi); upper.append(ETSAdmissibility.upper.phi) }
        let stateOffset = x0.count
        x0.append(s0.level)
        if spec.hasTrend { x0.append(s0.trend) }
        if spec.hasSeason { x0.append(contentsOf: s0.seasonal[1...]) }
        while lower.count < x0.count { lower.append(-.infinity); upper.append(.infinity) }

        let multiplicativeError = spec.error == .multiplicative, nd = Double(n)
        let seasonTotal = spec.season == .multiplicative ? Double(m) : 0
        // AICc = lik + n(log(2π/n) + 1) + 2k + 2k(k+1)/(n−k−1), k = free + 1.
        let kd = Double(free + 1)
        let aiccOffset = nd * (log(2 * Double.pi / nd) + 1) + 2 * kd + 2 * kd * (kd + 1) / (nd - kd - 1)
        var ring = [Double](repeating: 0, count: m), scratch = [Double](repeating: 0, count: 2 * (m + 2))
        let result = y.withUnsafeBufferPointer { yb in
            ring.withUnsafeMutableBufferPointer { rb in
                scratch.withUnsafeMutableBufferPointer { sb in
                    optimizer.minimize(x0, lower: lower, upper: upper, abandon: { $0 + aiccOffset > abandonAbove }) { x in
                        let p = decode(x, spec)
                        guard ETSAdmissibility.accepts(p, spec, period: m, scratch: sb) else { return .infinity }
                        loadRing(rb, x, stateOffset + (spec.hasTrend ? 2 : 1), spec.hasSeason, seasonTotal)
                        let o = ETSKernel.run(yb, season: spec.season, multiplicativeError: multiplicativeError, p,
                                              level: x[stateOffset], trend: spec.hasTrend ? x[stateOffset + 1] : 0,
                                              ring: rb)
                        if spec.isMultiplicative && o.nonPositiveFitted { return .infinity }
                        let lik = nd * log(max(o.sse, 1e-300)) + (multiplicativeError ? 2 * o.sumLogAbsFitted : 0)
                        return lik.isFinite ? lik : .infinity
                    }
                }
            }
        }
        guard result.value.isFinite else { return nil }
        let x = result.x
        var seasonal: [Double] = []
        if spec.hasSeason {
            seasonal = [0] + x[(stateOffset + (spec.hasTrend ? 2 : 1))...]
            seasonal[0] = seasonTotal - seasonal[1...].reduce(0, +)
        }
        let state = ETSInitialState(level: x[stateOffset], trend: spec.hasTrend ? x[stateOffset + 1] : 0, seasonal: seasonal)
        return (ETSFit(y, spec, m, decode(x, spec), state, freeParameters: free, iterations: result.iterations,
                       converged: result.converged, notes: [], id: id), result.abandoned)
    }

    @inline(__always)
    static func decode<C: RandomAccessCollection<Double>>(_ x: C, _ spec: ETSSpecification) -> ETSParameters
    where C.Index == Int {
        var i = x.startIndex
        let alpha = x[i]; i += 1
        var beta = 0.0, gamma = 0.0, phi = 1.0
        if spec.hasTrend { beta = x[i]; i += 1 }
        if spec.hasSeason { gamma = x[i]; i += 1 }
        if spec.isDamped { phi = x[i] }
        return ETSParameters(alpha: alpha, beta: beta, gamma: gamma, phi: phi)
    }

    /// ring[1…m−1] = x[offset…], ring[0] = total − Σ; a single 0 without season.
    @inline(__always)
    static func loadRing(_ ring: UnsafeMutableBufferPointer<Double>, _ x: UnsafeMutableBufferPointer<Double>,
                         _ offset: Int, _ seasonal: Bool, _ total: Double) {
        guard seasonal else { ring[0] = 0; return }
        var sum = 0.0
        for j in 1..<ring.count { ring[j] = x[offset + j - 1]; sum += ring[j] }
        ring[0] = total - sum
    }
}
