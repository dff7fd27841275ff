import Foundation
import Testing
import SolventNumerics
@testable import Receivables

/// The byte-level ingest (cells, grouped rows, prefetched key tables) against
/// the String-based one it replaced (`IngestReference`): on seeded messy files
/// of every kind, under several profiles and chunk sizes, the same rows are
/// stored with the same values, and the same rejects come out in the same order.
@Suite struct LoadWorkTests {
    static let customers = ["0000611365", "C2", "C3"]
    static let invoices = ["I1", "I2", "I3", "I4"]

    /// A value for a column of `type` named `name`: mostly good, with the usual faults.
    static func value(_ name: String, _ type: ColumnType, key: Bool, reference: Bool, rows: Int, dutch: Bool,
                      _ rng: inout Xoshiro256StarStar) -> String {
        func pick(_ options: [String]) -> String { options[Int(rng.next() % UInt64(options.count))] }
        // Nine values in ten from the good branch of each case (which may still break a rule).
        let roll = rng.next() % 100 < 90 ? 0 : 9
        if name == "customer_id" && reference { return roll < 7 ? pick(customers) : pick(["C9", "c2", " C2", "", "one", "0611365"]) }
        if name == "invoice_id" && reference { return roll < 7 ? pick(invoices) : pick(["I9", "i1", "", "I1 "]) }
        switch type {
        case .identifier:
            if key { return roll < 8 ? "K\(rng.next() % UInt64(rows))" : pick(["", " ", "K,1", "K\"1", "K\n1", "Ä1", "0007", "K1 "]) }
            return roll < 7 ? "PO\(rng.next() % 50)" : pick(["", "x;y", "é", " ", " P1", "P1 "])
        case .text:
            return roll < 7 ? pick(["Acme", "Coface", "Atradius", "north", "NL"]) : pick(["", "  padded  ", "a,b", "Zoë", "\u{1F}x"])
        case .date:
            let (month, day) = (1 + rng.next() % 3, 10 + rng.next() % 18)
            if roll < 6 { return dutch ? "\(day)-0\(month)-2026" : "2026-0\(month)-\(day)" }
            return dutch ? pick(["31-02-2026", "1-3-2026", " 05-01-2026 ", "", "2026-01-05"])
                : pick(["2026-02-31", "01-03-26", " 2026-01-05 ", "", "31-01-2026", "2025-12-01", "2026-1-5", "0000-01-01"])
        case .amount:
            let units = Int(rng.next() % 2000) - 300, cents = 10 + rng.next() % 90
            if roll < 6 { return dutch ? "\(units),\(cents)" : "\(units).\(cents)" }
            return pick(["0", "-3.00", "1e3", "nan", "1,234.50", "1.234,56", " 7 ", "12.345", "(5)", "5", "-0.00", ""])
        case .integer:
            return roll < 7 ? pick(["30", "0", "365"]) : pick(["400", "-1", "3.5", "", "1.000"])
        case .decimal:
            return roll < 7 ? pick(["1.5", "10", "0.000001", "100", "0", "2.50"]) : pick(["abc", "", "5,5"])
        case .currency:
            return roll < 7 ? pick(["EUR", "eur", " usd ", "JPY", "KWD"]) : pick(["jpy", "XXX", "ıls", "ſek", "EU", "", "€"])
        case .code:
            guard case .code(let allowed) = type else { return "" }
            return roll < 7 ? pick(allowed + allowed.map { $0.uppercased() }) : pick(["fax", "", "accepted", "paper"])
        }
    }

    /// A file of `rows` rows for `kind`, a few with a field missing. With `ascending`, the
    /// first key column counts up (sometimes repeating), as ERP exports do, with one jump back.
    static func messyFile(kind: SourceKind, seed: UInt64, rows: Int, delimiter: String, ascending: Bool) -> String {
        var rng = Xoshiro256StarStar(seed: seed)
        let schema = kind.schema
        let columns = schema.columns.filter { $0.required || rng.next() % 5 != 0 }
        var text = columns.map(\.name).joined(separator: delimiter) + (rng.next() % 2 == 0 ? "\r\n" : "\n")
        var counter = 1000
        let ascendingKey = ascending && !schema.references.contains { $0.column == schema.key[0] }
        for r in 0..<rows {
            counter += r == rows * 2 / 3 ? -500 : Int(rng.next() % 3)
            var fields = columns.map { spec in
                ascendingKey && spec.name == schema.key[0] && rng.next() % 20 != 0 ? "K\(counter)"
                    : value(spec.name, spec.type, key: schema.key.contains(spec.name),
                            reference: schema.references.contains { $0.column == spec.name }, rows: rows,
                            dutch: delimiter == ";", &rng)
            }
            if rng.next() % 40 == 0 { fields.removeLast() }
            text += fields.map { f in
                f.contains(delimiter) || f.contains("\"") || f.contains("\n") || rng.next() % 8 == 0
                    ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
            }.joined(separator: delimiter)
            text += rng.next() % 50 == 0 ? "\r\n\n" : "\n"
        }
        return text
    }

    static func profiles() throws -> [ImportProfile] {
        var maps = try #require(ImportProfile.builtIn("default"))
        maps.name = "maps"
        maps.dates = [.iso, try DateParser(pattern: "dd-MM-yyyy")]
        let customer = try ValueMap([("one", "C2"), ("0611365", "0000611365"), ("C2", "C2"), ("C3", "C3"), ("C9", "C9"),
                                     ("0000611365", "0000611365")])
        let currency = try ValueMap([("euro", "EUR"), ("EUR", "EUR"), ("eur", "EUR"), ("XXX", "JPY"), ("JPY", "JPY"), ("KWD", "KWD")])
        let invoice = try ValueMap([("i1", "I1"), ("I9", "I9")] + invoices.dropFirst().map { ($0, $0) } + [("I1", "I1")])
        let score = try ValueMap([("abc", "7.5"), ("10", "x"), ("1.5", "1.5"), ("100", "100"), ("0", "0"), ("2.50", "2.5")])
        maps.values = [.invoices: ["currency": currency, "customer_id": customer], .payments: ["invoice_id": invoice],
                       .ratings: ["score": score]]
        return [try #require(ImportProfile.builtIn("default")), try #require(ImportProfile.builtIn("nl")), maps]
    }

    /// Rows stored (under skip) and rejects, as the byte-level ingest makes them.
    static func ingest(_ path: String, kind: SourceKind, profile: ImportProfile, store: SQLiteStore,
                       dryRun: Bool) throws -> (stored: [[FieldValue]], rejects: String, report: IngestReport) {
        let reader = try SourceRowReader(path: path, kind: kind, profile: profile)
        let rules = try RowRules(kind: kind, decoder: reader.decoder, store: store, expectedRows: 8)
        let rejectsPath = temporaryStorePath() + ".rejects.csv"
        let rejects = try RejectsFile(path: rejectsPath)
        let request = IngestRequest(kind: kind, path: path, profile: profile, policy: .skip, dryRun: dryRun)
        let work = LoadWork(report: IngestReport(kind: kind, file: path, sha256: "", outcome: .stored), reader: reader,
                            rules: rules, rejects: rejects, request: request, progress: nil)
        var stored: [[FieldValue]] = []
        try work.produce(emit: { batch in stored += batch; return true }, batchRows: 5)
        try rejects.commit()
        return (stored, try String(contentsOfFile: rejectsPath, encoding: .utf8), work.report)
    }

    /// The rejects file the reference rows make.
    static func rejectsText(_ rows: [IngestReference.Row]) throws -> String {
        let path = temporaryStorePath() + ".expected.csv"
        let file = try RejectsFile(path: path)
        for row in rows { for r in row.rejects { try file.append(r) } }
        try file.commit()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test(arguments: SourceKind.allCases)
    func sameRowsAndRejectsAsTheStringBasedIngest(kind: SourceKind) throws {
        let store = try seededStore(invoices: true)
        let stored = (customers: try store.keys(of: .customers), invoices: try store.invoiceFacts())
        for (p, base) in try Self.profiles().enumerated() {
            for (c, chunk) in [7, 61, 1 << 22].enumerated() {
                var profile = base
                profile.csv.chunkSize = chunk
                let seed = UInt64(kind.order * 100 + p * 10 + c)
                let text = Self.messyFile(kind: kind, seed: seed, rows: 300,
                                          delimiter: String(UnicodeScalar(profile.csv.delimiter)), ascending: c != 1)
                let path = temporaryStorePath() + ".\(kind.rawValue).csv"
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                let reference = try IngestReference(kind: kind, profile: profile, customers: stored.customers,
                                                    invoices: stored.invoices).rows(path: path)
                let got = try Self.ingest(path, kind: kind, profile: profile, store: store, dryRun: false)
                let context = "\(kind) profile \(profile.name) chunk \(chunk)"
                #expect(got.stored == reference.compactMap(\.values), "\(context)")
                #expect(got.rejects == (try Self.rejectsText(reference)), "\(context)")
                #expect(got.report.rowsRead == reference.count, "\(context)")
                #expect(got.report.rowsRejected == reference.filter { !$0.rejects.isEmpty }.count, "\(context)")
                #expect(reference.contains { $0.values != nil } && reference.contains { !$0.rejects.isEmpty }, "\(context)")
                let dry = try Self.ingest(path, kind: kind, profile: profile, store: store, dryRun: true)
                #expect(dry.stored.isEmpty && dry.rejects == got.rejects && dry.report.rowsStored == got.report.rowsStored)
            }
        }
    }

    @Test func aSyntaxErrorStopsTheFileAfterCheckingTheRowsBeforeIt() throws {
        let path = temporaryStorePath() + ".invoices.csv"
        var text = "invoice_id,customer_id,issue_date,due_date,amount\n"
        for i in 0..<10 { text += "I\(i),C2,2026-01-0\(i % 9 + 1),2026-02-01,\(i == 3 ? "x" : "5.00")\n" }
        text += "I10,C2,2026-01-01,\"2026-02-01,5.00\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let profile = try #require(ImportProfile.builtIn("default"))
        let reader = try SourceRowReader(path: path, kind: .invoices, profile: profile)
        let work = LoadWork(report: IngestReport(kind: .invoices, file: path, sha256: "", outcome: .stored), reader: reader,
                            rules: try RowRules(kind: .invoices, decoder: reader.decoder, store: try seededStore()),
                            rejects: nil, request: IngestRequest(kind: .invoices, path: path, profile: profile, dryRun: true),
                            progress: nil)
        #expect {
            try work.produce(emit: { _ in true }, batchRows: 1)
        } throws: { error in
            "\(error)".hasSuffix("12:19: unterminated quoted field: the quote opened at line 12 is never closed")
        }
        // The ten rows before the broken one were checked, in one group with it.
        #expect(work.report.rowsRead == 10 && work.report.rowsRejected == 1)
        #expect(work.report.firstRejects.map(\.line) == [5])
    }
}
