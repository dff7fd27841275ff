import Foundation
import Testing
@testable import SolventNumerics

@Suite struct NormalTests {
    @Test func initializerValidates() {
        let sd = #expect(throws: NumericError.self) { try Normal(mean: 0, sd: -1) }
        #expect(sd?.description == "invalid argument: Normal: sd must be positive and finite, got -1.0")
        let zero = #expect(throws: NumericError.self) { try Normal(mean: 0, sd: 0) }
        #expect(zero == .invalidArgument("Normal: sd must be positive and finite, got 0.0"))
        let nanSD = #expect(throws: NumericError.self) { try Normal(mean: 0, sd: .nan) }
        #expect(nanSD == .invalidArgument("Normal: sd must be positive and finite, got nan"))
        let mean = #expect(throws: NumericError.self) { try Normal(mean: .infinity, sd: 1) }
        #expect(mean == .invalidArgument("Normal: mean must be finite, got inf"))
    }

    @Test func domainGivesNaNNotCrash() throws {
        let n = try Normal(mean: 1, sd: 2)
        #expect(n.cdf(.nan).isNaN && n.survival(.nan).isNaN && n.pdf(.nan).isNaN)
        for p in [-0.1, 1.1, Double.nan, -.infinity, .infinity] { #expect(n.quantile(p).isNaN) }
        #expect(n.quantile(0) == -.infinity && n.quantile(1) == .infinity)
        #expect(n.cdf(-.infinity) == 0 && n.cdf(.infinity) == 1)
        #expect(n.survival(-.infinity) == 1 && n.survival(.infinity) == 0)
        #expect(n.pdf(.infinity) == 0)
        #expect(Normal.twoSidedPValue(.nan).isNaN)
    }

    @Test func symmetryIsExact() {
        for z in stride(from: -40.0, through: 40.0, by: 0.37) {
            #expect(StandardNormal.cdf(-z) == StandardNormal.survival(z))
            #expect(StandardNormal.pdf(-z) == StandardNormal.pdf(z))
        }
        // For q ≥ ½, 1 − q is exact, so Φ⁻¹(q) and Φ⁻¹(1 − q) must be exact negatives.
        for q in [0.5000001, 0.6, 0.975, 0.999, 1 - 1e-10, 1 - 1e-16] {
            #expect(StandardNormal.quantile(q) == -StandardNormal.quantile(1 - q))
        }
        #expect(StandardNormal.quantile(0.5) == 0)
    }

    @Test func twoSidedPValue() {
        // 2 Φ(−1.959963984540054) = 0.05 (mpmath).
        #expect(Swift.abs(Normal.twoSidedPValue(-1.959963984540054) - 0.05) <= 1e-15)
        #expect(Normal.twoSidedPValue(0) == 1)
    }

    @Test func quantileInvertsCDF() {
        var g = Xoshiro256StarStar(seed: 7)
        for _ in 0..<2000 {
            let p = Foundation.exp(-g.uniform() * 690)  // 1e-300 … 1
            let z = StandardNormal.quantile(p)
            #expect(Swift.abs(StandardNormal.cdf(z) - p) <= 1e-14 * Swift.max(1, Swift.abs(z)) * p, "p = \(p)")
        }
    }
}
