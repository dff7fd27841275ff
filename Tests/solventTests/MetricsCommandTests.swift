import Foundation
import Testing

/// `solvent metrics` end to end on a small generated portfolio.
@Suite struct MetricsCommandTests {
    typealias CLI = CommandLineTests

    static let header = "period_end,group,ar,current_ar,sales,dso,countback_dso,best_possible_dso,"
        + "average_days_delinquent,cei,aging_current,aging_1_30,aging_31_60,aging_61_90,aging_91_plus"

    /// A store holding a generated portfolio (60 customers, 14 months ending with the generator's default end).
    static func ingestedStore(_ name: String = #function) throws -> (dir: URL, store: String) {
        let dir = try CLI.temporaryFolder("metrics" + name)
        let data = dir.appendingPathComponent("data")
        let generated = try CLI.generate(seed: 11, into: data, extra: ["--end", "2026-10-31"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let store = dir.appendingPathComponent("s.sqlite").path
        let ingested = try CLI.run(["ingest", "--dir", data.path, "--store", store, "--quiet"])
        #expect(ingested.status == 0, "\(ingested.stderr)")
        return (dir, store)
    }

    @Test func portfolioRowMonthlySeriesAndJSON() throws {
        let (dir, store) = try Self.ingestedStore()
        defer { try? FileManager.default.removeItem(at: dir) }

        let single = try CLI.run(["metrics", "--as-of", "2026-10-31", "--store", store])
        #expect(single.status == 0, "\(single.stderr)")
        let lines = single.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == Self.header)
        #expect(lines.count == 2)
        let cells = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(cells.count == 15)
        #expect(cells[0] == "2026-10-31" && cells[1] == "portfolio")
        // Money with two decimals; AR is the sum of the aging buckets, to the cent.
        let money = [2, 3, 4, 10, 11, 12, 13, 14].map { cells[$0] }
        #expect(money.allSatisfy { $0.range(of: #"^-?[0-9]+\.[0-9]{2}$"#, options: .regularExpression) != nil }, "\(cells)")
        let cents = { (s: String) -> Int in Int(s.replacingOccurrences(of: ".", with: "")) ?? -1 }
        #expect(cents(cells[2]) == (10...14).map { cents(cells[$0]) }.reduce(0, +))
        #expect(cells[3] == cells[10])                               // current AR = aging_current
        #expect(Double(cells[5]) != nil && Double(cells[6]) != nil)  // a generated portfolio has sales: DSO present

        let monthly = try CLI.run(["metrics", "--as-of", "2026-10-31", "--monthly", "--from", "2025-11-30", "--store", store])
        #expect(monthly.status == 0, "\(monthly.stderr)")
        let rows = monthly.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == 12)
        #expect(rows.first?.hasPrefix("2025-11-30,portfolio,") == true)
        #expect(rows.last.map(String.init) == lines[1])

        let json = try CLI.run(["metrics", "--as-of", "2026-10-15", "--by", "country", "--format", "json", "--store", store])
        #expect(json.status == 0, "\(json.stderr)")
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        let objects = try #require(parsed)
        #expect(objects.count > 1)
        #expect(objects[0]["group"] as? String == "portfolio")
        #expect(!json.stdout.contains("nan") && !json.stdout.contains("inf"))
    }

    @Test func perCustomerToAFile() throws {
        let (dir, store) = try Self.ingestedStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("m.csv").path
        let run = try CLI.run(["metrics", "--as-of", "2026-10-31", "--by", "customer", "--out", out, "--store", store])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Wrote 61 row(s) to \(out)"))
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 62)   // header, portfolio, 60 customers
    }

    @Test func asOfBeforeAnyDataGivesZerosAndAnEmptyRatio() throws {
        let (dir, store) = try Self.ingestedStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.run(["metrics", "--as-of", "2001-01-31", "--store", store])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("\n2001-01-31,portfolio,0.00,0.00,0.00,,,,,,0.00,0.00,0.00,0.00,0.00\n"))
        #expect(run.stderr.contains("no invoice is issued on or before 2001-01-31"))
    }

    @Test func anEmptyStoreExits65() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("empty.sqlite").path
        // A store with customers only: no invoices.
        let customers = dir.appendingPathComponent("customers.csv")
        try "customer_id,name\nC1,A\n".write(to: customers, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["ingest", "customers", customers.path, "--store", store, "--quiet"]).status == 0)
        let empty = try CLI.run(["metrics", "--as-of", "2026-10-31", "--store", store])
        #expect(empty.status == 65)
        #expect(empty.stderr.contains("the store holds no invoices: run solvent ingest first"), "\(empty.stderr)")
        // A store that does not exist is not created.
        let missing = dir.appendingPathComponent("never.sqlite").path
        let none = try CLI.run(["metrics", "--as-of", "2026-10-31", "--store", missing])
        #expect(none.status == 65)
        #expect(none.stderr.contains("run solvent ingest first"))
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func bySegmentUsesASegmentsModelAtTheAsOfDate() throws {
        let (dir, store) = try Self.ingestedStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let without = try CLI.run(["metrics", "--as-of", "2026-10-31", "--by", "segment", "--store", store])
        #expect(without.status == 2)
        #expect(without.stderr.contains("--by segment needs --segments MODEL, a model from `solvent train segments`"), "\(without.stderr)")
        #expect(without.stdout.isEmpty)
        let model = dir.appendingPathComponent("segments.json").path
        let trained = try CLI.run(["train", "segments", "--as-of", "2026-10-31", "--k", "3", "--store", store, "--out", model])
        #expect(trained.status == 0, "\(trained.stderr)")
        let run = try CLI.run(["metrics", "--as-of", "2026-10-31", "--by", "segment", "--segments", model, "--store", store])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 5, "portfolio and 3 segments under the header: \(run.stdout)")
        #expect(lines[1].hasPrefix("2026-10-31,portfolio,"))
        // The segments' AR adds up to the portfolio's.
        let ar = lines.dropFirst().map { Double($0.split(separator: ",")[2]) ?? .nan }
        #expect(abs(ar.dropFirst().reduce(0, +) - ar[0]) < 0.005 * 3)
    }

    @Test(arguments: [
        (["--as-of", "2026-02-30"], "--as-of must be a date yyyy-MM-dd"),
        (["--as-of", "31-10-2026"], "--as-of must be a date yyyy-MM-dd"),
        (["--as-of", "2026-10-31", "--monthly", "--from", "2026-13-01"], "--from must be a date"),
        (["--as-of", "2026-10-31", "--from", "2026-01-01"], "--from needs --monthly"),
        (["--as-of", "2026-10-31", "--monthly", "--from", "2026-11-01"], "is after --as-of"),
        (["--as-of", "2026-10-31", "--by", "region"], "--by must be one of"),
        (["--as-of", "2026-10-31", "--format", "xml"], "--format must be csv or json"),
    ])
    func badArgumentsExitTwo(arguments: [String], message: String) throws {
        let run = try CLI.run(["metrics"] + arguments + ["--store", "/nonexistent/s.sqlite"])
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "stderr: \(run.stderr)")
    }

    @Test func helpStatesTheMissingRule() throws {
        let help = try CLI.run(["metrics", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("never NaN") && help.stdout.contains("--monthly") && help.stdout.contains("countback"))
    }
}
