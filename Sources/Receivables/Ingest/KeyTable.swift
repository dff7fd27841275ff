import Foundation

/// A hash table from short byte strings (record keys) to an `Int32`, for the
/// ingest hot path: duplicate keys within a file and references to stored
/// records, a million lookups a second and more.
///
/// Swift's `Dictionary<String, Int>` spent over a third of a dry run in
/// SipHash seeding and resizing. Here the UTF-8 bytes are hashed once (64-bit
/// FNV-1a finalised by murmur3's fmix64); the table holds one 8-byte word per
/// slot (32 bits of hash, 32 bits of entry number) at ≤ 50 % load, probed
/// linearly, and the entries (key offset, length, value) and key bytes are
/// appended sequentially. Each lookup is about one random memory access, so
/// the table is kept small and backed by transparent huge pages where the
/// system allows (`madvise`): on a VM a TLB miss costs more than the miss itself.
final class KeyTable {
    private var table: UnsafeMutablePointer<UInt64>
    private var capacity: Int
    private var entries: [(offset: UInt32, length: UInt32, value: Int32)] = []
    private var arena: [UInt8] = []

    var count: Int { entries.count }

    init(expectedCount: Int = 1024) {
        var capacity = 1024
        while capacity < expectedCount * 2 { capacity <<= 1 }
        self.capacity = capacity
        table = KeyTable.allocate(capacity)
        entries.reserveCapacity(expectedCount)
        arena.reserveCapacity(expectedCount * 12)
    }

    deinit { free(table) }

    private static func allocate(_ capacity: Int) -> UnsafeMutablePointer<UInt64> {
        let bytes = capacity * 8
        var raw: UnsafeMutableRawPointer?
        let alignment = bytes >= 1 << 21 ? 1 << 21 : 64
        guard posix_memalign(&raw, alignment, bytes) == 0, let raw else {
            fatalError("KeyTable: cannot allocate \(bytes) bytes")
        }
        if bytes >= 1 << 21 { _ = madvise(raw, bytes, MADV_HUGEPAGE) }
        memset(raw, 0, bytes)
        return raw.bindMemory(to: UInt64.self, capacity: capacity)
    }

    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return h
    }

    /// The value stored for `key`, or nil.
    func value(for key: String) -> Int32? {
        var k = key
        return k.withUTF8 { bytes in
            find(bytes, Self.hash(bytes)).1.map { entries[$0].value }
        }
    }

    /// Inserts `key → value` unless the key is present; returns the value already stored, if any.
    func insertIfAbsent(_ key: String, value: Int32) -> Int32? {
        var k = key
        return k.withUTF8 { bytes in
            let h = Self.hash(bytes)
            let (slot, entry) = find(bytes, h)
            if let entry { return entries[entry].value }
            entries.append((UInt32(arena.count), UInt32(bytes.count), value))
            arena.append(contentsOf: bytes)
            table[slot] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(entries.count)
            if entries.count * 2 > capacity { grow() }
            return nil
        }
    }

    /// The slot where `bytes` is or would go, and its entry number when present.
    @inline(__always)
    private func find(_ bytes: UnsafeBufferPointer<UInt8>, _ h: UInt64) -> (Int, Int?) {
        let mask = capacity - 1
        let tag = h & 0xFFFF_FFFF_0000_0000
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let word = table[i]
            if word == 0 { return (i, nil) }
            if word & 0xFFFF_FFFF_0000_0000 == tag {
                let e = Int(word & 0xFFFF_FFFF) - 1
                let entry = entries[e]
                if Int(entry.length) == bytes.count
                    && arena.withUnsafeBufferPointer({ memcmp($0.baseAddress! + Int(entry.offset), bytes.baseAddress!, bytes.count) == 0 }) {
                    return (i, e)
                }
            }
            i = (i + 1) & mask
        }
    }

    private func grow() {
        let old = table, oldCapacity = capacity
        capacity *= 2
        table = KeyTable.allocate(capacity)
        let mask = capacity - 1
        for s in 0..<oldCapacity where old[s] != 0 {
            let e = Int(old[s] & 0xFFFF_FFFF) - 1
            let entry = entries[e]
            let h = arena.withUnsafeBufferPointer {
                Self.hash(UnsafeBufferPointer(rebasing: $0[Int(entry.offset)..<Int(entry.offset + entry.length)]))
            }
            var i = Int(truncatingIfNeeded: h) & mask
            while table[i] != 0 { i = (i + 1) & mask }
            table[i] = old[s]
        }
        free(old)
    }
}
