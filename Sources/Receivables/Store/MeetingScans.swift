import Synchronization

/// Two scans of one table in primary-key order, one from each end, that stop
/// where they meet: the two readers of `loadPortfolio` share the invoices and
/// then the payments this way, so they finish together whichever table each
/// started on and however fast each went (a split at a fixed key would need
/// the median key, which SQLite can only find by reading half the table).
///
/// Each scan claims its rows a batch at a time under a lock: the low end may
/// keep keys below the lowest key the high end has claimed, the high end keys
/// above the highest the low end has claimed. So the claimed ranges never
/// overlap, and when one end finds the other's claim it keeps the keys up to
/// it and stops: every row is kept by exactly one end. Keys compare as bytes,
/// the order of SQLite's BINARY collation (the store's keys are TEXT).
final class MeetingScans: Sendable {
    enum End: Sendable { case low, high }

    /// Rows per claim: a lock per 4,096 rows costs nothing; a scan reads at
    /// most one batch past the meeting point.
    static let batch = 4096

    private let claimed = Mutex<(low: [UInt8]?, high: [UInt8]?)>((nil, nil))

    /// How many of a batch's `count` keys (`key(0)`, … in the scan's order)
    /// `end` keeps, claiming them; fewer than `count` means the scans met and
    /// this one stops.
    func claim(_ end: End, count: Int, key: (Int) -> UnsafeBufferPointer<UInt8>) -> Int {
        guard count > 0 else { return 0 }
        return claimed.withLock { c in
            let other = end == .low ? c.high : c.low
            // The first key the other end holds (at or past its claim): the batch is kept up to it.
            var keep = count
            if let other {
                func reached(_ k: Int) -> Bool { end == .low ? !Self.less(key(k), other) : !Self.less(other, key(k)) }
                if reached(count - 1) { keep = (0..<count).first(where: reached) ?? count }
            }
            if keep > 0 {
                let last = Array(key(keep - 1))
                if end == .low { c.low = last } else { c.high = last }
            }
            return keep
        }
    }

    /// Byte order: memcmp over the common length, then the shorter first.
    static func less(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Bool {
        b.withUnsafeBufferPointer { less(a, $0) }
    }

    static func less(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.withUnsafeBufferPointer { less($0, b) }
    }

    static func less(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for k in 0..<min(a.count, b.count) where a[k] != b[k] { return a[k] < b[k] }
        return a.count < b.count
    }

    /// Runs `sql` (its first column the table's primary key, its rows in key
    /// order from `end`: `ORDER BY key ASC` for the low end, `DESC` for the
    /// high) and reads each row into `rows`; rows past the meeting point are
    /// given back (`MeetingRows.keep`). Returns when the scans met or the table
    /// ended. Generic rather than closures: the row readers are specialised
    /// into the loop (closures over the rows cost an access check per row).
    func scan<Rows: MeetingRows>(_ db: OpaquePointer?, _ sql: String, from end: End, batch: Int = MeetingScans.batch,
                                 into rows: inout Rows) throws {
        var keys = KeyBytes(reservingKeys: batch)
        var kept = [Bool](), total = 0
        kept.reserveCapacity(batch)
        /// Claims the batch; false when the scans met.
        func settle(_ rows: inout Rows) -> Bool {
            let n = keys.withKeys { claim(end, count: keys.count, key: $0) }
            defer { keys.keep(0); kept.removeAll(keepingCapacity: true) }
            guard n < keys.count else { return true }
            total -= kept[n...].lazy.filter { $0 }.count
            rows.keep(total)
            return false
        }
        var met = false
        try SQLiteRows.eachWhile(db, sql) { s in
            keys.append(SQLiteRows.bytes(s, 0) ?? UnsafeBufferPointer(start: nil, count: 0))
            let k = rows.read(s)
            kept.append(k)
            if k { total += 1 }
            if keys.count == batch { met = !settle(&rows) }
            return !met
        }
        if !met { _ = settle(&rows) }
    }
}

/// What one end of a `MeetingScans` scan reads rows into.
protocol MeetingRows {
    /// Reads the current row; whether it was kept (a row whose references or dates do not read is left out).
    mutating func read(_ s: OpaquePointer) -> Bool
    /// Keeps the first `n` rows kept so far.
    mutating func keep(_ n: Int)
}
