/// Automatic selection's candidates fitted side by side: the models of one kind (same
/// error and season type, trend none/additive/damped) run their Nelder–Mead searches
/// in step, and each round evaluates the searches' pending points together, one SIMD
/// lane each (``ETSKernel/runLanes(_:season:multiplicativeError:alpha:beta:gamma:phi:level:trend:ring:)``).
///
/// Each search sees exactly the values a lone search would (the lanes compute the scalar
/// recursion's sums bit for bit; the usual-region and admissibility tests are the same),
/// so every candidate's fit — and so the selection — is identical to fitting the
/// candidates one after another with ``ETSEstimation/fit(_:_:period:id:optimizer:abandonAbove:)``;
/// only the time changes (1,000 series of 60, 15 candidates each: see `Benchmarks/run-ets.sh`).
/// A round with a single search still pending uses the scalar kernel.
enum ETSLockstep {
    static let width = 4

    /// Up to ``width`` search indices, without an array per round.
    struct Pending {
        private var slots = SIMD4<Int>()
        private(set) var count = 0
        mutating func append(_ k: Int) { slots[count] = k; count += 1 }
        subscript(_ i: Int) -> Int { slots[i] }
    }

    /// Fits each of `specs` (one kind: the same `error` and `season`, at most ``width``) to `y`;
    /// nil for a model with too many parameters for the data or no finite likelihood.
    static func fit(_ y: [Double], _ specs: [ETSSpecification], period: Int, id: String,
                    optimizer: ETSNelderMead) -> [ETSFit?] {
        precondition(specs.count <= width && Set(specs.map { "\($0.error)\($0.season)" }).count <= 1,
                     "ETSLockstep.fit takes up to \(width) models of one kind")
        guard let kind = specs.first else { return [] }
        let problems = specs.map { ETSEstimation.Problem(y, $0, period: period) }
        // The models that can be fitted: their layouts (plain values) and searches, index for index.
        let fitted = problems.indices.filter { problems[$0] != nil }
        let layouts = fitted.compactMap { problems[$0]?.layout }
        let searches = fitted.compactMap { k in
            problems[k].map { ETSSimplexSearch($0.x0, lower: $0.lower, upper: $0.upper, settings: optimizer) }
        }
        let m = kind.hasSeason ? period : 1, n = y.count
        let multiplicativeError = kind.error == .multiplicative
        var ring = [ETSKernel.Lanes](repeating: .init(repeating: kind.season == .multiplicative ? 1 : 0), count: m)
        var scalarRing = [Double](repeating: 0, count: m), scratch = [Double](repeating: 0, count: 2 * (m + 2))
        var params = [ETSParameters](repeating: ETSParameters(alpha: 0.5), count: width)
        var laneScratch = [ETSKernel.Lanes](repeating: .init(), count: 2 * (m + 2))
        y.withUnsafeBufferPointer { yb in
            ring.withUnsafeMutableBufferPointer { rb in
                scalarRing.withUnsafeMutableBufferPointer { sr in
                    scratch.withUnsafeMutableBufferPointer { sb in
                      laneScratch.withUnsafeMutableBufferPointer { lsb in
                        while true {
                            // Searches whose point needs the recursion (inside the usual region).
                            var pending = Pending(), anyActive = false
                            for k in searches.indices where !searches[k].finished {
                                anyActive = true
                                let p = ETSEstimation.decode(searches[k].point, layouts[k].spec)
                                if ETSAdmissibility.usual(p, layouts[k].spec) { params[k] = p; pending.append(k) }
                                else { searches[k].tell(.infinity) }
                            }
                            guard anyActive else { break }
                            if pending.count == 1 {
                                let k = pending[0], layout = layouts[k], x = searches[k].point
                                ETSEstimation.loadRing(sr, x, layout.seasonOffset, kind.hasSeason, layout.seasonTotal)
                                let o = ETSKernel.run(yb, season: kind.season, multiplicativeError: multiplicativeError,
                                                      params[k], level: layout.level(x), trend: layout.trend(x), ring: sr)
                                searches[k].tell(layout.value(sse: o.sse, sumLogAbsFitted: o.sumLogAbsFitted,
                                                              nonPositive: o.nonPositiveFitted, n: n,
                                                              threshold: searches[k].threshold, params[k], scratch: sb))
                            } else if pending.count > 1 {
                                round(yb, pending, searches, layouts, params, rb, kind, n, sb, lsb)
                            }
                        }
                      }
                    }
                }
            }
        }
        var fits = [ETSFit?](repeating: nil, count: specs.count)
        for (i, k) in fitted.enumerated() {
            let result = searches[i].result
            if result.value.isFinite, let problem = problems[k] { fits[k] = problem.fit(y, result, id: id) }
        }
        return fits
    }

    /// Evaluates the pending lanes' points in one pass of the lane kernel and tells each
    /// search its value. Idle lanes repeat the first pending lane's point.
    private static func round(_ y: UnsafeBufferPointer<Double>, _ pending: Pending, _ searches: [ETSSimplexSearch],
                              _ layouts: [ETSEstimation.Layout], _ params: [ETSParameters],
                              _ ring: UnsafeMutableBufferPointer<ETSKernel.Lanes>, _ kind: ETSSpecification,
                              _ n: Int, _ scratch: UnsafeMutableBufferPointer<Double>,
                              _ rootScratch: UnsafeMutableBufferPointer<ETSKernel.Lanes>) {
        var alpha = ETSKernel.Lanes(), beta = alpha, gamma = alpha, phi = alpha, level = alpha, trend = alpha
        for lane in 0..<width {
            let k = lane < pending.count ? pending[lane] : pending[0]
            let layout = layouts[k], x = searches[k].point, p = params[k]
            alpha[lane] = p.alpha; beta[lane] = p.beta; gamma[lane] = p.gamma; phi[lane] = p.phi
            level[lane] = layout.level(x)
            trend[lane] = layout.trend(x)
            guard kind.hasSeason else { ring[0][lane] = 0; continue }
            var sum = 0.0
            for j in 1..<ring.count { ring[j][lane] = x[layout.seasonOffset + j - 1]; sum += ring[j][lane] }
            ring[0][lane] = layout.seasonTotal - sum
        }
        let o = ETSKernel.runLanes(y, season: kind.season, multiplicativeError: kind.error == .multiplicative,
                                   alpha: alpha, beta: beta, gamma: gamma, phi: phi, level: level, trend: trend, ring: ring)
        // Values; lanes the search would accept and whose closed-form conditions hold still
        // need the roots test, done for all of them in one pass (one alone: the scalar test).
        var values = ETSKernel.Lanes(), roots = Pending()
        for lane in 0..<pending.count {
            let k = pending[lane], layout = layouts[k]
            let v = layout.value(sse: o.sse[lane], sumLogAbsFitted: o.sumLogAbsFitted[lane],
                                 nonPositive: o.nonPositiveFitted[lane], n: n, threshold: searches[k].threshold,
                                 params[k], scratch: nil)
            values[lane] = v
            if v.isFinite, v <= searches[k].threshold {
                switch ETSAdmissibility.closedForm(params[k], layout.spec, period: layout.m) {
                case .rejected: values[lane] = .infinity
                case .accepted: break
                case .needsRoots: roots.append(lane)
                }
            }
        }
        if roots.count == 1 {
            let lane = roots[0], k = pending[lane]
            if !ETSAdmissibility.rootsInside(params[k], layouts[k].spec, period: layouts[k].m, scratch: scratch) {
                values[lane] = .infinity
            }
        } else if roots.count > 1 {
            var a = ETSKernel.Lanes(), b = a, g = a, f = a
            for slot in 0..<width {
                let p = params[pending[roots[slot < roots.count ? slot : 0]]]
                a[slot] = p.alpha; b[slot] = p.beta; g[slot] = p.gamma; f[slot] = p.phi
            }
            let inside = ETSAdmissibility.rootsInside(alpha: a, beta: b, gamma: g, phi: f, period: kind.hasSeason ? ring.count : 1,
                                                      scratch: rootScratch)
            for slot in 0..<roots.count where !inside[slot] { values[roots[slot]] = .infinity }
        }
        for lane in 0..<pending.count { searches[pending[lane]].tell(values[lane]) }
    }
}
