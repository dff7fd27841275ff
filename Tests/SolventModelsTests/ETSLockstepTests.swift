import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

/// Candidates fitted side by side (``ETSLockstep``) are the fits one gets one at a time,
/// bit for bit, and the resumable search honours its threshold contract.
@Suite struct ETSLockstepTests {
    static func series(_ n: Int, seed: UInt64) -> [Double] {
        var g = Xoshiro256StarStar(seed: seed)
        return (0..<n).map { t in
            (80 + 0.4 * Double(t)) * (1 + 0.25 * sin(2 * Double.pi * Double(t) / 12)) * (1 + g.normal(mean: 0, sd: 0.05))
        }
    }

    @Test func lockstepFitsEqualSequentialFits() throws {
        let optimizer = ETSNelderMead(maxIterations: 300)
        for (seed, n) in [(UInt64(1), 60), (2, 40), (3, 30)] {
            let y = Self.series(n, seed: seed)
            let all = ETSSpecification.candidates(positive: true, seasonal: true)
            for error in ETSSpecification.Error.allCases {
                for season in ETSSpecification.Season.allCases {
                    let kind = all.filter { $0.error == error && $0.season == season }
                    guard !kind.isEmpty else { continue }
                    let together = ETSLockstep.fit(y, kind, period: 12, id: "s", optimizer: optimizer)
                    for (spec, fit) in zip(kind, together) {
                        let alone = ETSEstimation.fit(y, spec, period: 12, id: "s", optimizer: optimizer)?.fit
                        #expect(fit == alone, "\(spec), n = \(n)")
                    }
                }
            }
        }
    }

    @Test func automaticSelectionMatchesTheSequentialPath() throws {
        // abandonMargin = +∞ never abandons but takes the one-at-a-time path.
        let y = Self.series(48, seed: 7)
        let fast = try ETS(period: 12, maxIterations: 200).fit(y)
        let slow = try ETS(period: 12, maxIterations: 200, abandonMargin: .infinity).fit(y)
        #expect(fast.specification == slow.specification)
        #expect(fast.parameters == slow.parameters && fast.aicc == slow.aicc)
        #expect(fast.candidates.map(\.aicc) == slow.candidates.map(\.aicc))
    }

    @Test func inexactValuesAboveTheThresholdDoNotChangeTheSearch() {
        // A bowl with an inadmissible region (x₀ + x₁ > 1.5); the lazy objective reports the
        // region only for points the search would accept.
        func bowl(_ x: UnsafeMutableBufferPointer<Double>) -> Double {
            (x[0] - 0.9) * (x[0] - 0.9) + 3 * (x[1] - 0.8) * (x[1] - 0.8) + 0.1 * x[0] * x[1]
        }
        let nm = ETSNelderMead(maxIterations: 500, tolerance: 1e-10)
        let exact = nm.minimize([0.1, 0.2], lower: [0, 0], upper: [1, 1]) { x, _ in
            x[0] + x[1] > 1.5 ? .infinity : bowl(x)
        }
        let lazy = nm.minimize([0.1, 0.2], lower: [0, 0], upper: [1, 1]) { x, threshold in
            let v = bowl(x)
            if v > threshold { return v + 7 }
            return x[0] + x[1] > 1.5 ? .infinity : v
        }
        #expect(exact.x == lazy.x && exact.value == lazy.value && exact.iterations == lazy.iterations)
        #expect(exact.x[0] + exact.x[1] <= 1.5)
    }
}
