import Testing
import SolventNumerics
@testable import Receivables

@Suite struct DateParserTests {
    private func parse(_ pattern: String, _ text: String, pivot: Int? = nil) -> String? {
        guard let p = try? DateParser(pattern: pattern, twoDigitYearPivot: pivot) else { return "pattern error" }
        return try? p.parse(text).description
    }

    private func reason(_ p: DateParser, _ text: String) -> String? {
        do {
            _ = try p.parse(text)
            return nil
        } catch {
            return error.reason
        }
    }

    private func patternError(_ pattern: String, pivot: Int? = nil) -> String? {
        do {
            _ = try DateParser(pattern: pattern, twoDigitYearPivot: pivot)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func commonPatterns() {
        #expect(parse("yyyy-MM-dd", "2026-01-31") == "2026-01-31")
        #expect(parse("dd-MM-yyyy", "31-01-2026") == "2026-01-31")
        #expect(parse("dd.MM.yyyy", "31.01.2026") == "2026-01-31")
        #expect(parse("M/d/yyyy", "1/31/2026") == "2026-01-31")
        #expect(parse("M/d/yyyy", "12/5/2026") == "2026-12-05")
        #expect(parse("M/d/yyyy", "01/05/2026") == "2026-01-05")
        #expect(parse("yyyyMMdd", "20260131") == "2026-01-31")
        #expect(parse("d MM yyyy", "5 02 2026") == "2026-02-05")
        #expect(parse("yyyy-MM-dd", " 2026-01-31 ") == "2026-01-31")
        #expect(DateParser.iso.pattern == "yyyy-MM-dd")
    }

    @Test func exactDigitCounts() throws {
        let p = try DateParser(pattern: "dd-MM-yyyy")
        for bad in ["1-01-2026", "01-1-2026", "01-01-26", "01-01-02026", "001-01-2026", "01-01-2026x", "01/01/2026",
                    "", "aa-bb-cccc", "-1-01-2026"] {
            #expect(reason(p, bad) != nil, "\(bad)")
        }
        #expect(reason(p, "01-03-26") == "does not match the date pattern dd-MM-yyyy")
        #expect(reason(p, "") == "empty date")
        let v = try DateParser(pattern: "M/d/yyyy")
        #expect(reason(v, "123/1/2026") != nil)
        #expect(reason(v, "1//2026") != nil)
    }

    @Test func datesMustExist() throws {
        let p = try DateParser(pattern: "dd-MM-yyyy")
        #expect(reason(p, "31-02-2026") == "no such date: February 2026 has 28 days")
        #expect(reason(p, "29-02-2025") == "no such date: February 2025 has 28 days")
        #expect(reason(p, "31-04-2026") == "no such date: April 2026 has 30 days")
        #expect(reason(p, "00-01-2026") == "no such date: January 2026 has 31 days")
        #expect(reason(p, "01-13-2026") == "no month 13")
        #expect(reason(p, "01-00-2026") == "no month 0")
        #expect(reason(p, "01-01-0000") == "no year 0")
        #expect(reason(p, "29-02-2024") == nil)
    }

    @Test func twoDigitYearsOnlyWithAPivot() {
        #expect(patternError("dd-MM-yy") == "date pattern \"dd-MM-yy\": two-digit year \"yy\" needs a configured pivot year")
        #expect(parse("dd-MM-yy", "01-03-70", pivot: 1970) == "1970-03-01")
        #expect(parse("dd-MM-yy", "01-03-99", pivot: 1970) == "1999-03-01")
        #expect(parse("dd-MM-yy", "01-03-00", pivot: 1970) == "2000-03-01")
        #expect(parse("dd-MM-yy", "01-03-69", pivot: 1970) == "2069-03-01")
        #expect(parse("dd-MM-yy", "01-03-26", pivot: 2000) == "2026-03-01")
        #expect(parse("dd-MM-yy", "01-03-2026", pivot: 1970) == nil)
        #expect(patternError("dd-MM-yy", pivot: 0) == "two-digit year pivot 0 outside 1...9899")
    }

    @Test func unsupportedPatternsAreRejectedWhenBuilt() {
        #expect(patternError("dd-MM-YYYY") == "date pattern \"dd-MM-YYYY\": \"Y\" is the week-based year, "
                + "which differs from the calendar year around New Year; use \"yyyy\"")
        #expect(patternError("yyyy-MM-DD") == "date pattern \"yyyy-MM-DD\": \"D\" is the day of the year; use \"dd\"")
        #expect(patternError("yyyy-mm-dd") == "date pattern \"yyyy-mm-dd\": \"m\" is minutes; use \"MM\" for the month")
        #expect(patternError("dd-MMM-yyyy") == "date pattern \"dd-MMM-yyyy\": month names (\"MMM\") are not supported")
        #expect(patternError("yyy-MM-dd") == "date pattern \"yyy-MM-dd\": year must be \"yyyy\" (or \"yy\" with a pivot)")
        #expect(patternError("uuuu-MM-dd") == "date pattern \"uuuu-MM-dd\": unsupported letter \"u\"; "
                + "use yyyy, yy, MM, M, dd, d and literal separators")
        #expect(patternError("yyyy-MM") == "date pattern \"yyyy-MM\": needs a year, a month and a day")
        #expect(patternError("yyyy-MM-dd-dd") == "date pattern \"yyyy-MM-dd-dd\": \"d\" appears twice")
        #expect(patternError("Md/yyyy") != nil)
        #expect(patternError("yyyyMd") != nil)
        #expect(patternError("yyyy–MM–dd") == "date pattern \"yyyy–MM–dd\": literal \"–\" is not ASCII")
    }
}

extension DateParserTests {
    @Test func inlinedDayNumberAgreesWithCalendarDate() {
        for year in [1, 2, 4, 100, 400, 1582, 1899, 1900, 1970, 1999, 2000, 2024, 2025, 2100, 9999] + Array(1960...2040) {
            for month in 0...13 {
                for day in 0...32 {
                    #expect(DateParser.dayNumber(year: year, month: month, day: day)
                            == CalendarDate(year: year, month: month, day: day)?.dayNumber, "\(year)-\(month)-\(day)")
                }
            }
        }
        #expect(DateParser.dayNumber(year: 0, month: 1, day: 1) == nil)
        #expect(DateParser.dayNumber(year: 10_000, month: 1, day: 1) == nil)
    }
}

extension DateParserTests {
    /// Fixed layouts are read by an inline fast path; on seeded near-dates it gives the
    /// same date or the same error as reading the pattern token by token.
    @Test func fixedLayoutFastPathAgreesWithThePattern() throws {
        let parsers = [DateParser.iso, try DateParser(pattern: "dd.MM.yyyy"), try DateParser(pattern: "yyyyMMdd"),
                       try DateParser(pattern: "dd-MM-yy", twoDigitYearPivot: 1970)]
        let pieces = ["0", "1", "2", "3", "9", "-", ".", " ", "2026", "12", "31", "02", "29"]
        var rng = SplitMix64(seed: 5)
        for _ in 0..<20_000 {
            let text = (0..<Int(rng.next() % 7)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            for parser in parsers {
                #expect(parser.fixed != nil)
                var bytes = text
                let (fast, full) = bytes.withUTF8 { field in
                    (Result { () throws(ValueParseError) in try parser.parse(field) },
                     Result { () throws(ValueParseError) in try parser.parseByPattern(field) })
                }
                #expect(fast == full, "\"\(text)\" \(parser.pattern)")
            }
        }
    }
}
