import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

@Suite struct ForecastETSTests {
    static func seasonal(_ n: Int, seed: UInt64 = 3) -> [Double] {
        var g = Xoshiro256StarStar(seed: seed)
        return (0..<n).map { t in (100 + 0.5 * Double(t)) * (1 + 0.3 * sin(2 * Double.pi * Double(t) / 12)) * (1 + g.normal(mean: 0, sd: 0.02)) }
    }

    @Test func specificationsParseAndPrint() throws {
        #expect(ETSSpecification("ETS(A,Ad,N)") == ETSSpecification(error: .additive, trend: .damped, season: .none))
        #expect(ETSSpecification("MAdM")?.description == "ETS(M,Ad,M)")
        #expect(ETSSpecification("m,n,a")?.description == "ETS(M,N,A)")
        #expect(ETSSpecification("ETS(A,M,N)") == nil)
        #expect(ETSSpecification("AA") == nil)
        #expect(ETSSpecification.candidates(positive: true, seasonal: true).count == 15)
        #expect(ETSSpecification.candidates(positive: false, seasonal: true).count == 6)
        #expect(ETSSpecification.candidates(positive: true, seasonal: false).count == 6)
        #expect(ETSSpecification.candidates(positive: false, seasonal: false, damped: false).count == 2)
        #expect(!ETSSpecification.candidates(positive: true, seasonal: true).contains { $0.isRestricted })
    }

    @Test func schurCohnDecidesRootsInsideTheUnitCircle() {
        func inside(_ c: [Double]) -> Bool {
            var s = c + [Double](repeating: 0, count: c.count)
            return s.withUnsafeMutableBufferPointer { ETSAdmissibility.rootsInsideUnitCircle($0, degree: c.count - 1) }
        }
        #expect(inside([-0.25, 0, 1]))            // z² − 0.25: ±0.5
        #expect(!inside([-4, 0, 1]))              // ±2
        #expect(inside([0.06, -0.5, 1]))          // (z − 0.2)(z − 0.3)
        #expect(!inside([-1.1, 0.1, 1]))          // (z − 1)(z + 1.1)
        #expect(inside([0.5, 0, 0, 1]) == true)   // z³ + 0.5: |z| = 0.79
    }

    @Test func autoSelectsASeasonalModelAndForecastsTheSeason() throws {
        let y = Self.seasonal(72)
        let fit = try ETS(period: 12).fit(y, id: "s")
        #expect(fit.specification.hasSeason)
        #expect(fit.candidates.count == 15)
        #expect(fit.candidates.allSatisfy { $0.aicc >= fit.aicc })
        let f = try fit.forecast(horizon: 12)
        let truth = (72..<84).map { t in (100 + 0.5 * Double(t)) * (1 + 0.3 * sin(2 * Double.pi * Double(t) / 12)) }
        let mape = zip(f.mean, truth).map { abs($0 - $1) / $1 }.reduce(0, +) / 12
        #expect(mape < 0.05)
        for pi in f.intervals { #expect(zip(pi.lower, pi.upper).allSatisfy { $0 < $1 }) }
    }

    @Test func fittingTwiceGivesTheSameModelAndDoesNotMutateInput() throws {
        let y = Self.seasonal(60), copy = y
        let a = try ETS(period: 12).fit(y), b = try ETS(period: 12).fit(y)
        #expect(a == b)
        #expect(y == copy)
    }

    @Test func additiveClassOneVarianceIsTheClosedForm() throws {
        let y = Self.seasonal(40).map { $0 / 10 }
        let fit = try ETS(ETSSpecification("ANN"), period: 1).fit(y)
        let f = try fit.forecast(horizon: 4, levels: [95])
        let z = StandardNormal.quantile(0.975), a = fit.parameters.alpha
        for h in 1...4 {
            let sd = (fit.sigma2 * (1 + Double(h - 1) * a * a)).squareRoot()
            #expect(abs(f.intervals[0].upper[h - 1] - (f.mean[h - 1] + z * sd)) < 1e-9)
        }
        #expect(f.mean.allSatisfy { $0 == f.mean[0] })
    }

    @Test func multiplicativeClassTwoVarianceIsTheRecursion() throws {
        let y = Self.seasonal(40)
        let fit = try ETS(ETSSpecification("MNN"), period: 1).fit(y)
        let f = try fit.forecast(horizon: 3, levels: [80])
        let mu = f.mean[0], s2 = fit.sigma2, a = fit.parameters.alpha, z = StandardNormal.quantile(0.9)
        // θ₁ = μ², θ₂ = μ² + σ²α²θ₁, θ₃ = μ² + σ²α²(θ₂ + θ₁); v = (1 + σ²)θ − μ².
        let t1 = mu * mu, t2 = mu * mu + s2 * a * a * t1, t3 = mu * mu + s2 * a * a * (t2 + t1)
        for (k, theta) in [t1, t2, t3].enumerated() {
            let sd = ((1 + s2) * theta - mu * mu).squareRoot()
            #expect(abs(f.intervals[0].upper[k] - (mu + z * sd)) < 1e-9 * mu)
        }
    }

    @Test func simulatedIntervalsAreDeterministicForASeed() throws {
        let fit = try ETS(ETSSpecification("MNM"), period: 12).fit(Self.seasonal(48))
        let a = try fit.forecast(horizon: 6, seed: 7, paths: 2_000), b = try fit.forecast(horizon: 6, seed: 7, paths: 2_000)
        let c = try fit.forecast(horizon: 6, seed: 8, paths: 2_000)
        #expect(a == b)
        #expect(a.intervals != c.intervals)
        #expect(a.mean == c.mean)
        let i80 = try #require(a.interval(level: 80)), i95 = try #require(a.interval(level: 95))
        for k in 0..<6 { #expect(i95.lower[k] < i80.lower[k] && i80.upper[k] < i95.upper[k]) }
        #expect(a.notes.first?.contains("2000 simulated paths") == true)
    }

    @Test func fixedParametersGiveTheStatedCriteria() throws {
        let y = Self.seasonal(30)
        let fit = try ETSFit(series: y, specification: ETSSpecification("AAN")!, period: 1,
                             parameters: ETSParameters(alpha: 0.5, beta: 0.1), initialState: ETSInitialState(level: 100, trend: 1))
        let k = 5.0, n = 30.0  // α, β, l₀, b₀, σ²
        #expect(fit.parameterCount == 5)
        #expect(abs(fit.aic - (-2 * fit.logLikelihood + 2 * k)) < 1e-9)
        #expect(abs(fit.aicc - (fit.aic + 2 * k * (k + 1) / (n - k - 1))) < 1e-9)
        #expect(abs(fit.sigma2 - fit.residuals.map { $0 * $0 }.reduce(0, +) / (n - k)) < 1e-9)
    }
}
