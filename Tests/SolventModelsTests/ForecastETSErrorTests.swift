import Foundation
import Testing
@testable import SolventModels

/// Bad input: errors name the series and the reason; fallbacks are stated.
@Suite struct ForecastETSErrorTests {
    func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let error as ModelError { return error.description } catch { return "\(error)" }
    }

    @Test func emptyAndNonFiniteSeries() {
        #expect(message { _ = try ETS(period: 12).fit([], id: "north") } == "not enough data: series 'north' has no values")
        #expect(throws: ModelError.nonFinite(column: "north", row: 2, value: .infinity)) {
            try ETS().fit([1, 2, .infinity, 4], id: "north")
        }
        #expect(message { _ = try ETS().fit([1, .nan], id: "x") }?.contains("column 'x' at row 2") == true)
    }

    @Test func multiplicativeTermsNeedPositiveValues() {
        let m = message { _ = try ETS(ETSSpecification("MNN"), period: 1).fit([3, 2, 0, 4, 5, 6, 7], id: "south") }
        #expect(m == "invalid argument: series 'south': ETS(M,N,N) has multiplicative terms and needs strictly positive values; value 3 is 0.0")
    }

    @Test func seasonalModelsNeedTwoSeasonsAndAPeriod() {
        let y = (0..<20).map { Double($0 % 12) + 10 }
        #expect(message { _ = try ETS(ETSSpecification("ANA"), period: 12).fit(y, id: "east") }
                == "not enough data: series 'east' has 20 values, fewer than two full seasons (2 × 12) for the seasonal ETS(A,N,A)")
        #expect(message { _ = try ETS(ETSSpecification("ANA"), period: 1).fit(y, id: "east") }?.contains("has a season but the period is 1") == true)
    }

    @Test func tooShortForTheModelAsked() {
        let m = message { _ = try ETS(ETSSpecification("AAdN"), period: 1).fit([1, 2, 3, 4, 5, 6, 7], id: "w") }
        #expect(m == "not enough data: series 'w' has 7 values; ETS(A,Ad,N) needs at least 8")
    }

    @Test func badPeriodHorizonAndLevels() throws {
        #expect(message { _ = try ETS(period: 0).fit([1, 2, 3], id: "p") } == "invalid argument: series 'p': period must be at least 1, got 0")
        let fit = try ETS().fit([1, 2, 3, 5, 4, 6, 5, 7], id: "q")
        #expect(message { _ = try fit.forecast(horizon: 0) } == "invalid argument: series 'q': horizon must be at least 1, got 0")
        #expect(message { _ = try fit.forecast(horizon: 2, levels: [100]) }?.contains("(0, 100), got 100.0") == true)
    }

    @Test func constantSeriesForecastsFinitely() throws {
        for ets in [ETS(period: 12), ETS(ETSSpecification("ANN"))] {
            let fit = try ets.fit([Double](repeating: 42, count: 30), id: "flat")
            let f = try fit.forecast(horizon: 5)
            #expect(f.mean == [Double](repeating: 42, count: 5))
            for pi in f.intervals { #expect(pi.lower == f.mean && pi.upper == f.mean) }
            #expect(fit.notes.first?.contains("constant") == true)
        }
    }

    @Test func shortSeriesFallBackAndSaySo() throws {
        let fit = try ETS(period: 12).fit([5, 7, 6], id: "tiny")
        #expect(fit.specification.description == "ETS(A,N,N)")
        #expect(fit.notes.first?.contains("too few to estimate") == true)
        let f = try fit.forecast(horizon: 3)
        #expect(f.mean.allSatisfy(\.isFinite) && f.intervals.allSatisfy { $0.lower.allSatisfy(\.isFinite) })
        let year = try ETS(period: 12).fit((0..<18).map { 10 + Double($0 % 5) }, id: "year")
        #expect(!year.specification.hasSeason)
        #expect(year.notes.first?.contains("fewer than two full seasons") == true)
    }

    @Test func nonPositiveDataExcludesMultiplicativeCandidates() throws {
        let y = (0..<40).map { sin(Double($0)) * 3 + Double($0 % 4) - 1 }
        let fit = try ETS(period: 4).fit(y, id: "signed")
        #expect(fit.candidates.allSatisfy { !$0.specification.isMultiplicative })
        #expect(fit.candidates.count == 6)
    }
}
