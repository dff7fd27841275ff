import Testing
@testable import Receivables

@Suite struct CSVRecordTests {
    @Test func fieldViewsLocationsAndQuoting() throws {
        let reader = try CSVReader(bytes: Array("id,memo,n\n0000611365,\"a\"\"b\nc\",7\n".utf8), file: "r.csv")
        let r = try #require(try reader.nextRecord())
        #expect(r.count == 3 && r.line == 2)
        #expect(Array(r[0]) == Array("0000611365".utf8))
        #expect(r.string(1) == "a\"b\nc")
        #expect(r.isQuoted(1) && !r.isQuoted(0))
        #expect(r.location(ofField: 0) == CSVLocation(line: 2, column: 1, byteOffset: 10))
        #expect(r.location(ofField: 1) == CSVLocation(line: 2, column: 12, byteOffset: 21))
        // The third field starts on the next physical line, after `c",`.
        #expect(r.location(ofField: 2) == CSVLocation(line: 3, column: 4, byteOffset: 30))
        #expect(r.strings == ["0000611365", "a\"b\nc", "7"])
    }
}
