import Foundation
import Testing

/// `solvent profile` end to end: a generated portfolio ingested, then profiled.
@Suite struct ProfileCommandTests {
    typealias CLI = CommandLineTests

    /// A folder with a generated, ingested store (60 customers × 14 months ending 2026-10-31).
    static func ingestedStore(_ name: String = #function) throws -> (dir: URL, store: String) {
        let dir = try CLI.temporaryFolder("profile" + name)
        let data = dir.appendingPathComponent("data")
        let generated = try CLI.generate(seed: 11, into: data)
        #expect(generated.status == 0, "\(generated.stderr)")
        let store = dir.appendingPathComponent("s.sqlite").path
        let ingested = try CLI.run(["ingest", "--dir", data.path, "--store", store])
        #expect(ingested.status == 0, "\(ingested.stderr)")
        return (dir, store)
    }

    @Test func writesOneRowPerCustomerWithTheCatalogueHeader() throws {
        let (dir, store) = try Self.ingestedStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("p.csv").path
        let run = try CLI.run(["profile", "--as-of", "2026-10-31", "--store", store, "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("profile 2026-10-31: 60 customers ×"), "\(run.stdout)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 62)   // header, 60 rows, the final empty piece
        #expect(lines[0].hasPrefix("customer_id,cust_country,"))
        #expect(lines[0].contains(",pb_12m_days_late_mean,") && lines[0].contains(",ins_utilisation,"))
        let width = lines[0].split(separator: ",").count
        #expect(lines.dropFirst().dropLast().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count >= width })
        #expect(!lines.joined().lowercased().contains("nan"))

        // To standard output, the table only; the summary goes to standard error.
        let toStdout = try CLI.run(["profile", "--as-of", "2026-10-31", "--store", store])
        #expect(toStdout.status == 0)
        #expect(toStdout.stdout.hasPrefix("customer_id,"))
        #expect(toStdout.stderr.contains("snapshot stored"))
    }

    @Test func jsonIsValid() throws {
        let (dir, store) = try Self.ingestedStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.run(["profile", "--as-of", "2026-06-30", "--store", store, "--format", "json", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["as_of"] as? String == "2026-06-30")
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.count > 0 && rows.count <= 60)
        #expect(rows.allSatisfy { $0["customer_id"] is String && $0["pb_12m_missing"] is NSNumber })
        #expect(run.stderr.isEmpty)
    }

    @Test func describePrintsTheCatalogue() throws {
        let text = try CLI.run(["profile", "--describe"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("pb_12m_days_late_mean"))
        #expect(text.stdout.contains("Amount-weighted mean days late"))
        #expect(text.stdout.contains("last 12 months"))
        let json = try CLI.run(["profile", "--describe", "--format", "json"])
        let specs = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(specs.count > 60)
        #expect(specs.allSatisfy { $0["name"] is String && $0["unit"] is String && $0["window"] is String && $0["meaning"] is String })
    }

    @Test func anEmptyStoreExits65() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.run(["profile", "--as-of", "2026-10-31", "--store", dir.appendingPathComponent("empty.sqlite").path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("the store holds no customers: run solvent ingest first"), "\(run.stderr)")
    }

    @Test func aDateBeforeEveryCustomerExits65AndStoresNothing() throws {
        let (dir, store) = try Self.ingestedStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.run(["profile", "--as-of", "1990-01-01", "--store", store])
        #expect(run.status == 65)
        #expect(run.stderr.contains("no customer existed on 1990-01-01"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test(arguments: [["--as-of", "2026-02-30"], ["--as-of", "31-10-2026"], [], ["--as-of", "2026-10-31", "--format", "xlsx"]])
    func badArgumentsExit2(arguments: [String]) throws {
        let run = try CLI.run(["profile"] + arguments + ["--store", "/nonexistent/never-created.sqlite"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("--as-of") || run.stderr.contains("--format"), "\(run.stderr)")
    }
}
