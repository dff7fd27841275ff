import Testing
@testable import Receivables

/// The scanner's fast path for plain records against the general one: the same
/// fields and the same line, column and byte offset for every field, whichever
/// path read the record.
@Suite struct CSVReaderFastScanTests {
    func locations(_ text: String, chunk: Int = 1 << 20) throws -> [String] {
        let reader = try CSVReader(bytes: Array(text.utf8), file: "f.csv", options: CSVOptions(chunkSize: chunk))
        var out: [String] = []
        while let r = try reader.nextRecord() {
            for i in 0..<r.count {
                let l = r.location(ofField: i)
                out.append("\(r.string(i))@\(l.line):\(l.column)/\(l.byteOffset)\(r.isQuoted(i) ? "q" : "")")
            }
        }
        return out
    }

    @Test func plainAndQuotedRecordsGiveTheSameLocations() throws {
        let text = "a,b,c\r\nx,yy,zzz\r\n\"x\",yy,\"z\nz\"\nx,é,zzz\rlast,1,2"
        let expected = ["x@2:1/7", "yy@2:3/9", "zzz@2:6/12", "x@3:1/17q", "yy@3:5/21", "z\nz@3:8/24q",
                        "x@5:1/30", "é@5:3/32", "zzz@5:6/35", "last@6:1/39", "1@6:6/44", "2@6:8/46"]
        for chunk in [1, 5, 16, 1 << 20] { #expect(try locations(text, chunk: chunk) == expected, "chunk \(chunk)") }
    }

    @Test func recordsWiderThanTheSlotsAndLongerThanABlock() throws {
        let header = (0..<100).map { "c\($0)" }.joined(separator: ",")
        let row = (0..<100).map { "v\($0)" }.joined(separator: ",")
        let reader = try CSVReader(bytes: Array((header + "\n" + row + "\n" + row + "\n").utf8), file: "w.csv")
        for line in [2, 3] {
            let r = try #require(try reader.nextRecord())
            #expect(r.count == 100 && r.line == line)
            #expect(r.string(99) == "v99")
            #expect(r.location(ofField: 99).column == row.utf8.count - 2)
        }
    }

    @Test func errorsStillComeFromTheGeneralPath() throws {
        let bad = "a,b\nx,y\"z\n"
        let reader = try CSVReader(bytes: Array(bad.utf8), file: "e.csv")
        #expect(throws: CSVError.self) { try reader.nextRecord() }
        let cut = try CSVReader(bytes: [UInt8]("a,b\nx,".utf8) + [0xC3], file: "u.csv")
        do {
            _ = try cut.nextRecord()
            Issue.record("accepted a cut UTF-8 sequence")
        } catch {
            #expect(error.description.hasPrefix("u.csv:2:3:"))
        }
    }
}
