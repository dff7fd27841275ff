/// The dates a file's date columns have already read, by their text.
///
/// A file holds few distinct dates (two years of invoices: about 730) but
/// two or more per row, so the bytes of a field (up to 16, packed into two
/// words as `CodeTable.pack` does) are looked up in a small direct-mapped
/// table before the date parser runs: a hit costs two multiplications and
/// three comparisons instead of checking ten digits and converting a
/// calendar date. Only successes are kept, and a field's text always reads
/// as the same date under one profile, so the result is the parser's own.
struct DateMemo {
    struct Entry {
        var low: UInt64
        var high: UInt64
        var length: Int32
        var dayNumber: Int32
    }

    /// 2^12 entries of 24 bytes (96 KiB, in the second-level cache): few conflicts for
    /// the two or three thousand distinct dates of a large file.
    static let bits = 12
    let entries: UnsafeMutablePointer<Entry>

    init() {
        entries = .allocate(capacity: 1 << Self.bits)
        entries.initialize(repeating: Entry(low: 0, high: 0, length: -1, dayNumber: 0), count: 1 << Self.bits)
    }

    func deallocate() { entries.deallocate() }

    @inline(__always)
    private func slot(_ key: CodeTable.PackedKey) -> UnsafeMutablePointer<Entry> {
        entries + CodeTable.slot(low: key.low, high: key.high, bits: Self.bits)
    }

    /// The day number stored for `key`, or nil.
    @inline(__always)
    func dayNumber(_ key: CodeTable.PackedKey) -> Int? {
        let e = slot(key)
        guard e.pointee.low == key.low, e.pointee.high == key.high, Int(e.pointee.length) == key.length else { return nil }
        return Int(e.pointee.dayNumber)
    }

    /// Keeps `dayNumber` for `key` (replacing whatever shared its slot).
    @inline(__always)
    func store(_ key: CodeTable.PackedKey, _ dayNumber: Int) {
        guard let day = Int32(exactly: dayNumber) else { return }
        slot(key).pointee = Entry(low: key.low, high: key.high, length: Int32(key.length), dayNumber: day)
    }
}
