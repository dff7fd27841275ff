import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

/// Hand-worked naive, seasonal naive and drift forecasts and their FPP intervals.
@Suite struct ForecastBaselinesTests {
    let z80 = StandardNormal.quantile(0.9)

    @Test func naiveRandomWalkInterval() throws {
        // Residuals 1, 2, 3: sd 1.
        let f = try ForecastBaseline.naive.forecast([1, 2, 4, 7], horizon: 3, levels: [80])
        #expect(f.mean == [7, 7, 7])
        for h in 1...3 { #expect(abs(f.intervals[0].upper[h - 1] - (7 + z80 * Double(h).squareRoot())) < 1e-12) }
    }

    @Test func driftInterval() throws {
        // b = 2, residuals −1, 0, 1: sd 1; σ_h = √(h(1 + h/3)).
        let f = try ForecastBaseline.drift.forecast([1, 2, 4, 7], horizon: 2, levels: [80])
        #expect(f.mean == [9, 11])
        for h in 1...2 {
            let sd = (Double(h) * (1 + Double(h) / 3)).squareRoot()
            #expect(abs(f.intervals[0].lower[h - 1] - (f.mean[h - 1] - z80 * sd)) < 1e-12)
        }
    }

    @Test func seasonalNaiveInterval() throws {
        // m = 2; residuals y_t − y_{t−2}: 1, 2, 2, 1 → sd √(1/3); k = ⌊(h−1)/2⌋.
        let f = try ForecastBaseline.seasonalNaive(period: 2).forecast([1, 3, 2, 5, 4, 6], horizon: 3, levels: [80])
        #expect(f.mean == [4, 6, 4])
        let sd = (1.0 / 3).squareRoot()
        let expected = [sd, sd, sd * 2.0.squareRoot()]
        for k in 0..<3 { #expect(abs(f.intervals[0].upper[k] - (f.mean[k] + z80 * expected[k])) < 1e-12) }
        #expect(f.method == "seasonal naive (m = 2)")
    }

    @Test func tooShortForABaseline() {
        #expect(throws: ModelError.empty("series 'b' has 3 values; this method needs at least 14")) {
            try ForecastBaseline.seasonalNaive(period: 12).forecast([1, 2, 3], horizon: 1, id: "b")
        }
    }
}
