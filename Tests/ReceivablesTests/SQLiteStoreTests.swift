import Foundation
import Testing
@testable import Receivables

/// One folder per test process for the stores the tests create, removed when the process exits
/// (a run of the suite creates hundreds of stores; they must not pile up in /tmp).
let temporaryStoreRoot: URL = {
    let root = FileManager.default.temporaryDirectory
        .appendingPathComponent("solvent-tests-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.removeItem(at: root)
    try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: temporaryStoreRoot) }
    return root
}()

func temporaryStorePath() -> String {
    let dir = temporaryStoreRoot.appendingPathComponent(UUID().uuidString)
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("store.sqlite").path
}

func record(_ kind: SourceKind, sha: String = "abc", rows: Int) -> IngestRecord {
    IngestRecord(kind: kind, file: "f.csv", sha256: sha, profile: "default", policy: "fail",
                 rowsRead: rows, rowsStored: rows, rowsRejected: 0,
                 startedAt: "2026-11-29T10:00:00Z", finishedAt: "2026-11-29T10:00:01Z")
}

@Suite struct SQLiteStoreTests {
    let customer: [FieldValue] = [.text("0000611365"), .text("Acme, Ltd"), .text("NL"), .null, .null, .null,
                                  .integer(30), .null, .date(CalendarDate(year: 2024, month: 1, day: 2)!)]

    @Test func migratesAndStartsEmpty() throws {
        let store = try SQLiteStore(path: temporaryStorePath())
        for kind in SourceKind.allCases { #expect(try store.count(kind) == 0) }
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.ingestHistory().isEmpty)
    }

    @Test func commitStoresRowsAndTheLogTogether() throws {
        let store = try SQLiteStore(path: temporaryStorePath())
        try store.load(.customers) { s in
            try s.upsert(customer)
            return .commit(record(.customers, rows: 1), ())
        }
        #expect(try store.count(.customers) == 1)
        #expect(try store.ingestRecord(kind: .customers, sha256: "abc")?.rowsStored == 1)
        // Upsert by natural key: the same key again replaces, not duplicates.
        var renamed = customer
        renamed[1] = .text("Acme BV")
        try store.load(.customers) { s in
            try s.upsert(renamed)
            return .commit(record(.customers, sha: "def", rows: 1), ())
        }
        #expect(try store.count(.customers) == 1)
        #expect(try store.keys(of: .customers) == ["0000611365"])   // identifiers are text: leading zeros kept
    }

    @Test func rollBackAndErrorsLeaveNothing() throws {
        let store = try SQLiteStore(path: temporaryStorePath())
        try store.load(.customers) { s in
            try s.upsert(customer)
            return .rollBack(())
        }
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.load(.customers) { s -> LoadOutcome<Void> in
                try s.upsert(customer)
                throw Boom()
            }
        }
        #expect(try store.count(.customers) == 0)
        #expect(try store.ingestHistory().isEmpty)
    }

    @Test func unopenableStoreSaysWhereAndWhat() {
        #expect {
            try SQLiteStore(path: "/proc/definitely/not/here.sqlite")
        } throws: { error in
            "\(error)".contains("cannot open the store /proc/definitely/not/here.sqlite")
        }
    }

    @Test func storePathResolution() {
        #expect(resolveStorePath(option: "a.sqlite", environment: ["SOLVENT_STORE": "b"]) == "a.sqlite")
        #expect(resolveStorePath(option: nil, environment: ["SOLVENT_STORE": "b.sqlite"]) == "b.sqlite")
        #expect(resolveStorePath(option: nil, environment: [:]) == "solvent.sqlite")
    }
}
