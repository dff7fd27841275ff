import Foundation
import Testing
import SolventNumerics
@testable import Receivables

@Suite struct KeyTableTests {
    @Test func firstValueWinsAndLookupsFindIt() {
        let table = KeyTable(expectedCount: 4)
        #expect(table.insertIfAbsent("I1", value: 2) == nil)
        #expect(table.insertIfAbsent("I1", value: 9) == 2)
        #expect(table.value(for: "I1") == 2)
        #expect(table.value(for: "I2") == nil)
        #expect(table.insertIfAbsent("", value: 5) == nil)
        #expect(table.value(for: "") == 5)
        #expect(table.count == 2)
    }

    @Test func bytesAndStringsAreTheSameKeys() {
        let table = KeyTable()
        let keys = ["0000611365", "611365", "Zoë", "K\u{1F}2026-01-05", String(repeating: "x", count: 40), "12345678", "1234567"]
        for (i, key) in keys.enumerated() {
            var k = key
            let first = k.withUTF8 { table.insertIfAbsent($0, hash: KeyTable.hash($0), value: Int32(i)) }
            #expect(first == nil, "\(key)")
        }
        for (i, key) in keys.enumerated() {
            #expect(table.value(for: key) == Int32(i))
            #expect(table.insertIfAbsent(key, value: 99) == Int32(i))
            var k = key
            #expect(k.withUTF8 { table.value(for: $0) } == Int32(i))
        }
    }

    /// Seeded: a table grown far past its guess agrees with a dictionary, touched or not.
    @Test func growsAndAgreesWithADictionary() {
        var rng = Xoshiro256StarStar(seed: 11)
        let table = KeyTable(expectedCount: 16)
        var reference: [String: Int32] = [:]
        for i in 0..<20_000 {
            let key = "K" + String(rng.next() % 15_000) + (rng.next() % 7 == 0 ? "-long-suffix-\(i % 3)" : "")
            var k = key
            var h = k.withUTF8 { KeyTable.hash($0) }
            table.touch(hashes: &h, count: 1)
            let got = table.insertIfAbsent(key, value: Int32(i))
            #expect(got == reference[key])
            if reference[key] == nil { reference[key] = Int32(i) }
        }
        #expect(table.count == reference.count)
        for (key, value) in reference { #expect(table.value(for: key) == value) }
        #expect(table.value(for: "K15000") == nil)
    }

    /// Seeded: bulk inserts and lookups (batches of 32, a count that is not a multiple of it)
    /// agree with a dictionary, duplicates counted and the first value kept, absent keys −1.
    @Test func bulkInsertsAndLookupsAgreeWithADictionary() {
        var rng = Xoshiro256StarStar(seed: 12)
        var keys = KeyBytes()
        var texts: [String] = []
        for i in 0..<1_003 {
            let text = "I" + String(rng.next() % 900) + (i % 11 == 0 ? "-a-key-longer-than-sixteen-bytes" : "")
            texts.append(text)
            var t = text
            t.withUTF8 { keys.append($0) }
        }
        var reference: [String: Int32] = [:]
        var duplicates = 0
        for (i, text) in texts.enumerated() {
            if reference[text] == nil { reference[text] = Int32(i) } else { duplicates += 1 }
        }
        let table = KeyTable(expectedCount: 16)
        let counted = keys.withKeys { key in table.insertAll(count: keys.count, key: key) { Int32($0) } }
        #expect(counted == duplicates)
        #expect(table.count == reference.count)

        var probes = KeyBytes()
        let probeTexts = (0..<77).map { "I" + String($0 * 13) }
        for text in probeTexts { var t = text; t.withUTF8 { probes.append($0) } }
        var found = [Int32](repeating: 7, count: 70)
        found.withUnsafeMutableBufferPointer { out in
            probes.withKeys { key in table.values(5..<75, key: key, into: out.baseAddress!) }
        }
        for k in 5..<75 { #expect(found[k - 5] == reference[probeTexts[k]] ?? -1, "\(probeTexts[k])") }
        #expect(found.contains(-1) && found.contains { $0 >= 0 })

        // Only empty keys (no bytes at all): the first wins, the second is a duplicate.
        var empties = KeyBytes()
        for _ in 0..<2 { empties.append(UnsafeBufferPointer(start: nil, count: 0)) }
        let small = KeyTable()
        #expect(empties.withKeys { key in small.insertAll(count: empties.count, key: key) { Int32($0) } } == 1)
        #expect(small.value(for: "") == 0)
    }

    @Test func hashDependsOnEveryByteAndTheLength() {
        let keys = ["", "a", "a\0", "ab", "I0000000001", "I0000000002", "I1000000001", "12345678", "123456780"]
        let hashes = keys.map { key -> UInt64 in var k = key; return k.withUTF8 { KeyTable.hash($0) } }
        #expect(Set(hashes).count == keys.count)
    }
}
