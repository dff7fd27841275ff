import Foundation

/// The keys seen so far in a file, each with the line of its first
/// occurrence: the memory of the duplicate-key rule.
///
/// ERP exports almost always list records in key order. While keys arrive in
/// strictly increasing byte order, a new key can only repeat the one just
/// before it, so one comparison with the previous key decides; the keys go
/// to a front-coded log (shared-prefix length, suffix, line step: about 4
/// bytes for `I0000000002` after `I0000000001`) instead of a hash table — no
/// random memory access per row, no 16 MB table to clear for a million keys.
/// The first key out of order moves the log into a `KeyTable`, which then
/// takes every key: the answers are the same either way, only the cost
/// differs.
final class SeenKeys {
    private struct Storage {
        var log: UnsafeMutablePointer<UInt8>
        var logCount = 0
        var logCapacity: Int
        /// The last key logged, and its line.
        var last: UnsafeMutablePointer<UInt8>
        var lastCount = 0
        var lastCapacity: Int
        var lastLine: Int32 = 0
        /// The last key packed into two words when it came packed (≤ 16 bytes), and whether
        /// `last` holds its bytes too (they are written out only when a long key needs them).
        var lastPacked = CodeTable.PackedKey(low: 0, high: 0, length: -1)
        var lastPackedValid = false
        var lastBytesValid = true
        var logged = 0
        /// Whether some key came out of order: then `table` holds every key.
        var hashing = false
    }

    private let s: UnsafeMutablePointer<Storage>
    private let expectedCount: Int
    /// Empty (and small) until the first key out of order; from then on it holds every key.
    let table = KeyTable(expectedCount: 16)

    init(expectedCount: Int) {
        self.expectedCount = expectedCount
        s = .allocate(capacity: 1)
        s.initialize(to: Storage(log: SeenKeys.reallocate(nil, 4096), logCapacity: 4096, last: .allocate(capacity: 64), lastCapacity: 64))
    }

    deinit {
        free(s.pointee.log)
        s.pointee.last.deallocate()
        s.deallocate()
    }

    /// Whether keys are hashed (some key came out of order): then `touch` helps and `hash` is used.
    var isHashing: Bool { s.pointee.hashing }

    /// Records `key` with `line` unless it was seen; returns the line of its first occurrence, if any.
    /// `packed` is the key as `CodeTable.pack` would give it (at most 16 bytes), when the caller
    /// has it: then it is compared with the last key word by word. `hash` is `KeyTable.hash(key)`
    /// when the caller has it (only used once hashing).
    @inline(__always)
    func insertIfAbsent(_ key: UnsafeBufferPointer<UInt8>, packed: CodeTable.PackedKey? = nil, hash: UInt64?,
                        line: Int32) -> Int32? {
        if s.pointee.hashing { return table.insertIfAbsent(key, hash: hash ?? KeyTable.hash(key), value: line) }
        let shared: Int, lastByte: UInt8
        if let packed, s.pointee.lastPackedValid {
            let last = s.pointee.lastPacked
            let x0 = packed.low ^ last.low, x1 = packed.high ^ last.high
            let differ = x0 != 0 ? x0.trailingZeroBitCount >> 3 : x1 != 0 ? 8 &+ x1.trailingZeroBitCount >> 3 : 16
            shared = min(differ, min(key.count, last.length))
            let word = shared < 8 ? last.low : last.high
            lastByte = UInt8(truncatingIfNeeded: word >> UInt64((shared & 7) &* 8))
        } else {
            materializeLast()
            let last = UnsafeBufferPointer(start: s.pointee.last, count: s.pointee.lastCount)
            shared = SeenKeys.commonPrefix(key, last)
            lastByte = shared < last.count ? last[shared] : 0
        }
        if s.pointee.logged > 0 {
            let keyLonger = shared < key.count, lastLonger = shared < s.pointee.lastCount
            if !keyLonger && !lastLonger { return s.pointee.lastLine }
            if !keyLonger || (lastLonger && key[shared] < lastByte) {
                return startHashing().insertIfAbsent(key, hash: hash ?? KeyTable.hash(key), value: line)
            }
        }
        append(key, shared: s.pointee.logged > 0 ? shared : 0, packed: packed, line: line)
        return nil
    }

    /// Writes the last key's bytes into `last` if only its packed words were kept.
    @inline(__always)
    private func materializeLast() {
        guard !s.pointee.lastBytesValid else { return }
        let raw = UnsafeMutableRawPointer(s.pointee.last)   // capacity ≥ 64
        raw.storeBytes(of: s.pointee.lastPacked.low, as: UInt64.self)
        raw.storeBytes(of: s.pointee.lastPacked.high, toByteOffset: 8, as: UInt64.self)
        s.pointee.lastBytesValid = true
    }

    /// Records a key given as text (several columns joined).
    func insertIfAbsent(_ key: String, line: Int32) -> Int32? {
        var k = key
        return k.withUTF8 { insertIfAbsent($0, hash: nil, line: line) }
    }

    /// Bytes `a` and `b` have in common at their start, eight at a time.
    @inline(__always)
    static func commonPrefix(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        guard n > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return 0 }
        let ra = UnsafeRawPointer(pa), rb = UnsafeRawPointer(pb)
        var i = 0
        while i &+ 8 <= n {
            let x = ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ rb.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if x != 0 { return i &+ x.trailingZeroBitCount >> 3 }
            i &+= 8
        }
        let x = CodeTable.partialWord(ra + i, n &- i) ^ CodeTable.partialWord(rb + i, n &- i)
        return x == 0 ? n : i &+ x.trailingZeroBitCount >> 3
    }

    /// Logs `key` (sharing `shared` bytes with the last key) and makes it the last key: as
    /// packed words when given, else as bytes in `last`.
    /// Entries: shared length, suffix length, suffix, line step; the lengths and the
    /// step are varints, one byte each in the usual case, written directly.
    @inline(__always)
    private func append(_ key: UnsafeBufferPointer<UInt8>, shared: Int, packed: CodeTable.PackedKey?, line: Int32) {
        let suffix = key.count &- shared
        let step = UInt32(bitPattern: line &- s.pointee.lastLine)
        if s.pointee.logCount &+ suffix &+ 30 > s.pointee.logCapacity { growLog(suffix + 30) }
        var p = s.pointee.log + s.pointee.logCount
        let from = key.baseAddress.map { $0 + shared }
        if shared < 0x80 && suffix < 0x80 && step < 0x80 {
            p[0] = UInt8(truncatingIfNeeded: shared)
            p[1] = UInt8(truncatingIfNeeded: suffix)
            if let from { SeenKeys.copy(p + 2, from, suffix) }
            p[2 &+ suffix] = UInt8(truncatingIfNeeded: step)
            p += 3 &+ suffix
        } else {
            p = SeenKeys.putVarint(UInt64(shared), p)
            p = SeenKeys.putVarint(UInt64(suffix), p)
            if let from { SeenKeys.copy(p, from, suffix) }
            p += suffix
            p = SeenKeys.putVarint(UInt64(step), p)
        }
        s.pointee.logCount = p - s.pointee.log
        if let packed {
            s.pointee.lastPacked = packed
            s.pointee.lastPackedValid = true
            s.pointee.lastBytesValid = false
        } else {
            if key.count > s.pointee.lastCapacity { growLast(key.count, keeping: shared) }
            if let from { SeenKeys.copy(s.pointee.last + shared, from, suffix) }
            s.pointee.lastPackedValid = false
            s.pointee.lastBytesValid = true
        }
        s.pointee.lastCount = key.count
        s.pointee.lastLine = line
        s.pointee.logged &+= 1
    }

    @inline(never)
    private func growLast(_ count: Int, keeping shared: Int) {
        let n = max(count, 2 * s.pointee.lastCapacity)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: n)
        bigger.update(from: s.pointee.last, count: shared)
        s.pointee.last.deallocate()
        s.pointee.last = bigger
        s.pointee.lastCapacity = n
    }

    /// Copies `n` bytes; the usual suffix of one or two bytes without a call to `memmove`.
    @inline(__always)
    private static func copy(_ to: UnsafeMutablePointer<UInt8>, _ from: UnsafePointer<UInt8>, _ n: Int) {
        if n > 16 { to.update(from: from, count: n); return }
        for i in 0..<n { to[i] = from[i] }
    }

    @inline(__always)
    private static func putVarint(_ value: UInt64, _ p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var v = value, q = p
        while v >= 0x80 {
            q.pointee = UInt8(truncatingIfNeeded: v) | 0x80
            q += 1
            v >>= 7
        }
        q.pointee = UInt8(v)
        return q + 1
    }

    private static func getVarint(_ p: inout UnsafeMutablePointer<UInt8>) -> UInt64 {
        var v: UInt64 = 0, shift: UInt64 = 0
        while true {
            let b = p.pointee
            p += 1
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
    }

    /// Doubles the log with `realloc`: once the log is large, glibc moves its pages
    /// (`mremap`) instead of copying them and touching a new block (a million
    /// invoice keys log about 4.5 MB).
    @inline(never)
    private func growLog(_ needed: Int) {
        let n = max(2 * s.pointee.logCapacity, s.pointee.logCount + needed)
        s.pointee.log = SeenKeys.reallocate(s.pointee.log, n)
        s.pointee.logCapacity = n
    }

    /// `realloc`, stopping on failure as `allocate` does.
    private static func reallocate(_ p: UnsafeMutablePointer<UInt8>?, _ bytes: Int) -> UnsafeMutablePointer<UInt8> {
        guard let raw = realloc(p, bytes) else { fatalError("SeenKeys: cannot allocate \(bytes) bytes") }
        return raw.assumingMemoryBound(to: UInt8.self)
    }

    /// Moves every logged key into a new `KeyTable` and frees the log.
    @inline(never)
    private func startHashing() -> KeyTable {
        table.reserve(max(expectedCount, s.pointee.logged * 2))
        var key = [UInt8]()
        var line: Int32 = 0
        var p = s.pointee.log
        let end = s.pointee.log + s.pointee.logCount
        while p < end {
            let shared = Int(SeenKeys.getVarint(&p)), suffix = Int(SeenKeys.getVarint(&p))
            key.removeLast(key.count - shared)
            key.append(contentsOf: UnsafeBufferPointer(start: p, count: suffix))
            p += suffix
            line &+= Int32(bitPattern: UInt32(truncatingIfNeeded: SeenKeys.getVarint(&p)))
            _ = key.withUnsafeBufferPointer { table.insertIfAbsent($0, hash: KeyTable.hash($0), value: line) }
        }
        s.pointee.log = SeenKeys.reallocate(s.pointee.log, 1)
        s.pointee.logCount = 0
        s.pointee.logCapacity = 1
        s.pointee.hashing = true
        return table
    }
}
