import Foundation
import Testing
@testable import SolventModels

/// Agreement with statsmodels `ETSModel` at fixed parameters and known initial
/// states (`Fixtures/ets/make_reference.py`, versions in the JSON): llf, fitted
/// values, residuals and states to 1e-8 relative, for all eighteen models.
@Suite struct ForecastETSReferenceTests {
    struct Reference: Decodable {
        struct Model: Decodable {
            let model: String
            let initial_level: Double, initial_trend: Double, initial_seasonal: [Double]
            let llf: Double
            let fitted: [Double], residuals: [Double], level: [Double], trend: [Double], season: [Double]
        }
        struct Series: Decodable { let name: String, period: Int, y: [Double], models: [Model] }
        let statsmodels: String
        let parameters: [String: Double]
        let series: [Series]
    }

    static let reference: Reference = {
        guard let url = Bundle.module.url(forResource: "reference", withExtension: "json", subdirectory: "Fixtures/ets"),
              let data = try? Data(contentsOf: url),
              let r = try? JSONDecoder().decode(Reference.self, from: data) else {
            fatalError("ets/reference.json missing or not decodable")
        }
        return r
    }()

    static func close(_ a: [Double], _ b: [Double], _ tol: Double = 1e-8) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tol * max(1, abs($1)) }
    }

    @Test func matchesStatsmodelsAtFixedParameters() throws {
        let r = Self.reference
        let p = ETSParameters(alpha: r.parameters["alpha"] ?? 0, beta: r.parameters["beta"] ?? 0,
                              gamma: r.parameters["gamma"] ?? 0, phi: r.parameters["phi"] ?? 1)
        var checked = 0, worst = 0.0
        for s in r.series {
            for c in s.models {
                let spec = try #require(ETSSpecification(c.model))
                let fit = try ETSFit(series: s.y, specification: spec, period: s.period, parameters: p,
                                     initialState: ETSInitialState(level: c.initial_level, trend: c.initial_trend,
                                                                   seasonal: c.initial_seasonal),
                                     id: s.name)
                let label = "\(s.name) \(spec)"
                #expect(abs(fit.logLikelihood - c.llf) <= 1e-8 * abs(c.llf), "\(label): \(fit.logLikelihood) vs \(c.llf)")
                #expect(Self.close(fit.fitted, c.fitted), "\(label) fitted")
                #expect(Self.close(fit.residuals, c.residuals), "\(label) residuals")
                #expect(Self.close(fit.levels, c.level), "\(label) level")
                #expect(Self.close(fit.trends, c.trend), "\(label) trend")
                #expect(Self.close(fit.seasons, c.season), "\(label) season")
                worst = max(worst, abs(fit.logLikelihood - c.llf) / abs(c.llf))
                checked += 1
            }
        }
        #expect(checked == 42)
        print("ETS llf vs statsmodels \(r.statsmodels): \(checked) fits, largest relative difference \(worst)")
    }
}
