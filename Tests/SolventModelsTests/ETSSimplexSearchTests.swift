import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

/// The search keeps its vertices ordered between steps and its stopping test takes a shortcut
/// (the range bounds the spread); both must decide exactly as the plain loop does.
@Suite struct ETSSimplexSearchTests {
    /// The plain test: population standard deviation of the values below the tolerance.
    static func plain(_ f: [Double], _ tolerance: Double) -> Bool {
        let mean = f.reduce(0, +) / Double(f.count)
        var ss = 0.0
        for v in f { ss += (v - mean) * (v - mean) }
        return (ss / Double(f.count)).squareRoot() < tolerance
    }

    @Test func spreadShortcutDecidesAsTheFullTest() {
        var g = Xoshiro256StarStar(seed: 42)
        var agreed = 0, converged = 0
        for trial in 0..<20_000 {
            let count = 2 + trial % 18, tolerance = 1e-4
            // Spreads from far below to far above the tolerance, around values of any size;
            // some sets with one value far off, some with an infinite value.
            let spread = tolerance * pow(10, g.uniform(-2, 2)), centre = g.uniform(-1_000, 1_000)
            var f = (0..<count).map { _ in centre + spread * g.normal(mean: 0, sd: 1) }
            if trial % 7 == 0 { f[trial % count] += spread * 3 }
            if trial % 101 == 0 { f[trial % count] = .infinity }
            let best = f.min() ?? 0, worst = f.max() ?? 0
            let fast = f.withUnsafeMutableBufferPointer {
                ETSSimplexSearch.spreadBelow(tolerance, $0, best: best, worst: worst)
            }
            if fast == Self.plain(f, tolerance) { agreed += 1 }
            if fast { converged += 1 }
        }
        #expect(agreed == 20_000)
        #expect(converged > 1_000 && converged < 19_000)
    }

    /// The plain loop: every iteration scans the values for the best, worst and second-worst
    /// vertex (ties: the lower index is better) and computes the standard deviation in full; the
    /// running vertex sum, its refresh every 64 iterations and the moves are the search's.
    static func plainSearch(_ f: ([Double]) -> Double, _ x0: [Double], lower: [Double], upper: [Double],
                            maxIterations: Int, tolerance: Double) -> (x: [Double], value: Double, iterations: Int) {
        let n = x0.count, nd = Double(n)
        let invN = 1 / nd, expandBy = 1 + 2 / nd, contractBy = 0.75 - 1 / (2 * nd), shrinkBy = 1 - 1 / nd
        func clip(_ v: [Double]) -> [Double] { (0..<n).map { min(max(v[$0], lower[$0]), upper[$0]) } }
        var simplex = (0...n).map { i -> [Double] in
            var v = x0
            if i > 0 { v[i - 1] = x0[i - 1] == 0 ? 1e-4 : x0[i - 1] * 1.05 }
            return clip(v)
        }
        var values = simplex.map(f)
        var total = [Double](repeating: 0, count: n)
        func recompute() {
            total = [Double](repeating: 0, count: n)
            for v in simplex { for k in 0..<n { total[k] += v[k] } }
        }
        recompute()
        var iterations = 0
        while iterations < maxIterations {
            var best = 0, worst = 0, second = 0
            for i in 0...n where values[i] < values[best] { best = i }
            for i in 0...n where values[i] >= values[worst] { worst = i }
            second = worst == 0 ? 1 : 0
            for i in 0...n where i != worst && values[i] >= values[second] { second = i }
            let mean = values.reduce(0, +) / Double(n + 1)
            var ss = 0.0
            for v in values { ss += (v - mean) * (v - mean) }
            if (ss / Double(n + 1)).squareRoot() < tolerance { break }
            iterations += 1
            if iterations % 64 == 0 { recompute() }
            func replaceWorst(_ x: [Double], _ value: Double) {
                for k in 0..<n { total[k] += x[k] - simplex[worst][k] }
                simplex[worst] = x
                values[worst] = value
            }
            let w = simplex[worst]
            let c = (0..<n).map { (total[$0] - w[$0]) * invN }
            let r = clip((0..<n).map { 2 * (total[$0] - w[$0]) * invN - w[$0] })
            let fr = f(r)
            if fr < values[best] {
                let e = clip((0..<n).map { c[$0] + expandBy * (r[$0] - c[$0]) })
                let fe = f(e)
                if fe < fr { replaceWorst(e, fe) } else { replaceWorst(r, fr) }
            } else if fr < values[second] {
                replaceWorst(r, fr)
            } else {
                let outside = fr < values[worst], sign = outside ? 1.0 : -1.0
                let c2 = clip((0..<n).map { c[$0] + sign * contractBy * (r[$0] - c[$0]) })
                let fc = f(c2)
                if outside ? fc <= fr : fc < values[worst] {
                    replaceWorst(c2, fc)
                } else {
                    let b = simplex[best]
                    for i in 0...n where i != best {
                        simplex[i] = clip((0..<n).map { b[$0] + shrinkBy * (simplex[i][$0] - b[$0]) })
                        values[i] = f(simplex[i])
                    }
                    recompute()
                }
            }
        }
        var b = 0
        for i in 0...n where values[i] < values[b] { b = i }
        return (simplex[b], values[b], iterations)
    }

    @Test func searchEqualsThePlainLoop() {
        var g = Xoshiro256StarStar(seed: 9)
        for (trial, n) in [2, 3, 5, 9, 17, 17].enumerated() {
            let centre = (0..<n).map { _ in g.uniform(-1, 1) }
            let x0 = (0..<n).map { _ in g.uniform(-2, 2) }
            let lower = [Double](repeating: -1.5, count: n), upper = [Double](repeating: 1.8, count: n)
            // A bowl on a grid (plateaus, so tied values) with an infinite region (more ties).
            func objective(_ x: [Double]) -> Double {
                var v = 0.0
                for k in 0..<n { v += Double(k + 1) * (x[k] - centre[k]) * (x[k] - centre[k]) }
                if x[0] + x[n - 1] > 2.5 { return .infinity }
                return trial % 2 == 0 ? (v * 64).rounded(.down) / 64 : v
            }
            let plain = Self.plainSearch(objective, x0, lower: lower, upper: upper, maxIterations: 400, tolerance: 1e-6)
            let search = ETSNelderMead(maxIterations: 400, tolerance: 1e-6)
                .minimize(x0, lower: lower, upper: upper) { x, _ in objective(Array(x)) }
            #expect(search.x == plain.x && search.value == plain.value && search.iterations == plain.iterations, "n = \(n)")
        }
    }
}
