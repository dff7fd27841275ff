import GRDB
import GRDBSQLite

/// Row-at-a-time reads through SQLite's C API, for the bulk readers
/// (`PortfolioReader`): a GRDB `Row` per row costs more than the row itself
/// when a profile reads tens of millions of them.
enum SQLiteRows {
    /// Steps a read-only statement, calling `body` for each row.
    static func each(_ db: OpaquePointer?, _ sql: String, _ body: (OpaquePointer) throws -> Void) throws {
        try eachWhile(db, sql) { try body($0); return true }
    }

    /// As `each`, stopping after the first row for which `body` returns false.
    static func eachWhile(_ db: OpaquePointer?, _ sql: String, _ body: (OpaquePointer) throws -> Bool) throws {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw PortfolioError(message: "store query failed: \(String(cString: sqlite3_errmsg(db)))")
        }
        defer { sqlite3_finalize(statement) }
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else {
                throw PortfolioError(message: "store read failed: \(String(cString: sqlite3_errmsg(db)))")
            }
            guard try body(statement) else { return }
        }
    }

    /// About how many rows `table` holds, from the ingest log, for reserving
    /// memory before a bulk read: `COUNT(*)` of a `WITHOUT ROWID` table reads the
    /// whole table (a second scan of ten million invoices). The rows stored by
    /// its ingests, at most twice the largest one (a store loaded again and
    /// again in full does not reserve for every load); a hint only — arrays
    /// still grow past it.
    static func rowHint(_ db: OpaquePointer?, _ table: String) throws -> Int {
        var n = 0
        try each(db, "SELECT COALESCE(MIN(SUM(rows_stored), 2 * MAX(rows_stored)), 0) FROM ingest_log WHERE kind = '\(table)'") {
            n = Int(sqlite3_column_int64($0, 0))
        }
        return n
    }

    /// The id of the last ingest (0 before any): the readers of one portfolio,
    /// each in its own read transaction, compare it to know they saw the same
    /// store (every ingest commits its rows and its log entry together).
    static func lastIngest(_ db: OpaquePointer?) throws -> Int64 {
        var id: Int64 = 0
        try each(db, "SELECT COALESCE(MAX(id), 0) FROM ingest_log") { id = sqlite3_column_int64($0, 0) }
        return id
    }

    @inline(__always)
    static func text(_ s: OpaquePointer, _ i: Int32) -> String? {
        guard let p = sqlite3_column_text(s, i) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(s, i))), as: UTF8.self)
    }

    /// The column's bytes, valid until the next step (nil for NULL).
    @inline(__always)
    static func bytes(_ s: OpaquePointer, _ i: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let p = sqlite3_column_text(s, i) else { return nil }
        return UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(s, i)))
    }

    @inline(__always)
    static func int(_ s: OpaquePointer, _ i: Int32) -> Int64? {
        sqlite3_column_type(s, i) == SQLITE_NULL ? nil : sqlite3_column_int64(s, i)
    }

    @inline(__always)
    static func int64(_ s: OpaquePointer, _ i: Int32) -> Int64 { sqlite3_column_int64(s, i) }

    @inline(__always)
    static func date(_ s: OpaquePointer, _ i: Int32) -> CalendarDate? {
        guard let p = sqlite3_column_text(s, i), sqlite3_column_bytes(s, i) == 10 else { return nil }
        return CalendarDate(iso: UnsafeBufferPointer(start: p, count: 10))
    }
}

/// The `String`s of a column with few distinct short values (currency,
/// channel, status): up to 16 values of up to 16 bytes are kept and handed out
/// again, so a bulk read makes one `String` per distinct value instead of one
/// per row; other values are made each time.
struct TextMemo {
    private var keys: [CodeTable.PackedKey] = []
    private var strings: [String] = []

    /// The column's text (nil for NULL).
    @inline(__always)
    mutating func text(_ s: OpaquePointer, _ i: Int32) -> String? {
        guard let b = SQLiteRows.bytes(s, i) else { return nil }
        guard b.count <= 16 else { return String(decoding: b, as: UTF8.self) }
        let key = CodeTable.pack(b, fold: false)
        for k in keys.indices where keys[k] == key { return strings[k] }
        let made = String(decoding: b, as: UTF8.self)
        if keys.count < 16 {
            keys.append(key)
            strings.append(made)
        }
        return made
    }
}
