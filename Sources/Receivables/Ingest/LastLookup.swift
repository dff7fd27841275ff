/// The last key looked up in a `KeyTable` and what it found: a one-entry cache
/// for references.
///
/// Exports list rows by customer or by invoice, so a reference usually
/// repeats the row before's (a million invoices of 15,000 customers: 98 % of
/// rows). Comparing the key's bytes, packed into two words as
/// `CodeTable.pack` does (keys of up to 16 bytes), with the last one replaces
/// hashing and probing the table. The table never changes while it is read,
/// so the cached answer is the table's own.
final class LastLookup {
    private struct Entry {
        var key = CodeTable.PackedKey(low: 0, high: 0, length: -1)
        var value: Int32? = nil
        var misses = 0
    }

    private let entry: UnsafeMutablePointer<Entry>

    init() {
        entry = .allocate(capacity: 1)
        entry.initialize(to: Entry())
    }

    deinit { entry.deallocate() }

    /// The value of `bytes` in `table`, through the cache; `hash` is `KeyTable.hash(bytes)` if known, else 0.
    @inline(__always)
    func value(for bytes: UnsafeBufferPointer<UInt8>, in table: KeyTable, hash: UInt64) -> Int32? {
        guard bytes.count <= 16 else { return table.value(for: bytes, hash: hash != 0 ? hash : KeyTable.hash(bytes)) }
        return value(for: bytes, packed: CodeTable.pack(bytes, fold: false), in: table, hash: hash)
    }

    /// The same, with the key already packed (`CodeTable.pack` or `packPadded`; at most 16 bytes).
    @inline(__always)
    func value(for bytes: UnsafeBufferPointer<UInt8>, packed key: CodeTable.PackedKey, in table: KeyTable,
               hash: UInt64) -> Int32? {
        if isLast(packed: key) { return entry.pointee.value }
        let value = table.value(for: bytes, hash: hash != 0 ? hash : KeyTable.hash(bytes))
        entry.pointee = Entry(key: key, value: value, misses: entry.pointee.misses &+ 1)
        return value
    }

    /// Lookups so far that went to the table (the key was not the last one, or a
    /// caller looked a long key up itself and said so with `countMiss`).
    var misses: Int { entry.pointee.misses }

    @inline(__always)
    func countMiss() { entry.pointee.misses &+= 1 }

    /// Whether `bytes` is the key looked up last (so its table slots are already cached).
    @inline(__always)
    func isLast(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count <= 16 && isLast(packed: CodeTable.pack(bytes, fold: false))
    }

    @inline(__always)
    func isLast(packed key: CodeTable.PackedKey) -> Bool {
        let last = entry.pointee.key
        return key.low == last.low && key.high == last.high && key.length == last.length
    }
}
