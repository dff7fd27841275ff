import Testing
@testable import Receivables

/// Rows per customer, country, sector and segment on `MetricsTableTests.toy`.
@Suite struct MetricsGroupingTests {
    typealias T = MetricsTableTests
    static let asOf = T.d("2026-03-31")

    @Test func perCustomerIncludingOneWithoutInvoices() throws {
        let table = try MetricsTable(portfolio: T.toy, periodEnds: [Self.asOf], grouping: .customer)
        let rows = table.rows
        #expect(rows.map(\.group) == ["portfolio", "A", "B", "C"])
        let (a, b, c) = (rows[1], rows[2], rows[3])
        // A at 31 March: I2 800 open (14 days past due), no March sales: DSO missing;
        // countback walks past March (31 d) and takes all of February's 800 (28 d): 59.
        #expect(a.ar == 80_000 && a.sales == 0 && a.aging.days1to30 == 80_000)
        #expect(a.dso == nil && T.close(a.countbackDSO, 59))
        // A's CEI: AR(begin) 1,400 (I1 600 + I2 800), sales 0, AR(end) 800, current 0: 600 / 1,400 × 100.
        #expect(T.close(a.cei, 600.0 / 1_400.0 * 100))
        // B: 1,500 − 300 = 1,200 open, March sales 1,200: DSO = countback = 31; best 1,500/1,200 × 31.
        #expect(b.ar == 120_000 && b.sales == 120_000 && T.close(b.dso, 31) && T.close(b.countbackDSO, 31))
        #expect(T.close(b.bestPossibleDSO, 38.75) && T.close(b.averageDaysDelinquent, -7.75))
        // C: no invoices: zeros and missing ratios.
        #expect(c.ar == 0 && c.sales == 0 && c.aging == AgingBuckets())
        #expect(c.dso == nil && c.countbackDSO == nil && c.cei == nil && c.bestPossibleDSO == nil)
        // The portfolio row is the sum of the groups, and equals the ungrouped table.
        #expect(rows[0] == (try MetricsTable(portfolio: T.toy, periodEnds: [Self.asOf]).rows[0]))
        #expect(rows[0].ar == a.ar + b.ar + c.ar)
    }

    @Test func perCountrySectorAndSegment() throws {
        let byCountry = try MetricsTable(portfolio: T.toy, periodEnds: [Self.asOf], grouping: .country).rows
        #expect(byCountry.map(\.group) == ["portfolio", MetricsGrouping.unknownKey, "DE", "NL"])
        #expect(byCountry.map(\.ar) == [200_000, 0, 120_000, 80_000])
        let bySector = try MetricsTable(portfolio: T.toy, periodEnds: [Self.asOf], grouping: .sector).rows
        #expect(bySector.map(\.group) == ["portfolio", MetricsGrouping.unknownKey, "Retail"])
        #expect(bySector[2].ar == 200_000)
        let bySegment = try MetricsTable(portfolio: T.toy, periodEnds: [Self.asOf],
                                         grouping: .segment([0: "slow", 1: "reliable"])).rows
        #expect(bySegment.map(\.group) == ["portfolio", MetricsGrouping.unknownKey, "reliable", "slow"])
        #expect(bySegment.map(\.sales) == [120_000, 0, 120_000, 0])
    }

    @Test func monthlyRowsComePeriodByPeriod() throws {
        let ends = try MetricsPeriods.monthly(from: T.d("2026-02-01"), asOf: Self.asOf)
        let rows = try MetricsTable(portfolio: T.toy, periodEnds: ends, grouping: .customer).rows
        #expect(rows.map(\.periodEnd.description) == ["2026-02-28", "2026-02-28", "2026-02-28", "2026-02-28",
                                                      "2026-03-31", "2026-03-31", "2026-03-31", "2026-03-31"])
        #expect(rows.map(\.ar) == [140_000, 140_000, 0, 0, 200_000, 80_000, 120_000, 0])
    }

    @Test func periodsOfAMonthlySeries() throws {
        // Month ends, then the as-of date itself (here mid-month, a partial period); across a year end.
        let ends = try MetricsPeriods.monthly(from: T.d("2025-11-30"), asOf: T.d("2026-02-14"))
        #expect(ends.map(\.description) == ["2025-11-30", "2025-12-31", "2026-01-31", "2026-02-14"])
        #expect(try MetricsPeriods.monthly(from: T.d("2026-02-03"), asOf: T.d("2026-02-14")) == [T.d("2026-02-14")])
        #expect(throws: MetricsError.fromAfterAsOf(from: T.d("2026-03-01"), asOf: T.d("2026-02-14"))) {
            try MetricsPeriods.monthly(from: T.d("2026-03-01"), asOf: T.d("2026-02-14"))
        }
        #expect(MetricsPeriods.days(inMonth: MetricsPeriods.monthIndex(T.d("2024-02-10"))) == 29)
    }
}
