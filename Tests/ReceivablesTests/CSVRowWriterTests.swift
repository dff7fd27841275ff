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

    @Test func rowsLongerThanTheBufferAreWrittenWhole() throws {
        let path = Self.temporaryFile("long.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let long = String(repeating: "ab\"c,", count: 40_000)
        let w = try CSVRowWriter(path: path, header: ["x", "y"], chunkSize: 64)
        for i in 0..<3 {
            w.text(long)
            w.integer(i)
            try w.endRow()
        }
        try w.close()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let quoted = "\"" + long.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        #expect(text == "x,y\n" + (0..<3).map { "\(quoted),\($0)\n" }.joined())
        #expect(w.byteCount == text.utf8.count)
    }
}
