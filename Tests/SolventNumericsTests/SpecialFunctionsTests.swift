import Foundation
import Testing
@testable import SolventNumerics

/// Checks every case of `Fixtures/special/special.json` (made by `make_special.py`
/// with scipy 1.17.1 and mpmath 1.3.0; versions recorded in the file).
///
/// The expected value is scipy's, except for the cases carrying a `note`: there scipy is
/// off from a 60-digit mpmath evaluation by more than 1e-13 relative (e.g. `gammaln`
/// near 1 and 2 loses relative accuracy, `ndtr(-38)` underflows to 0, `t.ppf(1e-300, 2.5)`
/// returns inf), and the mpmath value is expected instead. The tolerance is the same for
/// every case: 1e-12 relative, plus 8 subnormal ulps (8 × 2⁻¹⁰⁷⁴ ≈ 4e-323) so that results
/// in the subnormal range (below 2.2e-308, e.g. Φ(−38) ≈ 2.9e-316, which has only ~8
/// significant digits as a double) are compared at the precision they can carry.
@Suite struct SpecialFunctionsTests {
    struct Fixture: Decodable {
        let versions: [String: String]
        let cases: [Case]
    }

    struct Case: Decodable {
        let function: String
        let args: [Double]
        let expected: Double
        let scipy: Double
        let mpmath: Double
        let note: String?
    }

    static let fixture: Fixture = {
        guard let url = Bundle.module.url(forResource: "Fixtures/special/special", withExtension: "json"),
              let data = try? Data(contentsOf: url) else {
            fatalError("special.json missing from the test bundle")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { return try decoder.decode(Fixture.self, from: data) } catch {
            fatalError("special.json does not decode: \(error)")
        }
    }()

    static var functions: [String] {
        var seen: [String] = []
        for c in fixture.cases where !seen.contains(c.function) { seen.append(c.function) }
        return seen
    }

    /// The Swift value for a fixture case.
    static func evaluate(_ c: Case) throws -> Double {
        let a = c.args
        switch c.function {
        case "logGamma": return logGamma(a[0])
        case "normal.cdf": return Normal.standard.cdf(a[0])
        case "normal.survival": return Normal.standard.survival(a[0])
        case "normal.pdf": return Normal.standard.pdf(a[0])
        case "normal.quantile": return Normal.standard.quantile(a[0])
        case "normal(mean,sd).cdf": return try Normal(mean: a[0], sd: a[1]).cdf(a[2])
        case "normal(mean,sd).survival": return try Normal(mean: a[0], sd: a[1]).survival(a[2])
        case "gammaP": return regularizedGammaP(a[0], a[1])
        case "gammaQ": return regularizedGammaQ(a[0], a[1])
        case "betaI": return regularizedIncompleteBeta(a[0], a[1], a[2])
        case "betaIComplement": return regularizedIncompleteBetaComplement(a[0], a[1], a[2])
        case "chi2.cdf": return try ChiSquared(degreesOfFreedom: a[0]).cdf(a[1])
        case "chi2.survival": return try ChiSquared(degreesOfFreedom: a[0]).survival(a[1])
        case "chi2.quantile": return try ChiSquared(degreesOfFreedom: a[0]).quantile(a[1])
        case "t.cdf": return try StudentT(degreesOfFreedom: a[0]).cdf(a[1])
        case "t.survival": return try StudentT(degreesOfFreedom: a[0]).survival(a[1])
        case "t.quantile": return try StudentT(degreesOfFreedom: a[0]).quantile(a[1])
        case "f.cdf":
            return try FisherF(numeratorDegreesOfFreedom: a[0], denominatorDegreesOfFreedom: a[1]).cdf(a[2])
        case "f.survival":
            return try FisherF(numeratorDegreesOfFreedom: a[0], denominatorDegreesOfFreedom: a[1]).survival(a[2])
        default:
            Issue.record("unknown function \(c.function) in special.json")
            return .nan
        }
    }

    static let relativeTolerance = 1e-12
    static let subnormalSlack = 8 * Double.leastNonzeroMagnitude

    /// `|got − expected| / |expected|` (0 when both are equal, ∞ when only one is non-finite).
    static func relativeError(_ got: Double, _ expected: Double) -> Double {
        if got == expected || (got.isNaN && expected.isNaN) { return 0 }
        if !got.isFinite || !expected.isFinite { return .infinity }
        return Swift.abs(got - expected) / Swift.abs(expected)
    }

    @Test func fixtureRecordsItsSource() {
        #expect(Self.fixture.versions["scipy"] == "1.17.1")
        #expect(Self.fixture.versions["numpy"] != nil && Self.fixture.versions["python"] != nil)
        #expect(Self.fixture.cases.count > 3000)
    }

    @Test(arguments: functions)
    func matchesReference(_ function: String) throws {
        var worst = 0.0
        var worstArgs: [Double] = []
        var worstExact = 0.0
        for c in Self.fixture.cases where c.function == function {
            let got = try Self.evaluate(c)
            let e = c.expected
            let ok: Bool
            if e.isNaN { ok = got.isNaN } else if e.isInfinite { ok = got == e } else {
                ok = Swift.abs(got - e) <= Self.relativeTolerance * Swift.abs(e) + Self.subnormalSlack
            }
            #expect(ok, "\(function)\(c.args): got \(got), expected \(e) (scipy \(c.scipy), mpmath \(c.mpmath))")
            if Swift.abs(e) >= Double.leastNormalMagnitude || e == 0 {
                let r = Self.relativeError(got, e)
                if r > worst { worst = r; worstArgs = c.args }
                worstExact = Swift.max(worstExact, Self.relativeError(got, c.mpmath))
            }
        }
        // A summary for the record; the pass/fail decision is the #expect above.
        print("special: \(function): worst relative error \(worst) at \(worstArgs); versus mpmath \(worstExact)")
    }
}
