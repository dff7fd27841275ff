import Foundation
import Testing

/// `solvent forecast series` end to end: output shape, intervals, backtest, bad input.
@Suite struct ForecastCommandTests {
    typealias CLI = CommandLineTests

    /// Two monthly series of 48 month ends: one seasonal with a trend, one flat with noise.
    static func table() -> String {
        var text = "sid,month,amount\n"
        for s in ["A", "B"] {
            for t in 0..<48 {
                let year = 2022 + t / 12, february = year % 4 == 0 ? 29 : 28
                let date = String(format: "%04d-%02d-%02d", year, t % 12 + 1, [31, february, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][t % 12])
                let v = s == "A" ? 100 + Double(t) + 10 * sin(Double(t) * .pi / 6) + Double(t % 5) : 50 + Double((t * 7) % 5)
                text += "\(s),\(date),\(v)\n"
            }
        }
        return text
    }

    @Test func forecastsEverySeriesWithIntervalsAndABacktest() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("series.csv")
        try Self.table().write(to: data, atomically: true, encoding: .utf8)
        let run = try CLI.run(["forecast", "series", "--data", data.path, "--date-column", "month", "--value-column", "amount",
                               "--id-column", "sid", "--horizon", "6", "--backtest", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first == "id,date,mean,lo_80,hi_80,lo_95,hi_95,model")
        #expect(lines.count == 13)
        #expect(lines[1].hasPrefix("A,2026-01-31,") && lines[6].hasPrefix("A,2026-06-30,") && lines[7].hasPrefix("B,2026-01-31,"))
        for line in lines.dropFirst() {
            let f = line.split(separator: ",").dropFirst(2).prefix(5).compactMap { Double($0) }
            #expect(f.count == 5 && f[3] <= f[1] && f[1] <= f[0] && f[0] <= f[2] && f[2] <= f[4], "\(line)")
        }
        #expect(run.stderr.contains("backtest: 2 rolling origins") && run.stderr.contains("seasonal naive (m = 12)"))
        #expect(run.stderr.contains("forecast 2 of 2 series"))
    }

    @Test func badSeriesAreNamedWithTheReason() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        func run(_ text: String, _ extra: [String] = []) throws -> CommandLineTests.Outcome {
            let data = dir.appendingPathComponent("s.csv")
            try text.write(to: data, atomically: true, encoding: .utf8)
            return try CLI.run(["forecast", "series", "--data", data.path, "--date-column", "month", "--value-column", "amount",
                                "--id-column", "sid", "--horizon", "3"] + extra)
        }
        let gap = try run(Self.table().replacingOccurrences(of: "A,2023-05-31", with: "A,2023-06-01"))
        #expect(gap.status == 65 && gap.stderr.contains("series A:"), "\(gap.stderr)")
        let duplicate = try run(Self.table().replacingOccurrences(of: "A,2023-05-31", with: "A,2023-04-30"))
        #expect(duplicate.status == 65 && duplicate.stderr.contains("series A: 2023-04-30 appears twice"), "\(duplicate.stderr)")
        let nonPositive = try run(Self.table().replacingOccurrences(of: "B,2022-03-31,5", with: "B,2022-03-31,-5"), ["--model", "ETS(M,N,N)"])
        #expect(nonPositive.status == 0 && nonPositive.stderr.contains("warning: series B:"), "\(nonPositive.stderr)")
        let model = try run(Self.table(), ["--model", "ETS(X,N,N)"])
        #expect(model.status == 2 && model.stderr.contains("--model must be auto, naive, snaive, drift or ETS(E,T,S)"))
        let level = try run(Self.table(), ["--level", "80,120"])
        #expect(level.status == 2 && level.stderr.contains("--level must be percentages"))
    }
}
