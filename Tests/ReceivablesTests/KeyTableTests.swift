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

    @Test func hashDependsOnEveryByteAndTheLength() {
        let keys = ["", "a", "a\0", "ab", "I0000000001", "I0000000002", "I1000000001", "12345678", "123456780"]
        let hashes = keys.map { key -> UInt64 in var k = key; return k.withUTF8 { KeyTable.hash($0) } }
        #expect(Set(hashes).count == keys.count)
    }
}
