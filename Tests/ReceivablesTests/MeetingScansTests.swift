import Dispatch
import Foundation
import GRDB
import SolventNumerics
import Testing
@testable import Receivables

@Suite struct MeetingScansTests {
    /// Keys "k00000", … in byte order.
    static func keys(_ n: Int) -> [[UInt8]] { (0..<n).map { Array(String(format: "k%05d", $0).utf8) } }

    static func claim(_ scans: MeetingScans, _ end: MeetingScans.End, _ batch: ArraySlice<[UInt8]>) -> Int {
        var bytes = KeyBytes()
        for key in batch { key.withUnsafeBufferPointer { bytes.append($0) } }
        return bytes.withKeys { scans.claim(end, count: bytes.count, key: $0) }
    }

    /// Both ends claim batches of random sizes in a random interleaving: every key is kept by exactly one end.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func everyKeyIsKeptByExactlyOneEnd(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let n = Int(random.next() % 200)
        let keys = Self.keys(n)
        let scans = MeetingScans()
        var low = 0, high = n, lowKept = 0, highKept = 0
        var lowDone = false, highDone = false
        while !(lowDone && highDone) {
            let end: MeetingScans.End = lowDone ? .high : highDone ? .low : (random.next() % 2 == 0 ? .low : .high)
            let size = 1 + Int(random.next() % 9)
            if end == .low {
                let batch = keys[low..<min(n, low + size)]
                let kept = Self.claim(scans, .low, batch)
                lowKept += kept
                low += batch.count
                if kept < batch.count || low == n { lowDone = true }
            } else {
                let batch = ArraySlice(keys[max(0, high - size)..<high].reversed())
                let kept = Self.claim(scans, .high, batch)
                highKept += kept
                high -= batch.count
                if kept < batch.count || high == 0 { highDone = true }
            }
        }
        #expect(lowKept + highKept == n)
    }

    @Test func keysCompareAsBytesShorterFirst() {
        let less = { (a: String, b: String) in Array(a.utf8).withUnsafeBufferPointer { MeetingScans.less($0, Array(b.utf8)) } }
        #expect(less("a", "b"))
        #expect(less("ab", "abc"))
        #expect(!less("abc", "ab"))
        #expect(!less("b", "b"))
        #expect(less("Z", "a"))
        #expect(less("0000611365", "611365"))
    }

    /// Two connections scan one table side by side from both ends, a few rows per claim:
    /// the low end's rows and the high end's reversed are the table in key order.
    @Test(arguments: [1, 3, 64, 5000])
    func twoConnectionsMeetAndReadEachRowOnce(batch: Int) throws {
        let pool = try DatabasePool(path: temporaryStorePath())
        let n = 2_000
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE t (id TEXT PRIMARY KEY NOT NULL, v INTEGER NOT NULL) WITHOUT ROWID")
            for k in 0..<n where k % 7 != 3 {
                try db.execute(sql: "INSERT INTO t VALUES (?, ?)", arguments: [String(format: "id%06d", (k * 7_919) % 10_007), k])
            }
        }
        let expected = try pool.read { db in try Int.fetchAll(db, sql: "SELECT v FROM t ORDER BY id") }
        let scans = MeetingScans()
        nonisolated(unsafe) var low: [Int] = [], high: [Int] = []
        nonisolated(unsafe) var lowFailed = false, highFailed = false
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            var rows = Values()
            do {
                try pool.read { db in
                    try scans.scan(db.sqliteConnection, "SELECT id, v FROM t ORDER BY id " + (part == 0 ? "ASC" : "DESC"),
                                   from: part == 0 ? .low : .high, batch: batch, into: &rows)
                }
                if part == 0 { low = rows.values } else { high = rows.values }
            } catch { if part == 0 { lowFailed = true } else { highFailed = true } }
        }
        #expect(!lowFailed && !highFailed)
        #expect(low + high.reversed() == expected.filter { $0 % 5 != 0 })
    }

    /// Keeps every row whose value is not a multiple of 5 (so that left-out rows sit at the meeting too).
    struct Values: MeetingRows {
        var values: [Int] = []
        var seen = 0
        mutating func read(_ s: OpaquePointer) -> Bool {
            let v = Int(SQLiteRows.int64(s, 1))
            guard v % 5 != 0 else { return false }
            values.append(v)
            return true
        }
        mutating func keep(_ n: Int) { values.removeLast(values.count - n) }
    }

    @Test func radixOrderIsTheStableSortOfTheKeys() {
        var random = SplitMix64(seed: 42)
        for trial in 0..<20 {
            let n = Int(random.next() % 3_000)
            let owners = 1 + Int(random.next() % 50), days = 1 + Int(random.next() % 400)
            let keys: [UInt64] = (0..<n).map { _ in
                let day = CalendarDate(dayNumber: Int(random.next() % UInt64(days)) - 200 + (trial % 2 == 0 ? 0 : -40_000))
                return PortfolioReader.packed(Int32(random.next() % UInt64(owners)), day)
            }
            var scratch = keys
            let order = PortfolioReader.radixOrder(&scratch)
            let expected = keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }.map { Int32($0) }
            #expect(order == expected, "trial \(trial)")
        }
    }

    /// Keys spread over all 64 bits leave no room for the position: the comparison sort answers.
    @Test func radixOrderFallsBackWhenTheKeysNeedEveryBit() {
        let keys: [UInt64] = [UInt64.max, 0, 1 << 63, 5, 1 << 40, 5, UInt64.max - 1]
        var scratch = keys
        #expect(PortfolioReader.radixOrder(&scratch) == [1, 3, 5, 4, 2, 6, 0])
    }

    @Test func keyBytesKeepAndAppendReversed() {
        var a = KeyBytes(), b = KeyBytes()
        for key in ["a1", "", "a3"] { Array(key.utf8).withUnsafeBufferPointer { a.append($0) } }
        for key in ["b1", "b22"] { Array(key.utf8).withUnsafeBufferPointer { b.append($0) } }
        a.append(reversed: b)
        let all = a.withKeys { key in (0..<a.count).map { String(decoding: key($0), as: UTF8.self) } }
        #expect(all == ["a1", "", "a3", "b22", "b1"])
        a.keep(2)
        #expect(a.withKeys { key in (0..<a.count).map { String(decoding: key($0), as: UTF8.self) } } == ["a1", ""])
        a.keep(0)
        #expect(a.count == 0 && a.bytes.isEmpty)
    }
}
