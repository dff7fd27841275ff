import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

@Suite struct ForecastBatchTests {
    @Test func parallelEqualsSerialAndFailuresStayPerSeries() throws {
        var g = Xoshiro256StarStar(seed: 5)
        var series = (0..<6).map { _ in (0..<36).map { t in 20 + 5 * sin(Double(t) * .pi / 6) + g.normal(mean: 0, sd: 0.5) } }
        series[3][4] = .nan
        let ids = (0..<6).map { "s\($0)" }
        let method = ForecastMethod.ets(ETS(ETSSpecification("MNM"), period: 12))
        let parallel = ForecastBatch.forecast(series, ids: ids, method: method, horizon: 6, seed: 3)
        let serial = ForecastBatch.forecast(series, ids: ids, method: method, horizon: 6, seed: 3, parallel: false)
        #expect(parallel.count == 6)
        for i in 0..<6 {
            switch (parallel[i], serial[i]) {
            case (.success(let a), .success(let b)): #expect(a == b); #expect(a.id == ids[i])
            case (.failure(let a), .failure(let b)): #expect(a.description == b.description); #expect(i == 3)
            default: Issue.record("series \(i) differs")
            }
        }
        if case .failure(let e) = parallel[3] {
            #expect(e.description == "non-finite value nan in column 's3' at row 5")
        }
    }
}
