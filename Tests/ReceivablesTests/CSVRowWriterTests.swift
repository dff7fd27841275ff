import Foundation
import Testing
@testable import Receivables

@Suite struct CSVRowWriterTests {
    static func temporaryFile(_ name: String) -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("solvent-csv-\(ProcessInfo.processInfo.processIdentifier)-\(name)").path
    }

    @Test func writesFieldsExactly() throws {
        let path = Self.temporaryFile("fields.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let w = try CSVRowWriter(path: path, header: ["a", "b,c", "d"], chunkSize: 16)
        w.text("plain")
        w.text("Jansen, Bakker & Partners")
        w.text("say \"hi\"")
        try w.endRow()
        w.money(Money(minorUnits: -123_405))
        w.money(Money(minorUnits: 5))
        w.money(.zero)
        try w.endRow()
        w.identifier("C", 42, width: 6)
        w.identifier("I", 12_345_678_901, width: 10)
        w.date(CalendarDate(year: 2026, month: 2, day: 3))
        try w.endRow()
        w.empty()
        w.integer(-7)
        w.fixed(0.0123456, decimals: 6)
        try w.endRow()
        w.fixed(-1.5, decimals: 1)
        w.date(nil)
        w.text("line\nbreak")
        try w.endRow()
        try w.close()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == """
        a,"b,c",d
        plain,"Jansen, Bakker & Partners","say ""hi\"\"\"
        -1234.05,0.05,0.00
        C000042,I12345678901,2026-02-03
        ,-7,0.012346
        -1.5,,"line
        break"

        """)
        #expect(w.rowCount == 5)
        #expect(w.byteCount == text.utf8.count)
    }

    @Test func moneyIsExactDecimalText() {
        #expect(Money(units: 12, cents: 34).description == "12.34")
        #expect(Money(units: -12, cents: 34).description == "-12.34")
        #expect(Money(minorUnits: -5).description == "-0.05")
        #expect(Money(roundingUnits: 0.125).minorUnits == 13)
        #expect(Money(roundingUnits: -0.125).minorUnits == -13)
        #expect(Money(minorUnits: 150) + Money(minorUnits: -200) == Money(minorUnits: -50))
    }

    @Test func businessDayHelpers() {
        let saturday = CalendarDate(year: 2026, month: 11, day: 28)!
        #expect(saturday.nextBusinessDay.description == "2026-11-30")
        #expect(saturday.previousBusinessDay.description == "2026-11-27")
        #expect(CalendarDate.clamped(year: 2026, month: 14, day: 31).description == "2027-02-28")
        #expect(CalendarDate(year: 2024, month: 11, day: 5)!.months(to: CalendarDate(year: 2026, month: 1, day: 1)!) == 14)
    }
}
