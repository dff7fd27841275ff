import Foundation
import Testing
@testable import SolventNumerics

/// Parameter validation, domain behaviour and seeded properties of `ChiSquared`,
/// `StudentT` and `FisherF`; values against mpmath/scipy are in `SpecialFunctionsTests`.
@Suite struct DistributionTests {
    @Test func initializersValidateWithMessages() {
        let chi = #expect(throws: NumericError.self) { try ChiSquared(degreesOfFreedom: -3) }
        #expect(chi?.description
            == "invalid argument: ChiSquared: degreesOfFreedom must be positive and finite, got -3.0")
        let chiNaN = #expect(throws: NumericError.self) { try ChiSquared(degreesOfFreedom: .nan) }
        #expect(chiNaN == .invalidArgument("ChiSquared: degreesOfFreedom must be positive and finite, got nan"))
        let t = #expect(throws: NumericError.self) { try StudentT(degreesOfFreedom: 0) }
        #expect(t == .invalidArgument("StudentT: degreesOfFreedom must be positive and finite, got 0.0"))
        let tInf = #expect(throws: NumericError.self) { try StudentT(degreesOfFreedom: .infinity) }
        #expect(tInf == .invalidArgument("StudentT: degreesOfFreedom must be positive and finite, got inf"))
        let f1 = #expect(throws: NumericError.self) {
            try FisherF(numeratorDegreesOfFreedom: -1, denominatorDegreesOfFreedom: 3)
        }
        #expect(f1 == .invalidArgument("FisherF: numeratorDegreesOfFreedom must be positive and finite, got -1.0"))
        let f2 = #expect(throws: NumericError.self) {
            try FisherF(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: .nan)
        }
        #expect(f2 == .invalidArgument("FisherF: denominatorDegreesOfFreedom must be positive and finite, got nan"))
    }

    @Test func domainGivesNaNNotCrash() throws {
        let chi = try ChiSquared(degreesOfFreedom: 3)
        let t = try StudentT(degreesOfFreedom: 2.5)
        let f = try FisherF(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 3)
        for p in [-0.1, 1.1, Double.nan] {
            #expect(chi.quantile(p).isNaN && t.quantile(p).isNaN)
        }
        #expect(chi.cdf(.nan).isNaN && chi.survival(.nan).isNaN && chi.pdf(.nan).isNaN)
        #expect(t.cdf(.nan).isNaN && t.survival(.nan).isNaN && t.pdf(.nan).isNaN)
        #expect(f.cdf(.nan).isNaN && f.survival(.nan).isNaN && f.pdf(.nan).isNaN)
        // Below the support, as scipy: cdf 0, survival 1.
        #expect(chi.cdf(-1) == 0 && chi.survival(-1) == 1 && chi.pdf(-1) == 0)
        #expect(f.cdf(-1) == 0 && f.survival(-1) == 1)
        #expect(chi.quantile(0) == 0 && chi.quantile(1) == .infinity)
        #expect(t.quantile(0) == -.infinity && t.quantile(1) == .infinity && t.quantile(0.5) == 0)
        #expect(t.cdf(-.infinity) == 0 && t.cdf(.infinity) == 1)
        #expect(chi.cdf(.infinity) == 1 && f.cdf(.infinity) == 1 && f.survival(.infinity) == 0)
    }

    @Test func specialFunctionDomains() {
        #expect(regularizedGammaP(-1, 1).isNaN && regularizedGammaQ(1, -1).isNaN)
        #expect(regularizedGammaP(.nan, 1).isNaN && regularizedGammaQ(1, .nan).isNaN)
        #expect(regularizedGammaP(0, 0).isNaN)
        #expect(regularizedGammaP(0, 1) == 1 && regularizedGammaQ(0, 1) == 0)  // scipy's limit
        #expect(regularizedGammaP(.infinity, 1) == 0)
        #expect(regularizedGammaP(2, 0) == 0 && regularizedGammaQ(2, .infinity) == 0)
        #expect(regularizedIncompleteBeta(-1, 1, 0.5).isNaN)
        #expect(regularizedIncompleteBeta(1, 1, 1.5).isNaN && regularizedIncompleteBeta(1, 1, -0.1).isNaN)
        #expect(regularizedIncompleteBeta(.nan, 1, 0.5).isNaN)
        #expect(regularizedIncompleteBeta(0, 1, 0.5) == 1 && regularizedIncompleteBeta(1, 0, 0.5) == 0)
        #expect(regularizedIncompleteBeta(2, 3, 0) == 0 && regularizedIncompleteBeta(2, 3, 1) == 1)
        #expect(regularizedIncompleteBetaComplement(2, 3, 0) == 1)
    }

    @Test func closedForms() {
        // P(1, x) = 1 − e⁻ˣ; I_x(a, 1) = xᵃ; t with ν = 1 is Cauchy; F(2, 2) cdf = f/(1+f).
        for x in [1e-8, 0.3, 2.0, 30.0] {
            #expect(Swift.abs(regularizedGammaQ(1, x) - Foundation.exp(-x)) <= 1e-15 * Foundation.exp(-x))
            // 4e-15: the prefactor exponent (log 1e-8 ≈ −18) is rounded at its own size.
            #expect(Swift.abs(regularizedGammaP(1, x) + Foundation.expm1(-x)) <= 4e-15 * -Foundation.expm1(-x))
        }
        // 2e-14: the prefactor's exponent a·log x (−40 at x = 1e-5) is rounded at its own
        // size, while pow works in extra precision.
        for x in [1e-5, 0.2, 0.7, 0.999] {
            #expect(Swift.abs(regularizedIncompleteBeta(3.5, 1, x) - Foundation.pow(x, 3.5)) <= 2e-14 * Foundation.pow(x, 3.5))
        }
        if let cauchy = try? StudentT(degreesOfFreedom: 1),
           let f22 = try? FisherF(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 2) {
            for s in [0.1, 1.0, 7.0, 1e6] {
                let expected = Foundation.atan(1 / s) / Double.pi
                #expect(Swift.abs(cauchy.survival(s) - expected) <= 1e-14 * expected)
                #expect(Swift.abs(f22.cdf(s) - s / (1 + s)) <= 1e-14 * s / (1 + s))
            }
        }
    }

    /// Seeded: `cdf + survival = 1`, and `quantile` inverts `cdf` (and `survival` for
    /// p > ½) for log-uniform degrees of freedom and probabilities in both tails.
    @Test func quantilesInvertAndTailsAddUp() throws {
        var g = Xoshiro256StarStar(seed: 424242)
        for _ in 0..<300 {
            let df = Foundation.exp(g.uniform() * 14 - 2)  // 0.14 … 1.6e5
            let tailP = Foundation.exp(-g.uniform() * 230)  // 1e-100 … 1
            let chi = try ChiSquared(degreesOfFreedom: df)
            let t = try StudentT(degreesOfFreedom: df)
            for p in [tailP, 1 - 0.5 * tailP] {
                let x = chi.quantile(p)
                let s = t.quantile(p)
                // Roots beyond the double range come back as 0 (χ², tiny df) or −∞ (t, tiny df).
                if p < 0.5 {
                    if x > 0 { #expect(Swift.abs(chi.cdf(x) - p) <= 1e-9 * p, "chi2 df \(df) p \(p)") }
                    if s.isFinite { #expect(Swift.abs(t.cdf(s) - p) <= 1e-9 * p, "t df \(df) p \(p)") }
                } else {
                    let q = 1 - p
                    #expect(Swift.abs(chi.survival(x) - q) <= 1e-9 * q, "chi2 df \(df) p \(p)")
                    #expect(Swift.abs(t.survival(s) - q) <= 1e-9 * q, "t df \(df) p \(p)")
                }
                let y = Swift.abs(s) + 0.3
                #expect(Swift.abs(chi.cdf(y) + chi.survival(y) - 1) <= 4e-16)
                #expect(Swift.abs(t.cdf(y) + t.survival(y) - 1) <= 4e-16)
                #expect(t.cdf(-y) == t.survival(y))
            }
        }
    }
}
