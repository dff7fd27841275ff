import Foundation
import Testing
@testable import SolventModels

/// MASE, sMAPE, WAPE and coverage on small hand-worked examples.
@Suite struct ForecastAccuracyTests {
    @Test func handWorkedMetrics() throws {
        let f = Forecast(method: "x", mean: [12, 18],
                         intervals: [PredictionInterval(level: 80, lower: [11, 15], upper: [13, 21])])
        // Training 1, 2, 3, 5 at m = 1: scale (1 + 1 + 2)/3; MAE 2.
        let a = try ForecastAccuracy(actual: [10, 20], forecast: f, training: [1, 2, 3, 5], period: 1)
        #expect(abs(a.mase - 1.5) < 1e-12)
        #expect(abs(a.smape - (200 * 2 / 22.0 + 200 * 2 / 38.0) / 2) < 1e-12)
        #expect(abs(a.wape - 4 / 30.0) < 1e-12)
        #expect(a.coverage == [IntervalCoverage(level: 80, coverage: 0.5)])
    }

    @Test func seasonalScaleAndConstantTraining() throws {
        let f = Forecast(method: "x", mean: [3], intervals: [])
        // m = 2: |3 − 1| + |4 − 2| → scale 2; error 1 → 0.5.
        #expect(try ForecastAccuracy(actual: [4], forecast: f, training: [1, 2, 3, 4], period: 2).mase == 0.5)
        #expect(try ForecastAccuracy(actual: [4], forecast: f, training: [2, 2, 2], period: 1).mase == .infinity)
        #expect(try ForecastAccuracy(actual: [3], forecast: f, training: [2, 2, 2], period: 1).mase == 0)
        #expect(throws: ModelError.self) { try ForecastAccuracy(actual: [1, 2], forecast: f, training: [1, 2], period: 1) }
    }
}
