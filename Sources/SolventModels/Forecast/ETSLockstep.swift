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

    /// Four values in plain fields: a lane written by index into a SIMD vector goes through
    /// memory and stalls the next read of the whole vector (store forwarding).
    struct Four<T> {
        private var a, b, c, d: T
        init(_ value: T) { (a, b, c, d) = (value, value, value, value) }
        subscript(_ i: Int) -> T {
            get { switch i { case 0: a; case 1: b; case 2: c; default: d } }
            set { switch i { case 0: a = newValue; case 1: b = newValue; case 2: c = newValue; default: d = newValue } }
        }
    }

    /// Up to ``width`` search indices, without an array per round.
    struct Pending {
        private var slots = Four(0)
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
        // Lane vectors built from scalars in registers: writing one lane of a vector in memory
        // and reading the vector back stalls on store forwarding, once per lane and field.
        @inline(__always) func slot(_ lane: Int) -> Int { lane < pending.count ? pending[lane] : pending[0] }
        let k0 = slot(0), k1 = slot(1), k2 = slot(2), k3 = slot(3)
        let p0 = params[k0], p1 = params[k1], p2 = params[k2], p3 = params[k3]
        let l0 = layouts[k0], l1 = layouts[k1], l2 = layouts[k2], l3 = layouts[k3]
        let x0 = searches[k0].point, x1 = searches[k1].point, x2 = searches[k2].point, x3 = searches[k3].point
        let alpha = ETSKernel.Lanes(p0.alpha, p1.alpha, p2.alpha, p3.alpha)
        let beta = ETSKernel.Lanes(p0.beta, p1.beta, p2.beta, p3.beta)
        let gamma = ETSKernel.Lanes(p0.gamma, p1.gamma, p2.gamma, p3.gamma)
        let phi = ETSKernel.Lanes(p0.phi, p1.phi, p2.phi, p3.phi)
        let level = ETSKernel.Lanes(l0.level(x0), l1.level(x1), l2.level(x2), l3.level(x3))
        let trend = ETSKernel.Lanes(l0.trend(x0), l1.trend(x1), l2.trend(x2), l3.trend(x3))
        if kind.hasSeason {
            // As ETSEstimation.loadRing, lane by lane: ring[1…m−1] from x, ring[0] = total − Σ (same order).
            let s0 = x0.baseAddress.map { $0 + l0.seasonOffset - 1 }, s1 = x1.baseAddress.map { $0 + l1.seasonOffset - 1 }
            let s2 = x2.baseAddress.map { $0 + l2.seasonOffset - 1 }, s3 = x3.baseAddress.map { $0 + l3.seasonOffset - 1 }
            if let s0, let s1, let s2, let s3 {
                var sum = ETSKernel.Lanes(repeating: 0)
                for j in 1..<ring.count {
                    let v = ETSKernel.Lanes(s0[j], s1[j], s2[j], s3[j])
                    ring[j] = v
                    sum += v
                }
                ring[0] = ETSKernel.Lanes(repeating: l0.seasonTotal) - sum
            }
        } else {
            ring[0] = ETSKernel.Lanes(repeating: 0)
        }
        let o = ETSKernel.runLanes(y, season: kind.season, multiplicativeError: kind.error == .multiplicative,
                                   alpha: alpha, beta: beta, gamma: gamma, phi: phi, level: level, trend: trend, ring: ring)
        // Values; lanes the search would accept and whose closed-form conditions hold still
        // need the roots test, done for all of them in one pass (one alone: the scalar test).
        var values = Four(0.0), roots = Pending()
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
            @inline(__always) func root(_ slot: Int) -> ETSParameters { params[pending[roots[slot < roots.count ? slot : 0]]] }
            let r0 = root(0), r1 = root(1), r2 = root(2), r3 = root(3)
            let a = ETSKernel.Lanes(r0.alpha, r1.alpha, r2.alpha, r3.alpha), b = ETSKernel.Lanes(r0.beta, r1.beta, r2.beta, r3.beta)
            let g = ETSKernel.Lanes(r0.gamma, r1.gamma, r2.gamma, r3.gamma), f = ETSKernel.Lanes(r0.phi, r1.phi, r2.phi, r3.phi)
            let inside = ETSAdmissibility.rootsInside(alpha: a, beta: b, gamma: g, phi: f, period: kind.hasSeason ? ring.count : 1,
                                                      scratch: rootScratch)
            for slot in 0..<roots.count where !inside[slot] { values[roots[slot]] = .infinity }
        }
        for lane in 0..<pending.count { searches[pending[lane]].tell(values[lane]) }
    }
}
