import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

@Suite struct ForecastBacktestTests {
    @Test func rollingOriginsOnALine() throws {
        let y = (1...20).map(Double.init)
        let r = try Backtest(origins: 3, horizon: 2).evaluate(y, id: "line", methods: [.baseline(.naive), .baseline(.drift)])
        #expect(r.trainingLengths == [16, 17, 18])
        // Naive misses by 1 and 2 with scale 1; drift is exact.
        #expect(abs(r.scores[0].mase - 1.5) < 1e-12)
        #expect(r.scores[1].mase < 1e-12)
        #expect(r.scores[0].method == "naive" && r.scores[0].count == 3)
        let wape = (3.0 * 3) / ((17 + 18) + (18 + 19) + (19 + 20))
        #expect(abs(r.scores[0].wape - wape) < 1e-12)
    }

    @Test func tooShortForTheOrigins() {
        #expect(throws: ModelError.empty("series 's' has 10 values, too few for 5 origins of horizon 4 (step 1): the first training window would have 2 values, needs more than 2")) {
            try Backtest(origins: 5, horizon: 4, period: 2).evaluate((0..<10).map(Double.init), id: "s", methods: [.baseline(.naive)])
        }
    }

    @Test func summaryAveragesOverSeries() throws {
        var g = Xoshiro256StarStar(seed: 11)
        let series = (0..<4).map { _ in (0..<48).map { t in 50 + 10 * sin(Double(t) * .pi / 6) + g.normal(mean: 0, sd: 1) } }
        let bt = Backtest(origins: 2, horizon: 6, period: 12)
        let results = ForecastBatch.backtest(series, ids: ["a", "b", "c", "d"],
                                             methods: [.ets(ETS(period: 12)), .baseline(.seasonalNaive(period: 12))],
                                             backtest: bt)
        let ok = results.compactMap { try? $0.get() }
        #expect(ok.count == 4)
        let summary = BacktestResult.summarize(ok)
        #expect(summary.map(\.method) == ["ETS(auto)", "seasonal naive (m = 12)"])
        let mean = ok.map { $0.scores[0].mase }.reduce(0, +) / 4
        #expect(abs(summary[0].mase - mean) < 1e-12)
        #expect(summary[0].coverage.map(\.level) == [80, 95])
    }
}
