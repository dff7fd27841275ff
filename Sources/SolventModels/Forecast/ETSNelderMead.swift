/// Nelder–Mead with box bounds (coordinates clipped after every move) and
/// adaptive coefficients (Gao & Han 2012: reflection 1, expansion 1 + 2/n,
/// contraction 0.75 − 1/(2n), shrink 1 − 1/n), as statsforecast's ETS optimiser:
/// the first simplex perturbs each coordinate of `x0` by 5 % (1e-4 when it is 0),
/// and the search stops when the standard deviation of the simplex's values falls
/// below `tolerance` or after `maxIterations` iterations.
struct ETSNelderMead {
    var maxIterations = 1_000
    var tolerance = 1e-4

    struct Result { var x: [Double]; var value: Double; var iterations: Int; var converged: Bool }

    func minimize(_ x0: [Double], lower: [Double], upper: [Double],
                  _ f: (UnsafeMutableBufferPointer<Double>) -> Double) -> Result {
        let n = x0.count
        let expand = 1 + 2 / Double(n), contract = 0.75 - 1 / (2 * Double(n)), shrink = 1 - 1 / Double(n)
        var storage = [Double](repeating: 0, count: (n + 1) * n + 4 * n)
        var values = [Double](repeating: 0, count: n + 1), order = Array(0...n)
        var iterations = 0, converged = false
        storage.withUnsafeMutableBufferPointer { all in
            guard let base = all.baseAddress else { return }
            func vertex(_ i: Int) -> UnsafeMutableBufferPointer<Double> { .init(start: base + i * n, count: n) }
            let centroid = UnsafeMutableBufferPointer(start: base + (n + 1) * n, count: n)
            let trial = UnsafeMutableBufferPointer(start: base + (n + 2) * n, count: n)
            let trial2 = UnsafeMutableBufferPointer(start: base + (n + 3) * n, count: n)
            func clip(_ v: UnsafeMutableBufferPointer<Double>) {
                for k in 0..<n { v[k] = min(max(v[k], lower[k]), upper[k]) }
            }
            for i in 0...n {
                let v = vertex(i)
                for k in 0..<n { v[k] = x0[k] }
                if i > 0 { v[i - 1] = x0[i - 1] == 0 ? 1e-4 : x0[i - 1] * 1.05 }
                clip(v)
                values[i] = f(v)
            }
            while iterations < maxIterations {
                order.sort { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
                let best = order[0], worst = order[n], second = order[n - 1]
                var mean = 0.0
                for v in values { mean += v }
                mean /= Double(n + 1)
                var ss = 0.0
                for v in values { ss += (v - mean) * (v - mean) }
                if (ss / Double(n + 1)).squareRoot() < tolerance { converged = true; break }
                iterations += 1
                for k in 0..<n { centroid[k] = 0 }
                for i in 0...n where i != worst {
                    let v = vertex(i)
                    for k in 0..<n { centroid[k] += v[k] }
                }
                for k in 0..<n { centroid[k] /= Double(n) }
                let w = vertex(worst)
                for k in 0..<n { trial[k] = 2 * centroid[k] - w[k] }
                clip(trial)
                let fr = f(trial)
                if fr < values[best] {
                    for k in 0..<n { trial2[k] = centroid[k] + expand * (trial[k] - centroid[k]) }
                    clip(trial2)
                    let fe = f(trial2)
                    let take = fe < fr ? trial2 : trial
                    for k in 0..<n { w[k] = take[k] }
                    values[worst] = min(fe, fr)
                    continue
                }
                if fr < values[second] {
                    for k in 0..<n { w[k] = trial[k] }
                    values[worst] = fr
                    continue
                }
                let outside = fr < values[worst]
                let sign = outside ? 1.0 : -1.0
                for k in 0..<n { trial2[k] = centroid[k] + sign * contract * (trial[k] - centroid[k]) }
                clip(trial2)
                let fc = f(trial2)
                if outside ? fc <= fr : fc < values[worst] {
                    for k in 0..<n { w[k] = trial2[k] }
                    values[worst] = fc
                    continue
                }
                let b = vertex(best)
                for i in 0...n where i != best {
                    let v = vertex(i)
                    for k in 0..<n { v[k] = b[k] + shrink * (v[k] - b[k]) }
                    clip(v)
                    values[i] = f(v)
                }
            }
        }
        let best = (0...n).min { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) } ?? 0
        return Result(x: Array(storage[(best * n)..<(best * n + n)]), value: values[best],
                      iterations: iterations, converged: converged)
    }
}
