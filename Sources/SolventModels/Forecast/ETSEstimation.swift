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
/// iteration cap). The likelihood loop runs over buffers allocated once per fit, and
/// the admissibility test (a Schur–Cohn recursion of degree m + 1) runs only for points
/// whose likelihood the search would accept — a rejected point is rejected either way.
enum ETSEstimation {
    static func startingParameters(_ spec: ETSSpecification, period m: Int) -> ETSParameters {
        let lo = ETSAdmissibility.lower, up = ETSAdmissibility.upper
        let alpha = lo.alpha + 0.2 * (up.alpha - lo.alpha) / Double(spec.hasSeason ? m : 1)
        let beta = lo.beta + 0.1 * (min(up.beta, alpha) - lo.beta)
        let gamma = lo.gamma + 0.05 * (min(up.gamma, 1 - alpha) - lo.gamma)
        let phi = lo.phi + 0.99 * (up.phi - lo.phi)
        return ETSParameters(alpha: alpha, beta: beta, gamma: gamma, phi: phi)
    }

    /// One model's estimation problem: the start, the box, and the ``Layout``.
    struct Problem {
        let layout: Layout
        let x0: [Double], lower: [Double], upper: [Double]
        var spec: ETSSpecification { layout.spec }

        /// Nil when the model has too many parameters for the data (`n < k + 2`, k counting
        /// σ², as R's `np ≥ n − 1`).
        init?(_ y: [Double], _ spec: ETSSpecification, period: Int) {
            let m = spec.hasSeason ? period : 1, n = y.count
            let free = ETSInput.freeParameterCount(spec, period: m)
            guard free + 1 < n - 1 else { return nil }
            let p0 = ETSEstimation.startingParameters(spec, period: m)
            let s0 = ETSInitialization.states(y, spec: spec, period: m)
            let lo = ETSAdmissibility.lower, up = ETSAdmissibility.upper
            var x0 = [p0.alpha], lower = [lo.alpha], upper = [up.alpha]
            if spec.hasTrend { x0.append(p0.beta); lower.append(lo.beta); upper.append(up.beta) }
            if spec.hasSeason { x0.append(p0.gamma); lower.append(lo.gamma); upper.append(up.gamma) }
            if spec.isDamped { x0.append(p0.phi); lower.append(lo.phi); upper.append(up.phi) }
            let stateOffset = x0.count
            x0.append(s0.level)
            if spec.hasTrend { x0.append(s0.trend) }
            if spec.hasSeason { x0.append(contentsOf: s0.seasonal[1...]) }
            while lower.count < x0.count { lower.append(-.infinity); upper.append(.infinity) }
            (self.x0, self.lower, self.upper) = (x0, lower, upper)
            // AICc = lik + n(log(2π/n) + 1) + 2k + 2k(k+1)/(n−k−1), k = free + 1.
            let nd = Double(n), kd = Double(free + 1)
            layout = Layout(spec: spec, m: m, free: free, stateOffset: stateOffset,
                            seasonOffset: stateOffset + (spec.hasTrend ? 2 : 1),
                            seasonTotal: spec.season == .multiplicative ? Double(m) : 0,
                            aiccOffset: nd * (log(2 * Double.pi / nd) + 1) + 2 * kd + 2 * kd * (kd + 1) / (nd - kd - 1))
        }

        /// The fitted model at the optimiser's best point.
        func fit(_ y: [Double], _ result: ETSNelderMead.Result, id: String) -> ETSFit {
            let x = result.x
            var seasonal: [Double] = []
            if spec.hasSeason {
                seasonal = [0] + x[layout.seasonOffset...]
                seasonal[0] = layout.seasonTotal - seasonal[1...].reduce(0, +)
            }
            let state = ETSInitialState(level: x[layout.stateOffset], trend: spec.hasTrend ? x[layout.stateOffset + 1] : 0,
                                        seasonal: seasonal)
            return ETSFit(y, spec, layout.m, ETSEstimation.decode(x, spec), state, freeParameters: layout.free,
                          iterations: result.iterations, converged: result.converged, notes: [], id: id)
        }
    }

    /// Where things sit in a model's free vector, and the objective from the kernel's sums
    /// (plain values, cheap to copy in the search loops).
    struct Layout {
        let spec: ETSSpecification
        /// The season's length in the recursion (1 without season).
        let m: Int
        let free: Int
        /// Index of `l₀` in the free vector; the seasonal states start at `seasonOffset`.
        let stateOffset: Int, seasonOffset: Int
        /// `m` for a multiplicative season, 0 for an additive one (Σs).
        let seasonTotal: Double
        /// AICc = lik + aiccOffset.
        let aiccOffset: Double

        @inline(__always) func level(_ x: UnsafeMutableBufferPointer<Double>) -> Double { x[stateOffset] }
        @inline(__always) func trend(_ x: UnsafeMutableBufferPointer<Double>) -> Double {
            spec.hasTrend ? x[stateOffset + 1] : 0
        }

        /// The objective from the kernel's sums: R's `lik`, ∞ for a multiplicative model with
        /// some ŷ ≤ 0 or a non-finite value; above `threshold` returned without the
        /// admissibility test (the search rejects it either way), else ∞ when not admissible.
        /// Without `scratch` the admissibility test is left to the caller.
        @inline(__always)
        func value(sse: Double, sumLogAbsFitted: Double, nonPositive: Bool, n: Int, threshold: Double,
                   _ p: ETSParameters, scratch: UnsafeMutableBufferPointer<Double>?) -> Double {
            if spec.isMultiplicative && nonPositive { return .infinity }
            let multiplicativeError = spec.error == .multiplicative
            let lik = Double(n) * log(max(sse, 1e-300)) + (multiplicativeError ? 2 * sumLogAbsFitted : 0)
            guard lik.isFinite else { return .infinity }
            guard lik <= threshold, let scratch else { return lik }
            return ETSAdmissibility.admissible(p, spec, period: m, scratch: scratch) ? lik : .infinity
        }
    }

    /// Fits `spec` to `y` (already validated for it). Nil when the model has too
    /// many parameters for the data (see ``Problem``).
    /// `abandonAbove`: stop the search once even the best point so far has an AICc above
    /// this (checked every 50 iterations from the 400th; the fit is then marked not converged).
    static func fit(_ y: [Double], _ spec: ETSSpecification, period: Int, id: String,
                    optimizer: ETSNelderMead, abandonAbove: Double = .infinity) -> (fit: ETSFit, abandoned: Bool)? {
        guard let problem = Problem(y, spec, period: period) else { return nil }
        let layout = problem.layout, m = layout.m, n = y.count
        var ring = [Double](repeating: 0, count: m), scratch = [Double](repeating: 0, count: 2 * (m + 2))
        let result = y.withUnsafeBufferPointer { yb in
            ring.withUnsafeMutableBufferPointer { rb in
                scratch.withUnsafeMutableBufferPointer { sb in
                    optimizer.minimize(problem.x0, lower: problem.lower, upper: problem.upper,
                                       abandon: { $0 + layout.aiccOffset > abandonAbove }) { x, threshold in
                        let p = decode(x, spec)
                        guard ETSAdmissibility.usual(p, spec) else { return .infinity }
                        loadRing(rb, x, layout.seasonOffset, spec.hasSeason, layout.seasonTotal)
                        let o = ETSKernel.run(yb, season: spec.season, multiplicativeError: spec.error == .multiplicative,
                                              p, level: layout.level(x), trend: layout.trend(x), ring: rb)
                        return layout.value(sse: o.sse, sumLogAbsFitted: o.sumLogAbsFitted,
                                             nonPositive: o.nonPositiveFitted, n: n, threshold: threshold, p, scratch: sb)
                    }
                }
            }
        }
        guard result.value.isFinite else { return nil }
        return (problem.fit(y, result, id: id), result.abandoned)
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
