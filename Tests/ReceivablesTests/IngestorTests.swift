import Foundation
import Testing
import GRDB
@testable import Receivables

/// A fixture file of Fixtures/ingest.
func ingestFixture(_ name: String) throws -> String {
    let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
    return try #require(Bundle.module.path(forResource: base, ofType: ext, inDirectory: "Fixtures/ingest"))
}

/// A fresh store with the valid customers (and optionally invoices) loaded.
func seededStore(invoices: Bool = false) throws -> SQLiteStore {
    let store = try SQLiteStore(path: temporaryStorePath())
    let ingestor = Ingestor(store: store)
    _ = try ingestor.ingest(IngestRequest(kind: .customers, path: ingestFixture("customers.csv"), profile: .builtIn("default")!))
    if invoices {
        _ = try ingestor.ingest(IngestRequest(kind: .invoices, path: ingestFixture("invoices.csv"), profile: .builtIn("default")!))
    }
    return store
}

@Suite struct IngestorTests {
    let defaultProfile = ImportProfile.builtIn("default")!

    @Test func loadsAValidPortfolioKeepingLeadingZeros() throws {
        let store = try seededStore(invoices: true)
        #expect(try store.count(.customers) == 3)
        #expect(try store.count(.invoices) == 4)
        #expect(try store.keys(of: .customers).contains("0000611365"))
        let report = try Ingestor(store: store).ingest(IngestRequest(kind: .payments, path: ingestFixture("payments.csv"), profile: defaultProfile))
        #expect(report.outcome == .stored && report.rowsStored == 4)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func theSameFileTwiceChangesNothing() throws {
        let store = try seededStore(invoices: true)
        let again = try Ingestor(store: store).ingest(IngestRequest(kind: .invoices, path: ingestFixture("invoices.csv"), profile: defaultProfile))
        #expect(again.outcome == .alreadyLoaded)
        #expect(again.previous?.rowsStored == 4)
        #expect(try store.count(.invoices) == 4)
        #expect(try store.ingestHistory().count == 2)   // customers + invoices, no third entry
    }

    @Test func oneBadRowUnderFailStoresNothingAndReportsEveryRule() throws {
        let store = try seededStore()
        let rejectsPath = (temporaryStorePath() as NSString).deletingLastPathComponent + "/rejects.csv"
        let report = try Ingestor(store: store).ingest(IngestRequest(
            kind: .invoices, path: ingestFixture("invoices-bad.csv"), profile: defaultProfile, rejectsPath: rejectsPath))
        #expect(report.outcome == .rejected)
        #expect(report.rowsRead == 6 && report.rowsRejected == 3 && report.rowsStored == 0)
        #expect(try store.count(.invoices) == 0)
        #expect(try store.ingestHistory().count == 1)
        let rules = report.firstRejects.map { "\($0.line) \($0.column) \($0.rule)" }
        #expect(rules == ["4 due_date due_before_issue", "5 customer_id unknown_customer", "6 amount invalid_amount"])
        #expect(report.firstRejects[2].message.contains("1e309"))
        let csv = try String(contentsOfFile: rejectsPath, encoding: .utf8)
        #expect(csv.hasPrefix("line,column,value,rule,message\n4,due_date,2026-03-01,due_before_issue,"))
        #expect(csv.split(separator: "\n").count == 4)
    }

    @Test func oneBadRowUnderSkipStoresTheGoodRows() throws {
        let store = try seededStore()
        let report = try Ingestor(store: store).ingest(IngestRequest(
            kind: .invoices, path: ingestFixture("invoices-bad.csv"), profile: defaultProfile, policy: .skip))
        #expect(report.outcome == .stored && report.rowsStored == 3 && report.rowsRejected == 3)
        #expect(try store.keys(of: .invoices) == ["I1", "I2", "I8"])
        #expect(try store.ingestHistory().last?.rowsRejected == 3)
    }

    @Test func duplicateKeyNamesBothLines() throws {
        let store = try seededStore()
        let report = try Ingestor(store: store).ingest(IngestRequest(
            kind: .invoices, path: ingestFixture("invoices-duplicate.csv"), profile: defaultProfile, policy: .skip))
        #expect(report.firstRejects.map(\.rule) == ["duplicate_key"])
        #expect(report.firstRejects[0].message == "duplicate key I1: first at line 2, again at line 4")
        // The first occurrence wins.
        let facts = try store.invoiceFacts()
        #expect(facts["I1"]?.issueDate == CalendarDate(year: 2026, month: 1, day: 5))
    }

    @Test func paymentRulesFollowTheirInvoice() throws {
        let store = try seededStore(invoices: true)
        let report = try Ingestor(store: store).ingest(IngestRequest(
            kind: .payments, path: ingestFixture("payments-bad.csv"), profile: defaultProfile))
        let rules = report.firstRejects.map { "\($0.line) \($0.rule)" }
        #expect(rules == ["2 payment_before_invoice", "3 unknown_invoice", "4 amount_sign"])
        #expect(try store.count(.payments) == 0)
    }

    @Test func dutchExportUnderItsProfile() throws {
        let store = try seededStore()
        let profile = try ImportProfile.load(path: ingestFixture("nl-profile.toml"))
        let report = try Ingestor(store: store).ingest(IngestRequest(kind: .invoices, path: ingestFixture("invoices-nl.csv"), profile: profile))
        #expect(report.outcome == .stored && report.rowsStored == 2)
        let facts = try store.invoiceFacts()
        #expect(facts["F-001"]?.issueDate == CalendarDate(year: 2026, month: 1, day: 31))
        let builtIn = try Ingestor(store: try seededStore()).ingest(IngestRequest(
            kind: .invoices, path: ingestFixture("invoices-nl-canonical.csv"), profile: .builtIn("nl")!))
        #expect(builtIn.outcome == .stored)
    }

    @Test func dutchNumbersUnderTheDefaultProfileAreRejectedNotMisread() throws {
        var profile = defaultProfile
        profile.csv.delimiter = UInt8(ascii: ";")
        let report = try Ingestor(store: try seededStore()).ingest(IngestRequest(
            kind: .invoices, path: ingestFixture("invoices-nl-canonical.csv"), profile: profile))
        #expect(report.outcome == .rejected)
        #expect(Set(report.firstRejects.map(\.rule)) == ["invalid_date", "invalid_amount"])
    }

    @Test func brokenFilesStopWithTheirLocationAndStoreNothing() throws {
        let store = try seededStore()
        #expect {
            try Ingestor(store: store).ingest(IngestRequest(kind: .invoices, path: ingestFixture("invoices-unterminated.csv"), profile: defaultProfile))
        } throws: { error in
            "\(error)".contains("invoices-unterminated.csv: 2:") && "\(error)".contains("opened at line 2")
        }
        #expect {
            try Ingestor(store: store).ingest(IngestRequest(kind: .invoices, path: ingestFixture("invoices-missing-column.csv"), profile: defaultProfile))
        } throws: { error in
            "\(error)".contains("missing required column(s) due_date for invoices")
        }
        #expect(try store.count(.invoices) == 0)
    }

    @Test func dryRunStoresNothing() throws {
        let store = try seededStore()
        let report = try Ingestor(store: store).ingest(IngestRequest(
            kind: .invoices, path: ingestFixture("invoices.csv"), profile: defaultProfile, dryRun: true))
        #expect(report.outcome == .checked && report.rowsStored == 4)
        #expect(try store.count(.invoices) == 0)
        #expect(try store.ingestHistory().count == 1)
    }

    @Test func defaultsAndCodesAreFilledAndMapped() throws {
        let store = try seededStore(invoices: true)
        let currencies = try store.pool.read { db in try String.fetchAll(db, sql: "SELECT currency FROM invoices ORDER BY invoice_id") }
        #expect(currencies == ["EUR", "EUR", "EUR", "EUR"])
        let channels = try store.pool.read { db in try String.fetchAll(db, sql: "SELECT channel FROM invoices ORDER BY invoice_id") }
        #expect(channels == ["electronic", "paper", "portal", "electronic"])   // "Electronic" folded
        let amounts = try store.pool.read { db in try Int64.fetchAll(db, sql: "SELECT amount FROM invoices ORDER BY invoice_id") }
        #expect(amounts == [120_000, 35_050, -8_000, 9_999])   // exact cents
    }

    @Test func personalValuesAreRedactedInRejects() throws {
        let store = try SQLiteStore(path: temporaryStorePath())
        let report = try Ingestor(store: store).ingest(IngestRequest(
            kind: .customers, path: ingestFixture("customers-bad-name.csv"), profile: defaultProfile))
        #expect(report.firstRejects.map(\.rule) == ["terms_range"])
        #expect(!report.firstRejects.map(\.value).contains { $0.contains("Vries") })
    }
}
