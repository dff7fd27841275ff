/// Keys' UTF-8 bytes end to end, as a bulk reader collects them: no `String`
/// per row (a `String` made from bytes is validated, and ten million of them
/// are seconds).
struct KeyBytes {
    var bytes: [UInt8] = []
    /// `ends[k]`: where key `k` ends in `bytes` (it starts where key `k − 1` ends).
    var ends: [Int] = []

    var count: Int { ends.count }

    init(reservingKeys keys: Int = 0, bytesEach: Int = 12) {
        ends.reserveCapacity(keys)
        bytes.reserveCapacity(keys * bytesEach)
    }

    @inline(__always)
    mutating func append(_ key: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: key)
        ends.append(bytes.count)
    }

    /// Keeps the first `n` keys.
    mutating func keep(_ n: Int) {
        ends.removeLast(ends.count - n)
        bytes.removeLast(bytes.count - (ends.last ?? 0))
    }

    /// Appends `other`'s keys in reverse order.
    mutating func append(reversed other: KeyBytes) {
        ends.reserveCapacity(count + other.count)
        bytes.reserveCapacity(bytes.count + other.bytes.count)
        other.withKeys { key in
            for k in stride(from: other.count - 1, through: 0, by: -1) { append(key(k)) }
        }
    }

    /// Calls `body` with a function from a key's position to its bytes (valid inside `body` only).
    func withKeys<T>(_ body: ((Int) -> UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try bytes.withUnsafeBufferPointer { b in
            try ends.withUnsafeBufferPointer { e in
                // No bytes (no keys, or only empty ones): every key is the empty buffer.
                guard let base = b.baseAddress else { return try body { _ in UnsafeBufferPointer(start: nil, count: 0) } }
                return try body { k in
                    let start = k == 0 ? 0 : e[k &- 1]
                    return UnsafeBufferPointer(start: base + start, count: e[k] &- start)
                }
            }
        }
    }
}

/// Bulk inserts and lookups, `KeyTable.batch` keys at a time: the keys of a
/// batch are hashed first and their slots loaded together (`touch`), so that
/// the table's cache misses overlap instead of queueing one per key. Building
/// the index of ten million invoices and joining nine million payments to it
/// went from one miss after another to about one batch of misses per 32 keys.
extension KeyTable {
    static let batch = 32

    /// Inserts key `k` → `value(k)` for `k` in `0..<count`, the first of equal
    /// keys winning; returns how many keys were already present.
    @discardableResult
    func insertAll(count: Int, key: (Int) -> UnsafeBufferPointer<UInt8>, value: (Int) -> Int32) -> Int {
        reserve(self.count + count)
        var duplicates = 0
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Self.batch) { hashes in
            guard let h = hashes.baseAddress else { return }
            var start = 0
            while start < count {
                let n = min(Self.batch, count - start)
                for j in 0..<n { h[j] = Self.hash(key(start + j)) }
                touch(hashes: h, count: n)
                for j in 0..<n where insertIfAbsent(key(start + j), hash: h[j], value: value(start + j)) != nil {
                    duplicates += 1
                }
                start += n
            }
        }
        return duplicates
    }

    /// `out[k − range.lowerBound]` = the value of key `k` (−1 when absent), for `k` in `range`.
    /// Lookups do not mutate: several threads may look up disjoint ranges at once.
    func values(_ range: Range<Int>, key: (Int) -> UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<Int32>) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Self.batch) { hashes in
            guard let h = hashes.baseAddress else { return }
            var start = range.lowerBound, sink: UInt64 = 0
            while start < range.upperBound {
                let n = min(Self.batch, range.upperBound - start)
                for j in 0..<n { h[j] = Self.hash(key(start + j)) }
                sink &+= prefetchSlots(hashes: h, count: n)
                for j in 0..<n {
                    out[start + j - range.lowerBound] = value(for: key(start + j), hash: h[j]) ?? -1
                }
                start += n
            }
            Self.keep(sink)
        }
    }
}
