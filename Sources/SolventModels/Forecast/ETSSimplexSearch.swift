/// One ``ETSNelderMead`` search as a state machine: it names the next point to
/// evaluate (``point``, ``threshold``) and moves on when told its value (``tell(_:)``),
/// so a caller can drive several searches at once and evaluate their points together.
///
/// The value told must be exact when it is at most ``threshold``; above it, any value
/// above ``threshold`` will do. Every decision of the search compares a trial value with
/// one threshold (the worst, second or best vertex, or the reflected point), so an
/// objective can skip expensive checks that could only make a rejected point worse
/// (``ETSEstimation`` skips the admissibility test when the likelihood already rejects
/// the point) without changing the path. The first simplex and shrink steps ask with `+∞`.
///
/// The steps and their order are exactly those of a plain loop (ties: the lower index is
/// the better vertex, the higher the worse), so driving it alone or beside others gives
/// the same result.
final class ETSSimplexSearch {
    private enum Phase { case initial(Int), reflect, expand, contract(outside: Bool), shrink(Int), done }

    let n: Int
    private let settings: ETSNelderMead
    private let abandonCheck: ((Double) -> Bool)?
    /// Vertices 0…n, then total (sum of all vertices), trial, trial2, lower, upper (n each),
    /// then the n + 1 vertex values: raw memory, so no copy-on-write or exclusivity checks.
    private let buffer: UnsafeMutableBufferPointer<Double>
    private let values: UnsafeMutableBufferPointer<Double>
    /// The vertex indices ordered by (value, index): best first, worst last. Kept up to date by
    /// re-inserting the one vertex a step replaces; sorted afresh after the first simplex and a shrink.
    private let order: UnsafeMutableBufferPointer<Int>
    private var phase = Phase.initial(0)
    private var best = 0, worst = 0, second = 1
    private var fr = 0.0
    private let expandBy, contractBy, shrinkBy, invN: Double
    private(set) var iterations = 0
    private(set) var converged = false
    private(set) var abandoned = false
    /// The point whose value is wanted next (do not keep it past the next ``tell(_:)``).
    private(set) var point: UnsafeMutableBufferPointer<Double>
    /// Values above this may be told inexactly (any value above it).
    private(set) var threshold = Double.infinity
    var finished: Bool { if case .done = phase { true } else { false } }

    init(_ x0: [Double], lower: [Double], upper: [Double], settings: ETSNelderMead,
         abandon: ((Double) -> Bool)? = nil) {
        n = x0.count
        self.settings = settings
        abandonCheck = abandon
        let nd = Double(n)
        invN = 1 / nd
        expandBy = 1 + 2 / nd
        contractBy = 0.75 - 1 / (2 * nd)
        shrinkBy = 1 - 1 / nd
        buffer = .allocate(capacity: (n + 6) * n + n + 1)
        buffer.initialize(repeating: 0)
        values = UnsafeMutableBufferPointer(rebasing: buffer[((n + 6) * n)...])
        order = .allocate(capacity: n + 1)
        for i in 0...n { order[i] = i }
        for k in 0..<n { buffer[(n + 4) * n + k] = lower[k]; buffer[(n + 5) * n + k] = upper[k] }
        for i in 0...n {
            let v = UnsafeMutableBufferPointer(rebasing: buffer[(i * n)..<(i * n + n)])
            for k in 0..<n { v[k] = x0[k] }
            if i > 0 { v[i - 1] = x0[i - 1] == 0 ? 1e-4 : x0[i - 1] * 1.05 }
        }
        point = UnsafeMutableBufferPointer(rebasing: buffer[0..<n])
        for i in 0...n { clip(vertex(i)) }
    }

    deinit { buffer.deallocate(); order.deallocate() }

    /// The best vertex so far and its value.
    var result: ETSNelderMead.Result {
        let b = (0...n).min { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) } ?? 0
        return .init(x: Array(vertex(b)), value: values[b], iterations: iterations, converged: converged,
                     abandoned: abandoned)
    }

    @inline(__always) private func vertex(_ i: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(start: buffer.baseAddress.map { $0 + i * n }, count: n)
    }
    private var total: UnsafeMutableBufferPointer<Double> { vertex(n + 1) }
    private var trial: UnsafeMutableBufferPointer<Double> { vertex(n + 2) }
    private var trial2: UnsafeMutableBufferPointer<Double> { vertex(n + 3) }

    private func clip(_ v: UnsafeMutableBufferPointer<Double>) {
        let lo = vertex(n + 4), hi = vertex(n + 5)
        for k in 0..<n { v[k] = min(max(v[k], lo[k]), hi[k]) }
    }
    private func recomputeTotal() {
        let t = total
        for k in 0..<n { t[k] = 0 }
        for i in 0...n { let v = vertex(i); for k in 0..<n { t[k] += v[k] } }
    }
    private func replaceWorst(with x: UnsafeMutableBufferPointer<Double>, value: Double) {
        let v = vertex(worst), t = total
        for k in 0..<n { t[k] += x[k] - v[k]; v[k] = x[k] }
        values[worst] = value
        // The worst (last in `order`) moves down to its place by (value, index).
        var p = n
        while p > 0 {
            let o = order[p - 1], fo = values[o]
            guard fo > value || (fo == value && o > worst) else { break }
            order[p] = o
            p -= 1
        }
        order[p] = worst
    }
    /// `order` from scratch (insertion sort; indices enter in increasing order, so ties stay by index).
    private func sortOrder() {
        for i in 0...n {
            let v = values[i]
            var p = i
            while p > 0, values[order[p - 1]] > v { order[p] = order[p - 1]; p -= 1 }
            order[p] = i
        }
    }

    /// Records the value of ``point`` and moves to the next point (or finishes).
    func tell(_ value: Double) {
        switch phase {
        case .initial(let i):
            values[i] = value
            if i < n { ask(.initial(i + 1), vertex(i + 1), .infinity) } else { recomputeTotal(); sortOrder(); startIteration() }
        case .reflect:
            fr = value
            let fBest = values[best], fWorst = values[worst]
            if fr < fBest {
                let w = vertex(worst), t = total, r = trial, e = trial2
                for k in 0..<n {
                    let c = (t[k] - w[k]) * invN
                    e[k] = c + expandBy * (r[k] - c)
                }
                clip(e)
                ask(.expand, e, fr)
            } else if fr < values[second] {
                replaceWorst(with: trial, value: fr)
                startIteration()
            } else {
                let outside = fr < fWorst, sign = outside ? 1.0 : -1.0
                let w = vertex(worst), t = total, r = trial, c2 = trial2
                for k in 0..<n {
                    let c = (t[k] - w[k]) * invN
                    c2[k] = c + sign * contractBy * (r[k] - c)
                }
                clip(c2)
                ask(.contract(outside: outside), c2, outside ? fr : fWorst)
            }
        case .expand:
            if value < fr { replaceWorst(with: trial2, value: value) } else { replaceWorst(with: trial, value: fr) }
            startIteration()
        case .contract(let outside):
            if outside ? value <= fr : value < values[worst] {
                replaceWorst(with: trial2, value: value)
                startIteration()
                return
            }
            let b = vertex(best)
            for i in 0...n where i != best {
                let v = vertex(i)
                for k in 0..<n { v[k] = b[k] + shrinkBy * (v[k] - b[k]) }
                clip(v)
            }
            let first = best == 0 ? 1 : 0
            ask(.shrink(first), vertex(first), .infinity)
        case .shrink(let i):
            values[i] = value
            var next = i + 1
            if next == best { next += 1 }
            if next <= n { ask(.shrink(next), vertex(next), .infinity) } else { recomputeTotal(); sortOrder(); startIteration() }
        case .done:
            preconditionFailure("ETSSimplexSearch told a value after it finished")
        }
    }

    /// Stops the search (racing); ``result`` is the best vertex so far.
    func abandon() { abandoned = true; phase = .done }

    @inline(__always) private func ask(_ next: Phase, _ x: UnsafeMutableBufferPointer<Double>, _ limit: Double) {
        phase = next
        point = x
        threshold = limit
    }

    /// The stopping test: whether the standard deviation of `f` (whose smallest and largest
    /// values are `best` and `worst`) is below `tolerance`. It needs the deviation only when it
    /// could be that small: N values with range R have Σ(v − v̄)² ≥ R²/2, so R² > 4N·tol²
    /// (twice that bound, far beyond rounding) already answers no — the decision of the full
    /// test (mean summed in index order, then the squares), without its two passes.
    @inline(__always)
    static func spreadBelow(_ tolerance: Double, _ f: UnsafeMutableBufferPointer<Double>,
                            best: Double, worst: Double) -> Bool {
        let range = worst - best, count = Double(f.count)
        if range * range > 4 * count * tolerance * tolerance { return false }
        var sum = f[0]
        for i in 1..<f.count { sum += f[i] }
        let mean = sum / count
        var ss = 0.0
        for v in f { ss += (v - mean) * (v - mean) }
        return (ss / count).squareRoot() < tolerance
    }

    /// The top of an iteration: order the vertices, test convergence, then reflect the worst.
    private func startIteration() {
        guard iterations < settings.maxIterations else { phase = .done; return }
        // Best, worst and second worst (ties: the lower index is better) from the kept order.
        best = order[0]; worst = order[n]; second = order[n - 1]
        let fb = values[best], fw = values[worst]
        if Self.spreadBelow(settings.tolerance, values, best: fb, worst: fw) {
            converged = true; phase = .done; return
        }
        iterations += 1
        if iterations % 64 == 0 { recomputeTotal() }
        if let abandonCheck, iterations >= settings.abandonFrom, iterations % 50 == 0, abandonCheck(values[best]) {
            abandon()
            return
        }
        // Reflection through the centroid c of all but the worst: 2c − w.
        let w = vertex(worst), t = total, r = trial
        for k in 0..<n { r[k] = 2 * (t[k] - w[k]) * invN - w[k] }
        clip(r)
        ask(.reflect, r, values[worst])
    }
}
