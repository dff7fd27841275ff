import Testing
import SolventNumerics
@testable import Receivables

@Suite struct MonthMemoTests {
    /// `body` with the text's bytes followed by 64 readable bytes, as a `CSVRecord` field is.
    func withField<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let bytes = Array(text.utf8) + [UInt8](repeating: 0x2C, count: 64)
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<text.utf8.count])) }
    }

    @Test func answersOtherDaysOfAStoredMonthOnly() throws {
        let memo = try #require(MonthMemo(for: .iso))
        defer { memo.deallocate() }
        #expect(memo.length == 10 && memo.day == 8)
        #expect(withField("2024-02-10") { memo.dayNumber($0) } == nil)   // empty: nothing answers
        let tenth = try DateParser.iso.parse("2024-02-10").dayNumber
        withField("2024-02-10") { memo.store($0, dayNumber: tenth) }
        #expect(withField("2024-02-10") { memo.dayNumber($0) } == tenth)
        #expect(withField("2024-02-01") { memo.dayNumber($0) } == tenth - 9)
        #expect(withField("2024-02-29") { memo.dayNumber($0) } == tenth + 19)   // a leap year
        for other in ["2024-02-30", "2024-02-00", "2024-02-3x", "2024-02- 1", "2024-03-10", "2023-02-10", "2024/02-10"] {
            #expect(withField(other) { memo.dayNumber($0) } == nil, "\(other)")
        }
    }

    @Test func onlyFixedLayoutsOfAtMostSixteenBytes() throws {
        #expect(MonthMemo(for: nil) == nil)
        #expect(MonthMemo(for: try DateParser(pattern: "M/d/yyyy")) == nil)
        #expect(MonthMemo(for: try DateParser(pattern: "dd-MM-yyyy"))?.day == 0)
        #expect(MonthMemo(for: try DateParser(pattern: "yyyyMMdd"))?.day == 6)
    }

    /// Seeded: dates good and bad under several layouts, read through the memo as the
    /// ingest does (look up; else parse and store) — every answer is the parser's.
    @Test(arguments: ["yyyy-MM-dd", "dd-MM-yyyy", "yyyyMMdd", "dd.MM.yy", "MM/dd/yyyy"])
    func agreesWithTheParser(pattern: String) throws {
        let parser = try DateParser(pattern: pattern, twoDigitYearPivot: 1970)
        let memo = try #require(MonthMemo(for: parser))
        defer { memo.deallocate() }
        var rng = Xoshiro256StarStar(seed: 31)
        func two(_ v: UInt64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        for _ in 0..<20_000 {
            let year = 1999 + rng.next() % 3, month = rng.next() % 14, day = rng.next() % 33
            var text = pattern.replacingOccurrences(of: "yyyy", with: "\(year)")
                .replacingOccurrences(of: "yy", with: two(year % 100))
                .replacingOccurrences(of: "MM", with: two(month)).replacingOccurrences(of: "dd", with: two(day))
            if rng.next() % 50 == 0 { text = String(text.dropLast()) + "x" }
            let expected = try? parser.parse(text).dayNumber
            let got: Int? = withField(text) { field in
                if let day = memo.dayNumber(field) { return day }
                guard let day = try? parser.parse(field).dayNumber else { return nil }
                memo.store(field, dayNumber: day)
                return day
            }
            #expect(got == expected, "\(text)")
        }
    }
}
