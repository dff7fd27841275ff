import Testing
@testable import Receivables

@Suite struct CSVReaderTests {
    @Test func readsHeaderAndRecords() throws {
        let rows = try readCSV("a,b,c\n1,2,3\n4,,6\n")
        #expect(rows == [["a", "b", "c"], ["1", "2", "3"], ["4", "", "6"]])
    }

    @Test func lastRecordWithoutLineBreak() throws {
        #expect(try readCSV("a,b\n1,2") == [["a", "b"], ["1", "2"]])
        #expect(try readCSV("a,b\n1,") == [["a", "b"], ["1", ""]])
        #expect(try readCSV("a,b\n1,\"x\"") == [["a", "b"], ["1", "x"]])
    }

    @Test func quotedFieldsAreExact() throws {
        let rows = try readCSV("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"\",\"two\nlines\"\n\"\"\"\",\"\"\"\"\"\"\n")
        #expect(rows == [["a", "b"], ["x,y", "say \"hi\""], ["", "two\nlines"], ["\"", "\"\""]])
    }

    @Test func lineEndingsCRLFLFAndCR() throws {
        let expected = [["a", "b"], ["1", "2"], ["3", "4"]]
        #expect(try readCSV("a,b\r\n1,2\r\n3,4\r\n") == expected)
        #expect(try readCSV("a,b\n1,2\n3,4\n") == expected)
        #expect(try readCSV("a,b\r1,2\r3,4\r") == expected)
        #expect(try readCSV("a,b\r\n1,2\n3,4\r") == expected)
        // Inside quotes line breaks are kept as written.
        #expect(try readCSV("a\n\"x\r\ny\ry\"\n")[1] == ["x\r\ny\ry"])
    }

    @Test func byteOrderMarkIsSkippedAndNotCountedInColumns() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,name\n1,\"a\"b\n".utf8)
        #expect(try CSVReader(bytes: bytes, file: "t.csv").header == ["id", "name"])
        let e = try #require(csvError(bytes))
        #expect(e.line == 2 && e.column == 6 && e.byteOffset == 16)
    }

    @Test func byteOrderMarkWithTinyChunksAndAlone() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,2\r\n".utf8)
        for chunk in [1, 2, 3, 4] {
            #expect(try readCSV(bytes, options: CSVOptions(chunkSize: chunk)) == [["a", "b"], ["1", "2"]])
        }
        #expect(csvError([0xEF, 0xBB, 0xBF])?.kind == .missingHeader)
        // Not at the start, the same bytes are data (U+FEFF inside a field).
        #expect(try readCSV(Array("a\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("x\n".utf8))[1] == ["\u{FEFF}x"])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let reader = try CSVReader(bytes: Array("\nid,x\n\n1,a\r\n\r\n\r2,b\n\n".utf8), file: "t.csv")
        #expect(reader.header == ["id", "x"])
        var lines: [Int] = []
        while let r = try reader.nextRecord() { lines.append(r.line) }
        #expect(lines == [4, 7])
    }

    @Test func otherDelimiters() throws {
        for d in [";", "\t", "|"] {
            let text = "a\(d)b\n\"x\(d)y\"\(d)2\n"
            let rows = try readCSV(text, options: CSVOptions(delimiter: UInt8(ascii: Unicode.Scalar(d)!)))
            #expect(rows == [["a", "b"], ["x\(d)y", "2"]])
        }
        // A comma is plain text when the delimiter is ';'.
        #expect(try readCSV("a;b\n1,5;2\n", options: CSVOptions(delimiter: UInt8(ascii: ";")))[1] == ["1,5", "2"])
    }

    @Test func fieldCountErrorsNameTheLineAndLetReadingContinue() throws {
        let reader = try CSVReader(bytes: Array("a,b,c\n1,2,3\n1,2\n\"x\ny\",2,3,4\n5,6,7\n".utf8), file: "f.csv")
        #expect(try reader.nextRecord()?.strings == ["1", "2", "3"])
        let few = #expect(throws: CSVError.self) { try reader.nextRecord() }
        #expect(few?.description == "f.csv:3: expected 3 fields, saw 2")
        #expect(few?.kind == .fieldCount(expected: 3, saw: 2))
        let many = #expect(throws: CSVError.self) { try reader.nextRecord() }
        #expect(many?.description == "f.csv:4: expected 3 fields, saw 4")
        #expect(try reader.nextRecord()?.line == 6)
        #expect(try reader.nextRecord() == nil)
    }

    @Test func manyFieldsGrowTheFieldTable() throws {
        let header = (0..<300).map { "c\($0)" }.joined(separator: ",")
        let row = (0..<300).map { String($0) }.joined(separator: ",")
        let rows = try readCSV(header + "\n" + row + "\n")
        #expect(rows[1].count == 300 && rows[1][299] == "299")
    }

    @Test func unterminatedQuoteNamesTheOpeningLine() {
        let e = csvError("a,b\n1,2\n3,\"open\n4,5\n6,7\n", file: "u.csv")
        #expect(e?.kind == .unterminatedQuote(openedAtLine: 3))
        #expect(e?.description == "u.csv:3:3: unterminated quoted field: the quote opened at line 3 is never closed")
        #expect(e?.byteOffset == 10)
    }

    @Test func strayQuotes() {
        let bare = csvError("a,b\n1,x\"y\n", file: "s.csv")
        #expect(bare?.kind == .strayQuote(afterClosingQuote: false))
        #expect(bare?.description
                == "s.csv:2:4: bare \" in an unquoted field (quote the whole field and double the quote)")
        let after = csvError("a,b\n1,\"x\"y\n", file: "s.csv")
        #expect(after?.kind == .strayQuote(afterClosingQuote: true))
        #expect(after?.description == "s.csv:2:6: unexpected text after the closing quote of a quoted field")
        // Later lines keep physical numbers after an embedded line break.
        let later = csvError("a,b\n\"1\n2\",3\n4,5\"\n", file: "s.csv")
        #expect(later?.line == 4 && later?.column == 4)
    }

    @Test func syntaxErrorsAreSticky() throws {
        let reader = try CSVReader(bytes: Array("a\nx\"\ny\n".utf8), file: "t.csv")
        let first = #expect(throws: CSVError.self) { try reader.nextRecord() }
        let again = #expect(throws: CSVError.self) { try reader.nextRecord() }
        #expect(first == again)
    }

    @Test func headerProblems() {
        #expect(csvError("", file: "e.csv")?.description == "e.csv:1:1: no header row (the file is empty)")
        #expect(csvError("\n\n")?.kind == .missingHeader)
        #expect(csvError("a,b,a\n")?.description == "t.csv:1:5: duplicate column name \"a\" (also column 1)")
        #expect(csvError("a,,b\n")?.description == "t.csv:1:3: empty column name in header column 2")
    }

    @Test func headerOnlyFileHasNoRecords() throws {
        #expect(try readCSV("a,b\n") == [["a", "b"]])
        #expect(try readCSV("a,b") == [["a", "b"]])
    }

    @Test func recordLargerThanTheLimitIsAnError() {
        let options = CSVOptions(chunkSize: 16, maxRecordBytes: 64)
        let text = "a,b\n1,\"" + String(repeating: "x", count: 200) + "\"\n"
        let e = csvError(text, options: options)
        #expect(e?.kind == .recordTooLarge(limit: 64, insideQuoteOpenedAtLine: 2))
        #expect(e?.description.hasPrefix("t.csv:2:1: record exceeds 64 bytes (inside the quoted field opened at line 2")
                == true)
        // Within the limit the same record reads fine with the same tiny chunks.
        let ok = try? readCSV(text, options: CSVOptions(chunkSize: 16, maxRecordBytes: 4096))
        #expect(ok?[1][1].count == 200)
    }

    @Test func fileErrors() {
        #expect(throws: CSVError.self) { try CSVReader(path: "/nonexistent/x.csv") }
        do {
            _ = try CSVReader(path: "/nonexistent/x.csv")
        } catch {
            #expect(error.description == "/nonexistent/x.csv: cannot open: No such file or directory")
        }
    }

    @Test func valueErrorsCarryTheFieldLocationAndColumnName() throws {
        let reader = try CSVReader(bytes: Array("id,amount\n1,\n2,  1e5\n".utf8), file: "v.csv")
        _ = try reader.nextRecord()
        let r = try #require(try reader.nextRecord())
        do {
            _ = try AmountParser.plain.parse(r[1])
            Issue.record("accepted 1e5")
        } catch {
            #expect(reader.error(error, field: 1, of: r).description
                    == "v.csv:3:3: amount: \"  1e5\": exponent is not allowed")
        }
    }

    /// Buffered records never read input: the bytes of a whole group stay put, and
    /// `nextRecord()` carries on after the group, whatever the chunk size.
    @Test func bufferedRecordsStayValidUntilTheNextRead() throws {
        let text = "id,v\na,1\n\"b\"\"\",2\nc,3\r\nd,4\ne,5"
        for chunk in [3, 8, 13, 1 << 20] {
            let reader = try CSVReader(bytes: Array(text.utf8), file: "b.csv", options: CSVOptions(chunkSize: chunk))
            var seen: [String] = []
            while let first = try reader.nextRecord() {
                var group = [(first[0], first.line)]
                while let r = try reader.nextBufferedRecord() { group.append((r[0], r.line)) }
                seen += group.map { "\(String(decoding: $0.0, as: UTF8.self))@\($0.1)" }
            }
            #expect(seen == ["a@2", "b\"@3", "c@4", "d@5", "e@6"], "chunk \(chunk)")
            #expect(try reader.nextBufferedRecord() == nil)
        }
    }

    @Test func bufferedRecordsReportFieldCountsLikeNextRecord() throws {
        let reader = try CSVReader(bytes: Array("a,b\n1,2\n3\n4,5\n".utf8), file: "f.csv")
        _ = try reader.nextRecord()
        #expect(throws: CSVError.self) { try reader.nextBufferedRecord() }
        #expect(try reader.nextBufferedRecord()?.string(0) == "4")
    }

    /// The ingest's per-row call: plain records only; for anything else nil, and
    /// `nextRawRecord` reads the record (or throws); after a syntax error, nil for good.
    @Test func simpleRecordsComeFromTheFastPathAndTheRestFallBack() throws {
        let reader = try CSVReader(bytes: Array("a,b\n1,2\n\"3\",4\n5,6\n7,x\"y\n8,9\n".utf8), file: "f.csv")
        #expect(reader.nextSimpleRecord()?.strings == ["1", "2"])
        #expect(reader.nextSimpleRecord() == nil)
        #expect(try reader.nextRawRecord()?.strings == ["3", "4"])
        let five = try #require(reader.nextSimpleRecord())
        #expect(five.strings == ["5", "6"] && five.line == 4 && five.location(ofField: 1).column == 3)
        #expect(reader.nextSimpleRecord() == nil)
        #expect(throws: CSVError.self) { try reader.nextRawRecord() }
        #expect(reader.nextSimpleRecord() == nil)
        #expect(throws: CSVError.self) { try reader.nextRawRecord() }
    }

    @Test func sampledLineLengthSizesTheKeyTable() throws {
        let reader = try CSVReader(bytes: Array("id\n12345\n12345\n".utf8), file: "s.csv")
        #expect(reader.sampledBytesPerLine() == 6)
    }
}
