import Foundation
import Testing
@testable import Receivables

/// CSV and JSON text of the metrics table: fixed decimals, empty / null when missing.
@Suite struct MetricsOutputTests {
    typealias T = MetricsTableTests

    @Test func moneyAndFixedDecimals() {
        #expect(MetricsTable.money(123_456) == "1234.56")
        #expect(MetricsTable.money(-5) == "-0.05")
        #expect(MetricsTable.money(0) == "0.00")
        #expect(MetricsTable.money(Int64.min) == "-92233720368547758.08")
        #expect(MetricsTable.fixed(2_000.0 / 1_200.0 * 31) == "51.67")
        #expect(MetricsTable.fixed(-0.001) == "0.00")
        #expect(MetricsTable.fixed(-7.75) == "-7.75")
        #expect(MetricsTable.fixed(nil) == "")
        #expect(MetricsTable.fixed(.nan) == "" && MetricsTable.fixed(.infinity) == "")
        #expect(MetricsTable.fixed(1e20) == "100000000000000000000.00")
    }

    @Test func csvHeaderAndARow() throws {
        let table = try MetricsTable(portfolio: T.toy, periodEnds: [T.d("2026-03-31")], grouping: .customer)
        var text = ""
        table.write(json: false) { text += $0 }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "period_end,group,ar,current_ar,sales,dso,countback_dso,best_possible_dso,"
                + "average_days_delinquent,cei,aging_current,aging_1_30,aging_31_60,aging_61_90,aging_91_plus")
        #expect(lines[1] == "2026-03-31,portfolio,2000.00,1500.00,1200.00,51.67,59.00,38.75,12.92,54.55,1500.00,500.00,0.00,0.00,0.00")
        #expect(lines[2] == "2026-03-31,A,800.00,0.00,0.00,,59.00,,,42.86,0.00,800.00,0.00,0.00,0.00")
        #expect(lines[4] == "2026-03-31,C,0.00,0.00,0.00,,,,,,0.00,0.00,0.00,0.00,0.00")
        #expect(lines.count == 6 && lines[5].isEmpty)
    }

    @Test func groupKeysAreSpreadsheetSafe() throws {
        var p = T.toy
        p.customers[0].id = "=HYPERLINK(\"x\")"
        let table = try MetricsTable(portfolio: p, periodEnds: [T.d("2026-03-31")], grouping: .customer)
        var text = ""
        table.write(json: false) { text += $0 }
        #expect(text.contains("\n2026-03-31,\"'=HYPERLINK(\"\"x\"\")\",800.00,"))
        var json = ""
        table.write(json: true) { json += $0 }
        #expect(json.contains("\"group\":\"=HYPERLINK(\\\"x\\\")\""))
    }

    @Test func jsonIsValidWithNulls() throws {
        let table = try MetricsTable(portfolio: T.toy, periodEnds: [T.d("2026-02-28"), T.d("2026-03-31")], grouping: .customer)
        var text = ""
        table.write(json: true) { text += $0 }
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
        let rows = try #require(parsed)
        #expect(rows.count == 8)
        #expect(Set(rows[0].keys) == Set(MetricsTable.columns))
        #expect(rows[0]["group"] as? String == "portfolio")
        #expect((rows[0]["dso"] as? NSNumber)?.doubleValue == 49)
        #expect(rows[3]["dso"] is NSNull)           // C in February
        #expect(!text.contains("nan") && !text.contains("inf"))
    }

    @Test func jsonLayoutIsOneObjectPerLine() throws {
        var text = ""
        try MetricsTable(portfolio: T.toy, periodEnds: [T.d("2026-01-31")]).write(json: true) { text += $0 }
        #expect(text.hasPrefix("[\n{\"period_end\":\"2026-01-31\",\"group\":\"portfolio\","))
        #expect(text.hasSuffix("}\n]\n"))
    }
}
