import Foundation
import Testing
@testable import SolventNumerics

/// Domain and identities of `logGamma`; values against mpmath/scipy are in
/// `SpecialFunctionsTests` (fixture `special.json`).
@Suite struct LogGammaTests {
    @Test func domain() {
        #expect(logGamma(.nan).isNaN)
        #expect(logGamma(-0.5).isNaN)  // documented: unlike scipy's log|Γ(x)|
        #expect(logGamma(-.infinity).isNaN)
        #expect(logGamma(0) == .infinity)
        #expect(logGamma(.infinity) == .infinity)
        #expect(logGamma(1e306) == .infinity)  // Γ overflows its logarithm past ~2.55e305
        #expect(logGamma(2.5e305).isFinite)
    }

    @Test func zerosAreExact() {
        #expect(logGamma(1) == 0)
        #expect(logGamma(2) == 0)
    }

    @Test func factorials() {
        // log((n−1)!) computed exactly as a sum of logs of integers (rounding ~n ulp).
        var exact = 0.0
        for n in 2...60 {
            exact += Foundation.log(Double(n - 1))
            #expect(Swift.abs(logGamma(Double(n)) - exact) <= 1e-14 * Swift.max(1, exact))
        }
    }

    @Test func recurrenceHoldsAcrossBranchBoundaries() {
        // log Γ(x + 1) = log Γ(x) + log x, checked across 0.5, 1.5, 2.5 and 10.
        for x in stride(from: 0.3, through: 12.0, by: 0.173) {
            let lhs = logGamma(x + 1)
            let rhs = logGamma(x) + Foundation.log(x)
            #expect(Swift.abs(lhs - rhs) <= 4e-15 * Swift.max(1, Swift.abs(lhs)), "x = \(x)")
        }
    }

    @Test func agreesWithLibm() {
        // glibc lgamma is an independent implementation; away from the zeros at 1 and 2
        // (where lgamma's error is absolute, not relative) both agree to a few ulp.
        var g = Xoshiro256StarStar(seed: 20261129)
        for _ in 0..<2000 {
            let x = Foundation.exp(g.uniform() * 40 - 20)
            if Swift.abs(x - 1) < 0.1 || Swift.abs(x - 2) < 0.1 { continue }
            let ours = logGamma(x)
            let libm: Double = Foundation.lgamma(x)
            #expect(Swift.abs(ours - libm) <= 1e-14 * Swift.abs(libm), "x = \(x)")
        }
    }
}
