import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

/// The four-lane roots test gives each lane the scalar test's verdict.
@Suite struct ETSAdmissibilityLanesTests {
    @Test func laneVerdictsEqualScalarVerdicts() {
        var g = Xoshiro256StarStar(seed: 2026)
        let damped = ETSSpecification(error: .additive, trend: .damped, season: .additive)
        var inside = 0, total = 0
        for m in [2, 4, 7, 12] {
            var scalar = [Double](repeating: 0, count: 2 * (m + 2))
            var lanes = [ETSAdmissibility.Lanes](repeating: .init(), count: 2 * (m + 2))
            for _ in 0..<2_000 {
                // Parameters across and beyond the usual region, so both verdicts occur.
                let sets = (0..<4).map { _ in
                    let alpha = g.uniform(0, 1)
                    return ETSParameters(alpha: alpha, beta: g.uniform(-0.2, 1) * alpha,
                                         gamma: g.uniform(-0.2, 1.2) * (1 - alpha), phi: g.uniform(0.5, 1))
                }
                func lane(_ f: (ETSParameters) -> Double) -> ETSAdmissibility.Lanes {
                    .init(f(sets[0]), f(sets[1]), f(sets[2]), f(sets[3]))
                }
                let verdicts = lanes.withUnsafeMutableBufferPointer {
                    ETSAdmissibility.rootsInside(alpha: lane(\.alpha), beta: lane(\.beta), gamma: lane(\.gamma),
                                                 phi: lane(\.phi), period: m, scratch: $0)
                }
                for k in 0..<4 {
                    let expected = scalar.withUnsafeMutableBufferPointer {
                        ETSAdmissibility.rootsInside(sets[k], damped, period: m, scratch: $0)
                    }
                    #expect(verdicts[k] == expected, "m = \(m), \(sets[k])")
                    total += 1
                    if expected { inside += 1 }
                }
            }
        }
        #expect(inside > total / 10 && inside < total * 9 / 10)
    }
}
