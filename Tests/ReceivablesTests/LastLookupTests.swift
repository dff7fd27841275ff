import Testing
@testable import Receivables

@Suite struct LastLookupTests {
    @Test func answersAsTheTableDoes() {
        let table = KeyTable()
        for (i, key) in ["C000001", "C000002", String(repeating: "k", count: 20)].enumerated() {
            _ = table.insertIfAbsent(key, value: Int32(i))
        }
        let last = LastLookup()
        for key in ["C000001", "C000001", "C000002", "C000009", "C000009", "C000001",
                    String(repeating: "k", count: 20), String(repeating: "k", count: 20), ""] {
            var k = key
            let got = k.withUTF8 { last.value(for: $0, in: table, hash: 0) }
            #expect(got == table.value(for: key), "\(key)")
        }
    }

    @Test func countsTheLookupsThatWentToTheTable() {
        let table = KeyTable()
        _ = table.insertIfAbsent("C1", value: 7)
        let last = LastLookup()
        for key in ["C1", "C1", "C2", "C2", "C2", "C1", "C9"] {
            var k = key
            _ = k.withUTF8 { last.value(for: $0, in: table, hash: 0) }
        }
        #expect(last.misses == 4)
        last.countMiss()
        #expect(last.misses == 5)
    }

    @Test func knowsTheLastKey() {
        let table = KeyTable()
        _ = table.insertIfAbsent("C1", value: 7)
        let last = LastLookup()
        var a = "C1", b = "C2"
        #expect(!a.withUTF8 { last.isLast($0) })
        _ = a.withUTF8 { last.value(for: $0, in: table, hash: KeyTable.hash($0)) }
        // The last value is answered again from the cache (no second trip to the table).
        #expect(a.withUTF8 { last.isLast($0) } && a.withUTF8 { last.value(for: $0, in: table, hash: 0) } == 7 && last.misses == 1)
        #expect(!b.withUTF8 { last.isLast($0) })
        _ = b.withUTF8 { last.value(for: $0, in: table, hash: 0) }
        #expect(b.withUTF8 { last.isLast($0) } && b.withUTF8 { last.value(for: $0, in: table, hash: 0) } == nil && last.misses == 2)
    }
}
