import Foundation

/// R `forecast:::initstate` / statsforecast `initstate`: heuristic starting
/// states for the optimiser.
///
/// Season (when the model has one): a classical decomposition
/// (statsmodels `seasonal_decompose`, centred 2×m moving average) when `n ≥ 3m`,
/// else a regression on `[1, t, cos(2πt/m), sin(2πt/m)]` (R's `fourier(K = 1)`);
/// the seasonal states are the first season of that component, multiplicative ones
/// clipped at 0.01 and rescaled as R does. Level and trend: a regression of the
/// seasonally adjusted series on `[1, t]` over its first `max(10, 2m)` values
/// (the mean of them for no trend).
enum ETSInitialization {
    /// Starting states; `seasonal` has `m` entries, chronological, the first one
    /// implied by the others (`Σs = 0`, or `m` for a multiplicative season).
    static func states(_ y: [Double], spec: ETSSpecification, period m: Int) -> ETSInitialState {
        let n = y.count
        var adjusted = y, seasonal: [Double] = []
        if spec.hasSeason {
            let multiplicative = spec.season == .multiplicative
            let component = n >= 3 * m ? decompose(y, m, multiplicative) : fourierSeason(y, m, multiplicative)
            var s = Array(component[0..<m])
            if multiplicative {
                for j in 1..<m { s[j] = max(s[j], 1e-2) }
                let sum = s[1...].reduce(0, +)
                if sum > Double(m) {
                    let scale = s[1...].reduce(0) { $0 + $1 + 1e-2 }
                    for j in 1..<m { s[j] /= scale }
                }
                s[0] = Double(m) - s[1...].reduce(0, +)
                for t in 0..<n { adjusted[t] = y[t] / max(component[t], 1e-2) }
            } else {
                s[0] = -s[1...].reduce(0, +)
                for t in 0..<n { adjusted[t] = y[t] - component[t] }
            }
            seasonal = s
        }
        let maxn = min(max(10, 2 * (spec.hasSeason ? m : 1)), n)
        let head = Array(adjusted[0..<maxn])
        guard spec.hasTrend, maxn >= 2 else {
            return ETSInitialState(level: head.reduce(0, +) / Double(maxn), trend: 0, seasonal: seasonal)
        }
        // Least squares on t = 1 … maxn.
        let tMean = Double(maxn + 1) / 2, yMean = head.reduce(0, +) / Double(maxn)
        var sxy = 0.0, sxx = 0.0
        for (i, v) in head.enumerated() { let d = Double(i + 1) - tMean; sxy += d * (v - yMean); sxx += d * d }
        var b = sxy / sxx, l = yMean - b * tMean
        if abs(l + b) < 1e-8 { l *= 1 + 1e-3; b *= 1 - 1e-3 }
        return ETSInitialState(level: l, trend: b, seasonal: seasonal)
    }

    /// statsmodels `seasonal_decompose(two_sided=True)`'s seasonal component: the
    /// centred moving average (weights 1/m, halves at the ends for even m), the
    /// per-phase means of the detrended values, centred to mean 0 (or 1).
    static func decompose(_ y: [Double], _ m: Int, _ multiplicative: Bool) -> [Double] {
        let n = y.count, half = m / 2
        var sums = [Double](repeating: 0, count: m), counts = [Double](repeating: 0, count: m)
        for t in half..<(n - half) {
            var trend = 0.0
            if m % 2 == 0 {
                trend = 0.5 * (y[t - half] + y[t + half])
                for k in (t - half + 1)..<(t + half) { trend += y[k] }
            } else {
                for k in (t - half)...(t + half) { trend += y[k] }
            }
            trend /= Double(m)
            sums[t % m] += multiplicative ? y[t] / trend : y[t] - trend
            counts[t % m] += 1
        }
        var phase = (0..<m).map { sums[$0] / counts[$0] }
        let mean = phase.reduce(0, +) / Double(m)
        for j in 0..<m { phase[j] = multiplicative ? phase[j] / mean : phase[j] - mean }
        return (0..<n).map { phase[$0 % m] }
    }

    /// R's short-series season: `y − (c₀ + c₁t)` (or `y/(c₀ + c₁t)`) after a least-squares
    /// fit of `y` on `1, t, cos(2πt/m), sin(2πt/m)` (no sine for m = 2), `t = 1 … n`.
    static func fourierSeason(_ y: [Double], _ m: Int, _ multiplicative: Bool) -> [Double] {
        let n = y.count, k = m == 2 ? 3 : 4
        func row(_ t: Int) -> [Double] {
            let w = 2 * Double.pi * Double(t) / Double(m)
            return k == 3 ? [1, Double(t), cos(w)] : [1, Double(t), cos(w), sin(w)]
        }
        var a = [Double](repeating: 0, count: k * k), rhs = [Double](repeating: 0, count: k)
        for t in 1...n {
            let x = row(t)
            for i in 0..<k {
                rhs[i] += x[i] * y[t - 1]
                for j in 0..<k { a[i * k + j] += x[i] * x[j] }
            }
        }
        let c = solveSmall(a, rhs, k) ?? [y.reduce(0, +) / Double(n), 0]
        return (1...n).map { t in
            let base = c[0] + c[1] * Double(t)
            return multiplicative ? y[t - 1] / base : y[t - 1] - base
        }
    }

    /// Gaussian elimination with partial pivoting on a small k × k system (row-major);
    /// nil when singular.
    static func solveSmall(_ matrix: [Double], _ rhs: [Double], _ k: Int) -> [Double]? {
        var a = matrix, b = rhs
        for col in 0..<k {
            guard let p = (col..<k).max(by: { abs(a[$0 * k + col]) < abs(a[$1 * k + col]) }),
                  abs(a[p * k + col]) > 1e-12 * max(1, abs(a[col * k + col])) else { return nil }
            if p != col {
                for j in 0..<k { a.swapAt(p * k + j, col * k + j) }
                b.swapAt(p, col)
            }
            for r in (col + 1)..<k {
                let f = a[r * k + col] / a[col * k + col]
                for j in col..<k { a[r * k + j] -= f * a[col * k + j] }
                b[r] -= f * b[col]
            }
        }
        var x = [Double](repeating: 0, count: k)
        for i in stride(from: k - 1, through: 0, by: -1) {
            var s = b[i]
            for j in (i + 1)..<k { s -= a[i * k + j] * x[j] }
            x[i] = s / a[i * k + i]
        }
        return x
    }
}
