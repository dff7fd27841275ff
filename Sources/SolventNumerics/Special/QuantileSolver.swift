import Foundation

/// Inverts a monotone distribution function on the positive half-line by
/// safeguarded Newton iteration (Numerical Recipes §9.4 `rtsafe`): a bracket
/// `[lo, hi]` with `g(lo) ≤ 0 ≤ g(hi)` is found by doubling/halving from the start
/// point, and any Newton step that leaves it is replaced by bisection (geometric
/// when the bracket spans more than a factor 4, so tiny or huge roots are reached in
/// logarithmically many steps). Stops when a step is below 4 ulp of the iterate.
/// A root beyond the largest double is returned as `+∞`, one below the smallest
/// normal double (~2.2e-308) as 0.
enum QuantileSolver {
    static let maxIterations = 400

    /// The root `x > 0` of the increasing function `g` with derivative `dg`.
    static func positiveRoot(start: Double, _ g: (Double) -> Double, _ dg: (Double) -> Double) -> Double {
        var x = start.isFinite && start > 0 ? start : 1
        var gx = g(x)
        if gx == 0 { return x }
        var lo = 0.0
        var hi = Double.infinity
        if gx < 0 {
            lo = x
            while true {
                let t = 2 * lo
                if t == .infinity { return .infinity }  // the root overflows
                let gt = g(t)
                if gt >= 0 { hi = t; break }
                lo = t
                gx = gt
            }
            x = lo
        } else {
            hi = x
            while true {
                let t = 0.5 * hi
                if t < Double.leastNormalMagnitude { return 0 }  // the root underflows
                let gt = g(t)
                if gt <= 0 { lo = t; break }
                hi = t
                gx = gt
            }
            x = hi
        }
        for _ in 0..<maxIterations {
            if gx == 0 { return x }
            if gx < 0 { lo = x } else { hi = x }
            let slope = dg(x)
            var next = x - gx / slope
            if !(slope > 0) || !(next > lo && next < hi) {
                next = lo > 0 && hi > 4 * lo ? (lo * hi).squareRoot() : 0.5 * (lo + hi)
            }
            if Swift.abs(next - x) <= 4 * Double.ulpOfOne * Swift.abs(next) { return next }
            if hi - lo <= 4 * Double.ulpOfOne * hi { return next }
            x = next
            gx = g(x)
        }
        return x
    }
}
