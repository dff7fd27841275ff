import Testing
@testable import Receivables

@Suite struct CSVErrorTests {
    private func error(_ kind: CSVError.Kind) -> CSVError {
        CSVError(file: "in.csv", location: CSVLocation(line: 7, column: 3, byteOffset: 120), kind: kind)
    }

    @Test func descriptionsFollowFileLineColumn() {
        #expect(error(.fieldCount(expected: 8, saw: 7)).description == "in.csv:7: expected 8 fields, saw 7")
        #expect(error(.invalidUTF8(bytes: [0xE0, 0x80])).description
                == "in.csv:7:3: invalid UTF-8 sequence E0 80 at byte offset 120")
        #expect(error(.undefinedCP1252(byte: 0x9D)).description
                == "in.csv:7:3: byte 0x9D at byte offset 120 is undefined in CP1252")
        #expect(error(.recordTooLarge(limit: 10, insideQuoteOpenedAtLine: nil)).description
                == "in.csv:7:3: record exceeds 10 bytes")
        #expect(error(.io("read failed: EIO")).description == "in.csv: read failed: EIO")
        let value = ValueParseError(value: "x", reason: "empty")
        #expect(error(.invalidValue(column: "amount", value)).description == "in.csv:7:3: amount: \"x\": empty")
    }

    @Test func locationRoundTrips() {
        let e = error(.missingHeader)
        #expect(e.location == CSVLocation(line: 7, column: 3, byteOffset: 120))
        #expect(e.location.description == "7:3")
    }
}
