import Testing
@testable import Receivables

@Suite struct CSVOptionsTests {
    @Test func defaults() {
        let o = CSVOptions()
        #expect(o.delimiter == UInt8(ascii: ",") && o.encoding == .utf8 && o.chunkSize == 1 << 18)
        #expect(o.isValid)
    }

    @Test func rejectsUnusableSettings() {
        for d: UInt8 in [UInt8(ascii: "\""), 10, 13, 0, 0xC3] {
            let e = csvError("a\n", options: CSVOptions(delimiter: d), file: "o.csv")
            #expect(e?.description.hasPrefix("o.csv: invalid CSV options: delimiter must be") == true)
        }
        #expect(csvError("a\n", options: CSVOptions(chunkSize: 0)) != nil)
        #expect(csvError("a\n", options: CSVOptions(maxRecordBytes: 0)) != nil)
    }
}
