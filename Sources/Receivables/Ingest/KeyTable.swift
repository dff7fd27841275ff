import Foundation

/// A hash table from short byte strings (record keys) to an `Int32`, for the
/// ingest hot path: duplicate keys within a file and references to stored
/// records, a million lookups a second and more.
///
/// Swift's `Dictionary<String, Int>` spent over a third of a dry run in
/// SipHash seeding and resizing. Here the UTF-8 bytes are hashed once, eight
/// bytes at a time (`KeyTable.hash`). Each key is appended to an arena as one
/// record (value, length, bytes); the table holds one 8-byte word per slot
/// (24 bits of hash as a tag, 40 bits of arena offset) at ≤ 5/8 load, probed
/// linearly. A lookup of an absent key is one random memory access (the tag
/// almost never matches by chance), a present key one more for its record.
/// All state sits behind one pointer, so no access pays Swift's dynamic
/// exclusivity check; the memory is about 35 bytes per key of 11 bytes, and
/// it is backed by transparent huge pages where the system allows
/// (`madvise`): on a VM a TLB miss costs more than the cache miss itself.
/// `touch(hashes:count:)` loads a batch of slots together, ahead of their
/// lookups, so that their cache misses overlap instead of queueing.
///
/// Lookups (`value(for:)`) do not mutate, so one filled table may be read from
/// several threads; inserts and `touch` need exclusive access.
final class KeyTable {
    private struct Storage {
        var slots: UnsafeMutablePointer<UInt64>
        var capacity: Int
        var count = 0
        /// Records: value (Int32), length (UInt32), the key's bytes; unaligned.
        var arena: UnsafeMutableRawPointer
        var arenaCount = 0
        var arenaCapacity: Int
        /// Where `touch` leaves its loads, so that they are not optimised away.
        var sink: UInt64 = 0
    }

    private static let offsetBits: UInt64 = 40
    private static let offsetMask: UInt64 = (1 << 40) - 1
    private let s: UnsafeMutablePointer<Storage>

    var count: Int { s.pointee.count }

    init(expectedCount: Int = 1024) {
        let expected = max(expectedCount, 16)
        var capacity = 1024
        while capacity * 5 < expected * 8 { capacity <<= 1 }
        s = .allocate(capacity: 1)
        s.initialize(to: Storage(slots: KeyTable.allocate(capacity * 8, zeroed: true).bindMemory(to: UInt64.self, capacity: capacity),
                                 capacity: capacity, arena: KeyTable.allocate(expected * 20, zeroed: false),
                                 arenaCapacity: expected * 20))
    }

    deinit {
        free(s.pointee.slots)
        free(s.pointee.arena)
        s.deallocate()
    }

    /// `bytes` bytes, 64-byte aligned, on huge pages from 2 MiB up.
    private static func allocate(_ bytes: Int, zeroed: Bool) -> UnsafeMutableRawPointer {
        var raw: UnsafeMutableRawPointer?
        let huge = bytes >= 1 << 21
        guard posix_memalign(&raw, huge ? 1 << 21 : 64, max(bytes, 64)) == 0, let raw else {
            fatalError("KeyTable: cannot allocate \(bytes) bytes")
        }
        if huge { _ = madvise(raw, bytes, MADV_HUGEPAGE) }
        if zeroed { memset(raw, 0, bytes) }
        return raw
    }

    /// 64-bit hash of `n` bytes at `p`: each 8-byte word (the last one zero-padded,
    /// the length mixed in first) is folded in with a multiply-xorshift round, and
    /// the result is finalised with murmur3's fmix64, so sequential keys
    /// (`I0000000001`, `I0000000002`) land on unrelated slots.
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>?, _ n: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        if let p {
            let raw = UnsafeRawPointer(p)
            var i = 0
            while i &+ 8 <= n {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xC2B2_AE3D_27D4_EB4F
                h ^= h >> 29
                i &+= 8
            }
            if i < n {
                h = (h ^ CodeTable.partialWord(raw + i, n &- i)) &* 0xC2B2_AE3D_27D4_EB4F
                h ^= h >> 29
            }
        }
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }

    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 { hash(key.baseAddress, key.count) }

    /// The value stored for `key`, or nil.
    func value(for key: String) -> Int32? {
        var k = key
        return k.withUTF8 { value(for: $0, hash: Self.hash($0)) }
    }

    /// The value stored for the key `bytes`, or nil.
    func value(for bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        value(for: bytes, hash: Self.hash(bytes))
    }

    /// The value stored for the key `bytes` (whose `hash` is `KeyTable.hash(bytes)`), or nil.
    @inline(__always)
    func value(for bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int32? {
        let record = find(bytes, h).record
        return record < 0 ? nil : s.pointee.arena.loadUnaligned(fromByteOffset: record, as: Int32.self)
    }

    /// Inserts `key → value` unless the key is present; returns the value already stored, if any.
    func insertIfAbsent(_ key: String, value: Int32) -> Int32? {
        var k = key
        return k.withUTF8 { insertIfAbsent($0, hash: Self.hash($0), value: value) }
    }

    /// Inserts `bytes → value` (`hash` is `KeyTable.hash(bytes)`) unless present; returns the value already stored, if any.
    @inline(__always)
    func insertIfAbsent(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64, value: Int32) -> Int32? {
        let (slot, record) = find(bytes, h)
        if record >= 0 { return s.pointee.arena.loadUnaligned(fromByteOffset: record, as: Int32.self) }
        let offset = append(bytes, value: value)
        s.pointee.slots[slot] = (h >> Self.offsetBits) << Self.offsetBits | UInt64(offset &+ 1)
        s.pointee.count &+= 1
        if s.pointee.count &* 8 > s.pointee.capacity &* 5 { grow() }
        return nil
    }

    /// Loads the slots of `count` hashes into the cache ahead of their lookups (a prefetch):
    /// one tight loop, so the loads are in flight together.
    @inline(__always)
    func touch(hashes: UnsafePointer<UInt64>, count: Int) {
        s.pointee.sink &+= prefetchSlots(hashes: hashes, count: count)
    }

    /// `touch` for readers: the same loads, their sum returned instead of kept, so
    /// that threads looking up in one table at once may prefetch (pass the sums to `keep`).
    @inline(__always)
    func prefetchSlots(hashes: UnsafePointer<UInt64>, count: Int) -> UInt64 {
        let slots = s.pointee.slots, mask = s.pointee.capacity &- 1
        var sum: UInt64 = 0
        for i in 0..<count { sum &+= slots[Int(truncatingIfNeeded: hashes[i]) & mask] }
        return sum
    }

    /// Consumes prefetched values so that their loads are not optimised away.
    @inline(never) @_optimize(none)
    static func keep(_ sum: UInt64) {}

    /// For hashes whose slot (touched before) carries their tag, loads the key's record too:
    /// the second memory access of a lookup that will find its key (references).
    @inline(__always)
    func touchRecords(hashes: UnsafePointer<UInt64>, count: Int) {
        let slots = s.pointee.slots, arena = s.pointee.arena, mask = s.pointee.capacity &- 1
        var sum: UInt64 = 0
        for i in 0..<count {
            let h = hashes[i], word = slots[Int(truncatingIfNeeded: h) & mask]
            if word >> Self.offsetBits == h >> Self.offsetBits && word != 0 {
                sum &+= UInt64(arena.loadUnaligned(fromByteOffset: Int(word & Self.offsetMask) &- 1, as: UInt32.self))
            }
        }
        s.pointee.sink &+= sum
    }

    /// The slot where `bytes` is or would go, and the arena offset of its record (-1 when absent).
    @inline(__always)
    private func find(_ bytes: UnsafeBufferPointer<UInt8>, _ h: UInt64) -> (slot: Int, record: Int) {
        let slots = s.pointee.slots, arena = s.pointee.arena
        let mask = s.pointee.capacity &- 1
        let tag = h >> Self.offsetBits
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let word = slots[i]
            if word == 0 { return (i, -1) }
            if word >> Self.offsetBits == tag {
                let record = Int(word & Self.offsetMask) &- 1
                if Int(arena.loadUnaligned(fromByteOffset: record &+ 4, as: UInt32.self)) == bytes.count
                    && Self.equal(arena + (record &+ 8), bytes) {
                    return (i, record)
                }
            }
            i = (i &+ 1) & mask
        }
    }

    /// Whether the `bytes.count` bytes at `stored` are `bytes`: keys of up to 16 bytes
    /// compared as two words each (no call to `memcmp`), longer ones by `memcmp`.
    @inline(__always)
    private static func equal(_ stored: UnsafeMutableRawPointer, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count, given = UnsafeRawPointer(base)
        if n > 16 { return memcmp(stored, base, n) == 0 }
        let low = min(n, 8)
        return CodeTable.partialWord(stored, low) == CodeTable.partialWord(given, low)
            && CodeTable.partialWord(stored + low, n &- low) == CodeTable.partialWord(given + low, n &- low)
    }

    /// Appends a record; returns its offset.
    @inline(__always)
    private func append(_ bytes: UnsafeBufferPointer<UInt8>, value: Int32) -> Int {
        let offset = s.pointee.arenaCount
        if offset &+ 8 &+ bytes.count > s.pointee.arenaCapacity { growArena(8 + bytes.count) }
        let at = s.pointee.arena + offset
        at.storeBytes(of: value, as: Int32.self)
        (at + 4).storeBytes(of: UInt32(truncatingIfNeeded: bytes.count), as: UInt32.self)
        if let base = bytes.baseAddress { (at + 8).copyMemory(from: base, byteCount: bytes.count) }
        s.pointee.arenaCount = offset &+ 8 &+ bytes.count
        return offset
    }

    @inline(never)
    private func growArena(_ needed: Int) {
        let n = max(s.pointee.arenaCapacity * 2, s.pointee.arenaCount + needed)
        precondition(UInt64(n) < Self.offsetMask, "KeyTable: more than 1 TiB of keys")
        let bigger = KeyTable.allocate(n, zeroed: false)
        bigger.copyMemory(from: s.pointee.arena, byteCount: s.pointee.arenaCount)
        free(s.pointee.arena)
        s.pointee.arena = bigger
        s.pointee.arenaCapacity = n
    }

    /// Makes room for `count` keys in all without growing again (a table sized before its keys are known).
    func reserve(_ count: Int) {
        var capacity = s.pointee.capacity
        while capacity * 5 < count * 8 { capacity <<= 1 }
        if capacity > s.pointee.capacity { grow(to: capacity) }
        if count * 20 > s.pointee.arenaCapacity { growArena(count * 20 - s.pointee.arenaCount) }
    }

    @inline(never)
    private func grow() { grow(to: s.pointee.capacity * 2) }

    private func grow(to capacity: Int) {
        let old = s.pointee.slots, oldCapacity = s.pointee.capacity, arena = s.pointee.arena
        let slots = KeyTable.allocate(capacity * 8, zeroed: true).bindMemory(to: UInt64.self, capacity: capacity)
        let mask = capacity - 1
        for k in 0..<oldCapacity where old[k] != 0 {
            let record = Int(old[k] & Self.offsetMask) - 1
            let length = Int(arena.loadUnaligned(fromByteOffset: record + 4, as: UInt32.self))
            let h = Self.hash((arena + record + 8).assumingMemoryBound(to: UInt8.self), length)
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = old[k]
        }
        free(old)
        s.pointee.slots = slots
        s.pointee.capacity = capacity
    }
}
