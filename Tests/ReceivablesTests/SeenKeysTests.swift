import Testing
import SolventNumerics
@testable import Receivables

@Suite struct SeenKeysTests {
    /// Inserts `key`, as packed words when `packed` and it is short enough (as the ingest does).
    func insert(_ seen: SeenKeys, _ key: String, _ line: Int32, packed: Bool = false) -> Int32? {
        var k = key
        return k.withUTF8 {
            seen.insertIfAbsent($0, packed: packed && $0.count <= 16 ? CodeTable.pack($0, fold: false) : nil, hash: nil, line: line)
        }
    }

    @Test func ascendingKeysNeedNoTableAndRepeatsNameTheFirstLine() {
        let seen = SeenKeys(expectedCount: 8)
        #expect(insert(seen, "I0000000001", 2) == nil)
        #expect(insert(seen, "I0000000002", 3) == nil)
        #expect(insert(seen, "I0000000002", 4) == 3)
        #expect(insert(seen, "I00000000020", 5) == nil)   // a longer key after its prefix is greater
        #expect(!seen.isHashing)
        #expect(insert(seen, "I0000000001", 6) == 2)      // out of order: the log moves into the table
        #expect(seen.isHashing)
        #expect(insert(seen, "I0000000002", 7) == 3)
        #expect(insert(seen, "I00000000020", 8) == 5)
        #expect(insert(seen, "A", 9) == nil)
        #expect(seen.table.count == 4)
    }

    @Test(arguments: [false, true])
    func aPrefixOfTheLastKeyIsOutOfOrder(packed: Bool) {
        let seen = SeenKeys(expectedCount: 8)
        #expect(insert(seen, "K10", 2, packed: packed) == nil)
        #expect(insert(seen, "K1\0", 3, packed: packed) == nil)   // shorter, but not a prefix: K1\0 < K10
        #expect(seen.isHashing)
        #expect(insert(seen, "K10", 4, packed: packed) == 2)
        let other = SeenKeys(expectedCount: 8)
        #expect(insert(other, "K10", 2, packed: packed) == nil)
        #expect(insert(other, "K1", 3, packed: packed) == nil)
        #expect(other.isHashing)
    }

    /// Seeded: rising keys with repeats, unbroken or broken now and then (with long keys
    /// mixed in); every answer equals a dictionary's.
    @Test(arguments: [0, 1, 2])
    func agreesWithADictionary(breakEvery: Int) {
        for packed in [false, true] { agreesWithADictionary(breakEvery: breakEvery, packed: packed) }
    }

    func agreesWithADictionary(breakEvery: Int, packed: Bool) {
        var rng = Xoshiro256StarStar(seed: UInt64(breakEvery) + 40)
        let seen = SeenKeys(expectedCount: 16)
        var reference: [String: Int32] = [:]
        var counter = 0
        for i in 0..<30_000 {
            counter += Int(rng.next() % 3)
            if breakEvery > 0 && i % (10_000 / breakEvery) == 9_999 / breakEvery { counter -= 700 }
            let key = (breakEvery > 0 && rng.next() % 50 == 0 ? String(repeating: "long-", count: 30) : "")
                + String(repeating: "0", count: 6 - String(counter).count) + String(counter)
            let line = Int32(i * 3 + 2)
            // Packed and byte keys mixed, as when long keys come between short ones.
            #expect(insert(seen, key, line, packed: packed && rng.next() % 4 != 0) == reference[key], "\(i) \(key)")
            if reference[key] == nil { reference[key] = line }
        }
        #expect(seen.isHashing == (breakEvery > 0))
    }

    @Test func commonPrefixCountsWholeWordsAndTails() {
        func common(_ a: String, _ b: String) -> Int {
            var x = a, y = b
            return x.withUTF8 { p in y.withUTF8 { q in SeenKeys.commonPrefix(p, q) } }
        }
        #expect(common("", "abc") == 0)
        #expect(common("abcdefgh", "abcdefgh") == 8)
        #expect(common("abcdefghij", "abcdefghiX") == 9)
        #expect(common("abcdefghijklmnopq", "abcdefghijklmnopr") == 16)
        #expect(common("ab", "abc") == 2)
        #expect(common("Xbc", "abc") == 0)
    }
}
