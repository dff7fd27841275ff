import Testing
@testable import Receivables

@Suite struct TrainingSetBuilderTests {
    let portfolio = DefaultLabelerTests().portfolio()
    func d(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

    @Test func monthEndsCoverTheRange() {
        #expect(TrainingSetBuilder.monthEnds(from: d("2025-11-15"), to: d("2026-02-01")).map(\.description)
                == ["2025-11-30", "2025-12-31", "2026-01-31", "2026-02-28"])
    }

    @Test func rowsAreLabelledAndDefaultersAtTheDateLeftOut() throws {
        let builder = TrainingSetBuilder(portfolio: portfolio, definition: DefaultDefinition(daysPastDue: 90, horizonMonths: 3))
        let set = try builder.build(asOfDates: [d("2026-01-31"), d("2025-12-31")], observedThrough: d("2026-06-30"))
        #expect(set.summary.map(\.asOf) == [d("2025-12-31"), d("2026-01-31")])
        // Customer C's invoice crossed 90 days on 2025-09-29 and is still open: in default at both dates.
        #expect(set.summary.map(\.excludedInDefault) == [1, 1])
        #expect(set.customerIDs == ["A", "B", "A", "B"])
        // A crosses on 2026-04-01: within 3 months of 2026-01-31, not of 2025-12-31.
        #expect(set.target == [0, 0, 1, 0])
        #expect(set.defaultDates[2] == d("2026-04-01"))
        #expect(set.summary.map(\.defaults) == [0, 1])
        // The features are the profile at each date, row for row.
        let profile = try ProfileBuilder(portfolio: portfolio).profile(asOf: d("2026-01-31"))
        let name = set.features[5].name
        let stacked = try #require(set.columns.first { _ in true })
        #expect(stacked.count == 4)
        if let c = profile.features.firstIndex(where: { $0.name == name }),
           let k = set.features.firstIndex(where: { $0.name == name }) {
            #expect(set.columns[k][2] == profile.columns[c][0])
        }
        var lines: [String] = []
        set.csvLines { lines.append($0) }
        #expect(lines.count == 5 && lines[0].hasPrefix("as_of,customer_id,target_default,default_date,"))
    }

    @Test func aHorizonPastTheDataIsRefused() {
        let builder = TrainingSetBuilder(portfolio: portfolio, definition: DefaultDefinition(horizonMonths: 12))
        #expect {
            try builder.build(asOfDates: [d("2026-01-31")], observedThrough: d("2026-06-30"))
        } throws: { error in
            "\(error)".contains("runs past the data, which ends 2026-06-30")
        }
    }
}
