import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

/// The search's stopping test takes a shortcut (the range bounds the spread); it must
/// decide exactly as the full standard deviation does.
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
}
