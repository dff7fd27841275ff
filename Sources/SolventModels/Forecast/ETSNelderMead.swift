/// Nelder–Mead with box bounds (coordinates clipped after every move) and
/// adaptive coefficients (Gao & Han 2012: reflection 1, expansion 1 + 2/n,
/// contraction 0.75 − 1/(2n), shrink 1 − 1/n), as statsforecast's ETS optimiser:
/// the first simplex perturbs each coordinate of `x0` by 5 % (1e-4 when it is 0),
/// and the search stops when the standard deviation of the simplex's values falls
/// below `tolerance` or after `maxIterations` iterations.
struct ETSNelderMead {
    var maxIterations = 1_000
    var tolerance = 1e-4
    var abandonFrom = 400

    struct Result { var x: [Double]; var value: Double; var iterations: Int; var converged: Bool; var abandoned: Bool }

    /// `abandon(best)` is asked every 50 iterations from `abandonFrom` on with the best value so
    /// far; true stops the search (``Result/abandoned``).
    func minimize(_ x0: [Double], lower: [Double], upper: [Double], abandon: (Double) -> Bool = { _ in false },
                  _ f: (UnsafeMutableBufferPointer<Double>) -> Double) -> Result {
        let n = x0.count
        let expand = 1 + 2 / Double(n), contract = 0.75 - 1 / (2 * Double(n)), shrink = 1 - 1 / Double(n)
        var storage = [Double](repeating: 0, count: (n + 1) * n + 4 * n)
        var values = [Double](repeating: 0, count: n + 1)
        var iterations = 0, converged = false, abandoned = false
        storage.withUnsafeMutableBufferPointer { all in
            guard let base = all.baseAddress else { return }
            func vertex(_ i: Int) -> UnsafeMutableBufferPointer<Double> { .init(start: base + i * n, count: n) }
            // `total` is the sum of all n + 1 vertices, kept up to date on every replacement.
            let total = UnsafeMutableBufferPointer(start: base + (n + 1) * n, count: n)
            let trial = UnsafeMutableBufferPointer(start: base + (n + 2) * n, count: n)
            let trial2 = UnsafeMutableBufferPointer(start: base + (n + 3) * n, count: n)
            func clip(_ v: UnsafeMutableBufferPointer<Double>) {
                for k in 0..<n { v[k] = min(max(v[k], lower[k]), upper[k]) }
            }
            func recomputeTotal() {
                for k in 0..<n { total[k] = 0 }
                for i in 0...n { let v = vertex(i); for k in 0..<n { total[k] += v[k] } }
            }
            func replace(_ i: Int, with x: UnsafeMutableBufferPointer<Double>, value: Double) {
                let v = vertex(i)
                for k in 0..<n { total[k] += x[k] - v[k]; v[k] = x[k] }
                values[i] = value
            }
            for i in 0...n {
                let v = vertex(i)
                for k in 0..<n { v[k] = x0[k] }
                if i > 0 { v[i - 1] = x0[i - 1] == 0 ? 1e-4 : x0[i - 1] * 1.05 }
                clip(v)
                values[i] = f(v)
            }
            recomputeTotal()
            while iterations < maxIterations {
                // Best, worst and second worst in one pass (ties: the lower index is better).
                var best = 0, worst = 0, mean = 0.0
                for i in 0...n {
                    mean += values[i]
                    if values[i] < values[best] { best = i }
                    if values[i] >= values[worst] { worst = i }
                }
                var second = worst == 0 ? 1 : 0
                for i in 0...n where i != worst && values[i] >= values[second] { second = i }
                mean /= Double(n + 1)
                var ss = 0.0
                for v in values { ss += (v - mean) * (v - mean) }
                if (ss / Double(n + 1)).squareRoot() < tolerance { converged = true; break }
                iterations += 1
                if iterations % 64 == 0 { recomputeTotal() }
                if iterations >= abandonFrom && iterations % 50 == 0 && abandon(values[best]) { abandoned = true; break }
                let w = vertex(worst), invN = 1 / Double(n)
                // Reflection through the centroid c of all but the worst: 2c − w.
                for k in 0..<n { trial[k] = 2 * (total[k] - w[k]) * invN - w[k] }
                clip(trial)
                let fr = f(trial)
                if fr < values[best] {
                    for k in 0..<n {
                        let c = (total[k] - w[k]) * invN
                        trial2[k] = c + expand * (trial[k] - c)
                    }
                    clip(trial2)
                    let fe = f(trial2)
                    if fe < fr { replace(worst, with: trial2, value: fe) } else { replace(worst, with: trial, value: fr) }
                    continue
                }
                if fr < values[second] { replace(worst, with: trial, value: fr); continue }
                let outside = fr < values[worst]
                let sign = outside ? 1.0 : -1.0
                for k in 0..<n {
                    let c = (total[k] - w[k]) * invN
                    trial2[k] = c + sign * contract * (trial[k] - c)
                }
                clip(trial2)
                let fc = f(trial2)
                if outside ? fc <= fr : fc < values[worst] { replace(worst, with: trial2, value: fc); continue }
                let b = vertex(best)
                for i in 0...n where i != best {
                    let v = vertex(i)
                    for k in 0..<n { v[k] = b[k] + shrink * (v[k] - b[k]) }
                    clip(v)
                    values[i] = f(v)
                }
                recomputeTotal()
            }
        }
        let best = (0...n).min { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) } ?? 0
        return Result(x: Array(storage[(best * n)..<(best * n + n)]), value: values[best],
                      iterations: iterations, converged: converged, abandoned: abandoned)
    }
}
