import Foundation
import GRDB
import GRDBSQLite

/// The embedded store: one SQLite file through GRDB.
///
/// - WAL journal (GRDB's `DatabasePool`): readers never block the writer.
/// - `synchronous = NORMAL`: in WAL mode a commit survives a crash or SIGKILL
///   of Solvent and the file is never corrupted; a power cut may lose the last
///   commits, which an ingest (idempotent, keyed by the file's SHA-256) or a
///   rescoring run simply repeats. `FULL` would fsync every commit for no gain
///   in those cases.
/// - busy timeout 10 s: a second process waits for the writer instead of failing at once.
/// - foreign keys are not declared: references are checked by the loader with
///   line numbers in the rejects report, and upserts replace rows in place.
public final class SQLiteStore: ReceivablesStore {
    let pool: DatabasePool
    public let path: String
    /// Whether `loadPortfolio` reads and writes the receivables cache beside the
    /// store (`ReceivablesCache`: the second read of the same store skips the scan).
    public let useCache: Bool
    /// Whether a read from the tables writes the cache on another thread, the caller going on
    /// meanwhile (`ReceivablesCache.finishWrites()` waits for it); else before `loadPortfolio` returns.
    public let writesCacheInBackground: Bool

    /// Opens (creating if needed) and migrates the store at `path`; `cache: false`
    /// reads the tables every time and writes no cache.
    public init(path: String, cache: Bool = true, writesCacheInBackground: Bool = false) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 64 MiB page cache per connection (SQLite's default is 2 MiB): a
            // million-row load touches its indexes all over.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try StoreSchema.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error)")
        }
        self.path = path
        useCache = cache
        self.writesCacheInBackground = writesCacheInBackground
    }

    public func count(_ kind: SourceKind) throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(kind.rawValue)") ?? 0 }
    }

    public func ingestRecord(kind: SourceKind, sha256: String) throws -> IngestRecord? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM ingest_log WHERE kind = ? AND sha256 = ?",
                             arguments: [kind.rawValue, sha256]).flatMap(IngestRecord.init(row:))
        }
    }

    public func ingestHistory() throws -> [IngestRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM ingest_log ORDER BY id").compactMap(IngestRecord.init(row:))
        }
    }

    public func load<T>(_ kind: SourceKind, _ body: (any LoadSession) throws -> LoadOutcome<T>) throws -> T {
        try pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                let session = try SQLiteLoadSession(db: db, kind: kind)
                switch try body(session) {
                case .commit(let record, let value):
                    try record.insert(into: db)
                    result = value
                    return .commit
                case .rollBack(let value):
                    result = value
                    return .rollback
                }
            }
            guard let result else { throw StoreError.internalState("load finished without a result") }
            return result
        }
    }

    public func keys(of kind: SourceKind) throws -> Set<String> {
        let schema = kind.schema
        guard schema.key.count == 1 else { throw StoreError.internalState("\(kind.rawValue) has a composite key") }
        return try pool.read { db in
            var keys = Set<String>(minimumCapacity: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(kind.rawValue)") ?? 0)
            let cursor = try String.fetchCursor(db, sql: "SELECT \(schema.key[0]) FROM \(kind.rawValue)")
            while let key = try cursor.next() { keys.insert(key) }
            return keys
        }
    }

    public func invoiceFacts() throws -> [String: InvoiceFact] {
        try pool.read { db in
            var facts = [String: InvoiceFact](minimumCapacity: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invoices") ?? 0)
            let rows = try Row.fetchCursor(db, sql: "SELECT invoice_id, issue_date, amount FROM invoices")
            while let row = try rows.next() {
                let id: String = row[0]
                let text: String = row[1]
                let amount: Int64 = row[2]
                if let date = CalendarDate(iso: text) { facts[id] = InvoiceFact(issueDate: date, isCreditNote: amount < 0) }
            }
            return facts
        }
    }

    public func saveRates(_ rates: [String: String], reportingCurrency: String, profile: String) throws {
        try pool.write { db in
            for (currency, rate) in rates.sorted(by: { $0.key < $1.key }) {
                try db.execute(sql: """
                    INSERT INTO currency_rates (currency, reporting_currency, rate, profile) VALUES (?, ?, ?, ?)
                    ON CONFLICT (currency) DO UPDATE SET reporting_currency = excluded.reporting_currency,
                        rate = excluded.rate, profile = excluded.profile
                    """, arguments: [currency, reportingCurrency, rate, profile])
            }
        }
    }

    public func rates() throws -> [String: (reporting: String, rate: String)] {
        try pool.read(Self.rates)
    }

    /// The stored rates (decimal text), read in `db`'s transaction.
    static func rates(_ db: Database) throws -> [String: (reporting: String, rate: String)] {
        var out: [String: (reporting: String, rate: String)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT currency, reporting_currency, rate FROM currency_rates") {
            out[row[0]] = (row[1], row[2])
        }
        return out
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer" }
    }
}

/// Errors of the store itself (not of the data).
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case internalState(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open the store \(path): \(reason) (check the path and its permissions, or pass --store)"
        case .internalState(let m): return "store: \(m)"
        }
    }
}

/// A loading transaction's prepared statements.
final class SQLiteLoadSession: LoadSession {
    let db: Database
    let upsertStatement: Statement

    init(db: Database, kind: SourceKind) throws {
        self.db = db
        let schema = kind.schema
        let names = schema.columns.map(\.name)
        let keySet = Set(schema.key)
        let updates = names.filter { !keySet.contains($0) }.map { "\($0) = excluded.\($0)" }
        // Identifiers come from the fixed schema, never from a file's header.
        var sql = "INSERT INTO \(kind.rawValue) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))"
        sql += " ON CONFLICT (\(schema.key.joined(separator: ", "))) DO "
        sql += updates.isEmpty ? "NOTHING" : "UPDATE SET " + updates.joined(separator: ", ")
        upsertStatement = try db.makeStatement(sql: sql)
    }

    /// Binds and steps the prepared upsert through SQLite's C API: GRDB's
    /// `StatementArguments` path costs ~10 µs a row in boxing, which dominated
    /// a million-row load; this is the ingest hot path.
    func upsert(_ row: [FieldValue]) throws {
        let s = upsertStatement.sqliteStatement
        sqlite3_reset(s)
        for (i, value) in row.enumerated() {
            let index = Int32(i + 1)
            let rc: Int32
            switch value {
            case .null:
                rc = sqlite3_bind_null(s, index)
            case .text(let text):
                var t = text
                rc = t.withUTF8 { sqlite3_bind_text(s, index, $0.baseAddress, Int32($0.count), sqliteTransient) }
            case .date(let date):
                rc = date.withISOBytes { sqlite3_bind_text(s, index, $0.baseAddress, 10, sqliteTransient) }
            case .money(let m), .integer(let m):
                rc = sqlite3_bind_int64(s, index, m)
            }
            guard rc == SQLITE_OK else { throw sqliteError(rc) }
        }
        let rc = sqlite3_step(s)
        guard rc == SQLITE_DONE else { throw sqliteError(rc) }
    }

    private func sqliteError(_ rc: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }
}

/// SQLite copies the bound bytes (`SQLITE_TRANSIENT`).
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension IngestRecord {
    init?(row: Row) {
        guard let kind = SourceKind(rawValue: row["kind"]) else { return nil }
        self.init(kind: kind, file: row["file"], sha256: row["sha256"], profile: row["profile"], policy: row["policy"],
                  rowsRead: row["rows_read"], rowsStored: row["rows_stored"], rowsRejected: row["rows_rejected"],
                  startedAt: row["started_at"], finishedAt: row["finished_at"])
    }

    func insert(into db: Database) throws {
        try db.execute(sql: """
            INSERT INTO ingest_log (kind, file, sha256, profile, policy, rows_read, rows_stored, rows_rejected,
                                    started_at, finished_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [kind.rawValue, file, sha256, profile, policy, rowsRead, rowsStored, rowsRejected,
                             startedAt, finishedAt])
    }
}
