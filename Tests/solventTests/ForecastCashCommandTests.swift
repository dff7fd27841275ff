import Foundation
import Testing

/// `solvent forecast cash` end to end on a small generated portfolio.
@Suite struct ForecastCashCommandTests {
    typealias CLI = CommandLineTests

    @Test func weeklyCashInWithIntervalsAndABacktest() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data"), store = dir.appendingPathComponent("s.sqlite").path
        let generated = try CLI.run(["generate", "--customers", "150", "--months", "20", "--seed", "11", "--out", data.path])
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(try CLI.run(["ingest", "--dir", data.path, "--store", store, "--quiet"]).status == 0)

        let out = dir.appendingPathComponent("cash.csv").path
        let run = try CLI.run(["forecast", "cash", "--store", store, "--as-of", "2026-06-30", "--simulations", "200",
                               "--backtest", "2", "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("payment-timing model:") && run.stderr.contains("converged"))
        #expect(run.stderr.contains("WAPE model") && run.stderr.contains("80 % intervals cover"))
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "week_start,week_end,source,mean,lo_80,hi_80,lo_95,hi_95")
        #expect(lines.count == 1 + 13 * 3)
        #expect(lines[1].hasPrefix("2026-07-01,2026-07-07,open,") && lines[2].contains(",new,") && lines[3].contains(",total,"))
        #expect(lines[37].hasPrefix("2026-09-23,2026-09-29,open,"))
        var week = [String: Double]()
        for line in lines.dropFirst() {
            let f = line.split(separator: ",")
            let v = f.dropFirst(3).compactMap { Double($0) }
            #expect(v.count == 5 && v.allSatisfy { $0 >= 0 && $0.isFinite }, "\(line)")
            #expect(v[3] <= v[1] && v[1] <= v[2] && v[2] <= v[4], "\(line)")
            week["\(f[0]) \(f[2])"] = v[0]
        }
        let dso = try CLI.run(["forecast", "dso", "--store", store, "--as-of", "2026-06-30", "--months", "3", "--simulations", "200"])
        #expect(dso.status == 0, "\(dso.stderr)")
        let rows = dso.stdout.split(separator: "\n")
        #expect(rows.first == "month_end,ar,sales,dso,lo_80,hi_80,lo_95,hi_95,countback_dso,countback_lo_80,countback_hi_80,countback_lo_95,countback_hi_95")
        #expect(rows.count == 4 && rows[1].hasPrefix("2026-07-31,") && rows[3].hasPrefix("2026-09-30,"))
        for row in rows.dropFirst() {
            let v = row.split(separator: ",", omittingEmptySubsequences: false).dropFirst().map { Double($0) }
            #expect(v.allSatisfy { $0 != nil && $0!.isFinite }, "\(row)")
            let d = v.compactMap { $0 }
            #expect(d.count == 12 && d[5] <= d[3] && d[3] <= d[4] && d[4] <= d[6] && d[10] <= d[8] && d[8] <= d[9] && d[9] <= d[11], "\(row)")
        }

        // A stored payment-dates model: the same forecast from the file, and the invoice-level outlook.
        let modelPath = dir.appendingPathComponent("timing.json").path
        let trained = try CLI.run(["train", "payment-dates", "--store", store, "--as-of", "2026-06-30", "--out", modelPath])
        #expect(trained.status == 0 && trained.stdout.contains("payment-timing model for 2026-06-30"), "\(trained.stderr)")
        let again = dir.appendingPathComponent("again.csv").path
        let fromFile = try CLI.run(["forecast", "cash", "--store", store, "--as-of", "2026-06-30", "--simulations", "200",
                                    "--model", modelPath, "--out", again])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(try String(contentsOfFile: again, encoding: .utf8) == String(contentsOfFile: out, encoding: .utf8))
        // The first read left the store's receivables cache beside it; later reads use it, --no-cache reads the
        // tables, and the forecasts are the same.
        #expect(FileManager.default.fileExists(atPath: store + "-cache"))
        for (flags, load) in [([String](), "load (cache) "), (["--no-cache"], "load ")] {
            let path = dir.appendingPathComponent("cache\(flags.count).csv").path
            let r = try CLI.run(["forecast", "cash", "--store", store, "--as-of", "2026-06-30", "--simulations", "200",
                                 "--verbose", "--out", path] + flags)
            #expect(r.status == 0 && r.stderr.contains("  " + load), "\(r.stderr)")
            #expect(try String(contentsOfFile: path, encoding: .utf8) == String(contentsOfFile: out, encoding: .utf8))
        }
        let outlook = try CLI.run(["score", "--store", store, "--model", modelPath, "--as-of", "2026-06-30"])
        #expect(outlook.status == 0, "\(outlook.stderr)")
        #expect(outlook.stdout.hasPrefix("invoice_id,customer_id,due_date,open_amount,p_paid_13w,median_paid_by,expected_cash\n"))
        let early = try CLI.run(["forecast", "cash", "--store", store, "--as-of", "2026-05-31", "--model", modelPath])
        #expect(early.status == 65 && early.stderr.contains("fitted for 2026-06-30, after --as-of 2026-05-31"))

        // total = open + new, week by week (to the cent of rounding).
        for k in stride(from: 1, to: lines.count, by: 3) {
            let start = lines[k].split(separator: ",")[0]
            let open = week["\(start) open"] ?? .nan, new = week["\(start) new"] ?? .nan, total = week["\(start) total"] ?? .nan
            #expect(abs(open + new - total) <= 0.011)
        }
    }

    @Test func badRequestsSayWhat() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("empty.sqlite").path
        let empty = try CLI.run(["forecast", "cash", "--store", store, "--as-of", "2026-06-30"])
        #expect(empty.status == 65 && empty.stderr.contains("the store holds no customers: run solvent ingest first"))
        let midMonth = try CLI.run(["forecast", "dso", "--as-of", "2026-06-15"])
        #expect(midMonth.status == 2 && midMonth.stderr.contains("--as-of must be a month end (DSO is monthly)"))
        let weeks = try CLI.run(["forecast", "cash", "--as-of", "2026-06-30", "--weeks", "0"])
        #expect(weeks.status == 2 && weeks.stderr.contains("--weeks must be between 1 and 104"))
    }
}
