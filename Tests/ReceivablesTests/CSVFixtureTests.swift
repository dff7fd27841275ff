import Testing
@testable import Receivables

/// One test per RELIABILITY.md ingestion row, on the files in `Fixtures/csv/`
/// (written by `Fixtures/csv/make_fixtures.py`).
@Suite struct CSVFixtureTests {
    private func reader(_ name: String, _ options: CSVOptions = CSVOptions()) throws -> CSVReader {
        try CSVReader(path: fixturePath(name), options: options)
    }

    /// Reads all records, collecting field-count errors like a rejects report would.
    private func readCollecting(_ r: CSVReader) throws -> (rows: [[String]], errors: [String]) {
        var rows: [[String]] = [], errors: [String] = []
        while true {
            do {
                guard let record = try r.nextRecord() else { break }
                rows.append(record.strings)
            } catch {
                guard case .fieldCount = error.kind else { throw error }
                errors.append(String(error.description.split(separator: "/").last ?? ""))
            }
        }
        return (rows, errors)
    }

    @Test func tooManyAndTooFewFields() throws {
        let (rows, errors) = try readCollecting(try reader("field_count.csv"))
        #expect(rows == [["A1", "C1", "10.00"]])
        #expect(errors == ["field_count.csv:3: expected 3 fields, saw 4", "field_count.csv:4: expected 3 fields, saw 2"])
    }

    @Test func unterminatedQuoteNamesItsLine() throws {
        let r = try reader("unterminated_quote.csv")
        #expect(try r.nextRecord()?.strings == ["A1", "C1", "ok"])
        let e = #expect(throws: CSVError.self) { try r.nextRecord() }
        #expect(e?.kind == .unterminatedQuote(openedAtLine: 3))
        #expect(e?.description.hasSuffix("unterminated_quote.csv:3:7: unterminated quoted field: "
                                         + "the quote opened at line 3 is never closed") == true)
    }

    @Test func quotingBOMAndLineEndingsAreExactWithPhysicalLines() throws {
        let r = try reader("quoted_exact.csv", CSVOptions(chunkSize: 5))
        #expect(r.header == ["invoice_id", "customer_id", "memo"])
        let (rows, errors) = try readCollecting(r)
        #expect(rows.map { $0[2] } == ["Smith, John", "say \"hi\"", "two\nlines", "crlf\r\ninside"])
        #expect(errors == ["quoted_exact.csv:8: expected 3 fields, saw 2"])
    }

    @Test func invalidUTF8GivesByteOffset() throws {
        let e = #expect(throws: CSVError.self) { try readCollecting(try reader("invalid_utf8.csv")) }
        #expect(e?.kind == .invalidUTF8(bytes: [0xFF]))
        #expect(e?.description.hasSuffix("invalid_utf8.csv:3:7: invalid UTF-8 sequence FF at byte offset 22") == true)
    }

    @Test func cp1252OnlyWhenConfigured() throws {
        let rows = try readCollecting(try reader("cp1252.csv", CSVOptions(encoding: .cp1252))).rows
        #expect(rows.map { $0[1] } == ["Café", "€ 5", "Müller", "Œuvre"])
        let e = #expect(throws: CSVError.self) { try readCollecting(try reader("cp1252.csv")) }
        #expect(e?.line == 2 && e?.column == 6)
        let undefined = #expect(throws: CSVError.self) {
            try readCollecting(try reader("cp1252_undefined.csv", CSVOptions(encoding: .cp1252)))
        }
        #expect(undefined?.description.hasSuffix("cp1252_undefined.csv:2:6: byte 0x81 at byte offset 13 "
                                                 + "is undefined in CP1252") == true)
    }

    @Test func dutchProfileReadsDutchNumbersAndDates() throws {
        let r = try reader("invoices_nl.csv", CSVOptions(delimiter: UInt8(ascii: ";")))
        let dates = try DateParser(pattern: "dd-MM-yyyy")
        let channel = try ValueMap([("Papier", "paper"), ("Elektronisch", "electronic")])
        var got: [String] = []
        while let rec = try r.nextRecord() {
            got.append("\(rec.string(0)) \(try dates.parse(rec[2])) \(try AmountParser.dutch.parse(rec[4])) "
                       + (try channel.parse(rec[6])))
        }
        #expect(got == ["0000611365 2026-01-31 1234.56 paper", "0000611366 2026-02-01 -12.50 electronic"])
    }

    @Test func englishProfileRejectsDutchValues() throws {
        let r = try reader("invoices_nl.csv", CSVOptions(delimiter: UInt8(ascii: ";")))
        let rec = try #require(try r.nextRecord())
        #expect(throws: ValueParseError.self) { try AmountParser.english.parse(rec[4]) }
        #expect(throws: ValueParseError.self) { try DateParser.iso.parse(rec[2]) }
        do {
            _ = try AmountParser.english.parse(rec[4])
        } catch {
            #expect(r.error(error, field: 4, of: rec).description.hasSuffix(
                "invoices_nl.csv:2:39: amount: \"1.234,56\": grouping separator in the decimals"))
        }
        // And the English file reads under the English profile.
        let en = try reader("invoices_en.csv")
        let e = try #require(try en.nextRecord())
        #expect(try AmountParser.english.parse(e[4]) == ExactAmount(minorUnits: 123_456, scale: 2))
        #expect(try DateParser.iso.parse(e[2]).description == "2026-01-31")
    }

    @Test func amountsDoubleWouldAcceptAreRejectedWithLineAndColumn() throws {
        let r = try reader("amounts_bad.csv")
        var messages: [String] = []
        while let rec = try r.nextRecord() {
            do {
                _ = try AmountParser.plain.parse(rec[2])
            } catch {
                messages.append(String(r.error(error, field: 2, of: rec).description.split(separator: "/").last ?? ""))
            }
        }
        #expect(messages == [
            "amounts_bad.csv:2:9: amount: \"nan\": not a number (nan is not an amount)",
            "amounts_bad.csv:3:9: amount: \"inf\": infinity is not an amount",
            "amounts_bad.csv:4:9: amount: \"1e309\": exponent is not allowed",
            "amounts_bad.csv:5:9: amount: \"0x1p3\": hexadecimal is not allowed",
            "amounts_bad.csv:6:9: amount: \"12.345\": more than 2 decimals (amounts are not rounded)",
        ])
    }

    @Test func impossibleAndTwoDigitYearDatesAreRejected() throws {
        let r = try reader("dates_bad.csv")
        let dates = try DateParser(pattern: "dd-MM-yyyy")
        var out: [String] = []
        while let rec = try r.nextRecord() {
            do {
                out.append(try dates.parse(rec[1]).description)
            } catch {
                out.append(String(r.error(error, field: 1, of: rec).description.split(separator: "/").last ?? ""))
            }
        }
        #expect(out == [
            "dates_bad.csv:2:3: issue_date: \"31-02-2026\": no such date: February 2026 has 28 days",
            "dates_bad.csv:3:3: issue_date: \"01-03-26\": does not match the date pattern dd-MM-yyyy",
            "2024-02-29",
        ])
        #expect(throws: ParserConfigurationError.self) { try DateParser(pattern: "dd-MM-YYYY") }
    }

    @Test func strayQuotes() throws {
        let bare = #expect(throws: CSVError.self) { try readCollecting(try reader("stray_quote.csv")) }
        #expect(bare?.kind == .strayQuote(afterClosingQuote: false))
        #expect(bare?.line == 2 && bare?.column == 5)
        let after = #expect(throws: CSVError.self) { try readCollecting(try reader("text_after_quote.csv")) }
        #expect(after?.kind == .strayQuote(afterClosingQuote: true))
        #expect(after?.line == 2 && after?.column == 8)
    }

    @Test func blankLinesSkippedLineNumbersKept() throws {
        let (rows, errors) = try readCollecting(try reader("blank_lines.csv"))
        #expect(rows == [["1", "a"], ["2", "b"]])
        #expect(errors == ["blank_lines.csv:6: expected 2 fields, saw 1"])
    }
}
