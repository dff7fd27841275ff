import Foundation
import Receivables
import Testing

/// `solvent ingest` end to end: exit codes, summaries, idempotence, rejects.
@Suite struct IngestCommandTests {
    typealias CLI = CommandLineTests

    @Test func loadsAGeneratedFolderOnceAndSaysSoTheSecondTime() throws {
        let dir = try CLI.temporaryFolder()
        let data = dir.appendingPathComponent("data")
        #expect(try CLI.generate(seed: 5, into: data).status == 0)
        let store = dir.appendingPathComponent("s.sqlite").path
        let first = try CLI.run(["ingest", "--dir", data.path, "--store", store])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("invoices.csv → invoices:") && first.stdout.contains("0 rejected"))
        let lines = first.stdout.split(separator: "\n").filter { $0.contains("→") }
        #expect(lines.count == 8)
        let second = try CLI.run(["ingest", "--dir", data.path, "--store", store])
        #expect(second.status == 0)
        #expect(second.stdout.split(separator: "\n").allSatisfy { $0.contains("already loaded") })
    }

    @Test func badRowsExit65WithARejectsReport() throws {
        let dir = try CLI.temporaryFolder()
        let store = dir.appendingPathComponent("s.sqlite").path
        let customers = dir.appendingPathComponent("customers.csv")
        try "customer_id,name\nC1,A\nC2,B\n".write(to: customers, atomically: true, encoding: .utf8)
        let invoices = dir.appendingPathComponent("invoices.csv")
        try """
            invoice_id,customer_id,issue_date,due_date,amount
            I1,C1,2026-01-05,2026-02-04,nan
            I2,C2,2026-01-05,2026-02-04,10.00
            """.write(to: invoices, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["ingest", "customers", customers.path, "--store", store]).status == 0)
        let rejects = dir.appendingPathComponent("rejects.csv").path
        let failed = try CLI.run(["ingest", "invoices", invoices.path, "--store", store, "--rejects", rejects])
        #expect(failed.status == 65)
        #expect(failed.stderr.contains("1 bad row(s); nothing of the file was stored (rejects in \(rejects))"))
        #expect(failed.stdout.contains("line 2, amount: amount \"nan\""))
        let report = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(report.hasPrefix("line,column,value,rule,message\n2,amount,nan,invalid_amount,"))
        let skipped = try CLI.run(["ingest", "invoices", invoices.path, "--store", store, "--on-error", "skip"])
        #expect(skipped.status == 0)
        #expect(skipped.stdout.contains("2 read, 1 stored, 1 rejected"))
    }

    @Test func usageErrorsExit2() throws {
        #expect(try CLI.run(["ingest", "bills", "x.csv"]).status == 2)
        #expect(try CLI.run(["ingest", "invoices"]).status == 2)
        #expect(try CLI.run(["ingest", "invoices", "x.csv", "--on-error", "ignore"]).status == 2)
        let noProfile = try CLI.run(["ingest", "invoices", "x.csv", "--profile", "/nonexistent.toml"])
        #expect(noProfile.status == 2)
        #expect(noProfile.stderr.contains("no such profile"))
    }

    @Test func brokenFileExits65AndNamesTheLine() throws {
        let dir = try CLI.temporaryFolder()
        let file = dir.appendingPathComponent("customers.csv")
        try "customer_id,name\nC1,\"Open\nC2,B\n".write(to: file, atomically: true, encoding: .utf8)
        let outcome = try CLI.run(["ingest", "customers", file.path, "--store", dir.appendingPathComponent("s.sqlite").path])
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("opened at line 2"))
        #expect(outcome.stderr.contains("Nothing of \(file.path) was stored"))
    }

    /// RELIABILITY.md: SIGKILL during ingest leaves the old data intact and the file sound.
    @Test func sigkillDuringIngestLeavesTheStoreIntact() throws {
        let dir = try CLI.temporaryFolder()
        let data = dir.appendingPathComponent("data")
        #expect(try CLI.run(["generate", "--customers", "3000", "--months", "24", "--seed", "9", "--out", data.path]).status == 0)
        let store = dir.appendingPathComponent("s.sqlite").path
        #expect(try CLI.run(["ingest", "customers", data.appendingPathComponent("customers.csv").path, "--store", store]).status == 0)
        let process = Process()
        process.executableURL = try CLI.binary()
        process.arguments = ["ingest", "invoices", data.appendingPathComponent("invoices.csv").path, "--store", store]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(400_000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal || process.terminationStatus == 0)
        // The store opens, is sound, and holds either nothing of the file or all of it with its log entry.
        let opened = try SQLiteStore(path: store)
        #expect(try opened.integrityCheck() == "ok")
        let stored = try opened.count(.invoices)
        let logged = try opened.ingestHistory().contains { $0.kind == .invoices }
        #expect((stored == 0 && !logged) || (stored > 0 && logged))
        let check = try CLI.run(["ingest", "invoices", data.appendingPathComponent("invoices.csv").path, "--store", store, "--dry-run"])
        #expect(check.status == 0, "\(check.stderr)")
        let again = try CLI.run(["ingest", "invoices", data.appendingPathComponent("invoices.csv").path, "--store", store])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("0 rejected") || again.stdout.contains("already loaded"))
    }

    @Test func helpShowsAProfileFile() throws {
        let help = try CLI.run(["ingest", "--help"])
        #expect(help.stdout.contains("[columns.invoices]") && help.stdout.contains("decimal_separator"))
    }
}
