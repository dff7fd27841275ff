import Testing
@testable import Receivables

/// `MetricsTable` on a toy portfolio worked by hand (amounts in cents).
@Suite struct MetricsTableTests {
    static func d(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }
    static func close(_ a: Double?, _ b: Double) -> Bool { DSOMetricsTests.close(a, b) }

    /// Three customers over January–March 2026 (31, 28, 31 days):
    ///
    /// | invoice | customer | issued | due | amount | payments |
    /// |---|---|---|---|---|---|
    /// | I1 | A (NL) | 10 Jan | 9 Feb | 1,000 | 400 on 5 Feb, 600 on 20 Mar |
    /// | I2 | A | 15 Feb | 17 Mar | 800 | — |
    /// | I6 | A | 2 Apr | 2 May | 999 | — (after the as-of date: ignored) |
    /// | I3 | B (DE) | 20 Jan | 19 Feb | 2,000 | 2,000 on 19 Feb |
    /// | I4 | B | 5 Mar | 4 Apr | 1,500 | 1,500 on 10 Apr (after the as-of date) |
    /// | I5 | B | 10 Mar | 10 Mar | −300 (credit note) | — |
    ///
    /// C has no invoices and no country. Sales: Jan 3,000; Feb 800; Mar 1,500 − 300 = 1,200.
    /// AR 31 Jan = 1,000 + 2,000 = 3,000, all current.
    /// AR 28 Feb = 600 (I1, 19 days past due) + 800 (I2, current) = 1,400; current 800.
    /// AR 31 Mar = 800 (I2, 14 days) + 1,500 (I4, current) − 300 (I5, 21 days) = 2,000; current 1,500.
    static var toy: PortfolioData {
        var p = PortfolioData()
        p.customers = [.init(id: "A", country: "NL", sector: "Retail"), .init(id: "B", country: "DE", sector: "Retail"),
                       .init(id: "C")]
        p.invoices = [
            .init(id: "I1", customer: 0, issueDate: d("2026-01-10"), dueDate: d("2026-02-09"), amount: 100_000, currency: "EUR"),
            .init(id: "I2", customer: 0, issueDate: d("2026-02-15"), dueDate: d("2026-03-17"), amount: 80_000, currency: "EUR"),
            .init(id: "I6", customer: 0, issueDate: d("2026-04-02"), dueDate: d("2026-05-02"), amount: 99_900, currency: "EUR"),
            .init(id: "I3", customer: 1, issueDate: d("2026-01-20"), dueDate: d("2026-02-19"), amount: 200_000, currency: "EUR"),
            .init(id: "I4", customer: 1, issueDate: d("2026-03-05"), dueDate: d("2026-04-04"), amount: 150_000, currency: "EUR"),
            .init(id: "I5", customer: 1, issueDate: d("2026-03-10"), dueDate: d("2026-03-10"), amount: -30_000, currency: "EUR"),
        ]
        p.payments = [
            .init(invoice: 0, paidOn: d("2026-02-05"), amount: 40_000),
            .init(invoice: 0, paidOn: d("2026-03-20"), amount: 60_000),
            .init(invoice: 3, paidOn: d("2026-02-19"), amount: 200_000),
            .init(invoice: 4, paidOn: d("2026-04-10"), amount: 150_000),
        ]
        return p
    }

    @Test func portfolioAtAMonthEnd() throws {
        let table = try MetricsTable(portfolio: Self.toy, periodEnds: [Self.d("2026-03-31")])
        let rows = table.rows
        #expect(rows.count == 1)
        let r = try #require(rows.first)
        #expect(r.group == "portfolio" && r.isPortfolio)
        #expect(r.ar == 200_000 && r.currentAR == 150_000 && r.sales == 120_000 && r.days == 31)
        #expect(r.aging == AgingBuckets(current: 150_000, days1to30: 50_000, days31to60: 0, days61to90: 0, days91plus: 0))
        #expect(r.arBegin == 140_000)
        // DSO 2,000 / 1,200 × 31 = 51.666…; best possible 1,500 / 1,200 × 31 = 38.75; delinquent 12.9166…
        #expect(Self.close(r.dso, 2_000.0 / 1_200.0 * 31))
        #expect(Self.close(r.bestPossibleDSO, 38.75))
        #expect(Self.close(r.averageDaysDelinquent, 500.0 / 1_200.0 * 31))
        // Countback: 2,000 − 1,200 (Mar, 31 d) = 800 = all of February's 800 (28 d): 59 days.
        #expect(Self.close(r.countbackDSO, 59))
        // CEI: (1,400 + 1,200 − 2,000) / (1,400 + 1,200 − 1,500) × 100 = 600 / 1,100 × 100 = 54.5454…
        #expect(Self.close(r.cei, 600.0 / 1_100.0 * 100))
    }

    @Test func monthlySeries() throws {
        let ends = try MetricsPeriods.monthly(from: Self.d("2026-01-17"), asOf: Self.d("2026-03-31"))
        #expect(ends == ["2026-01-31", "2026-02-28", "2026-03-31"].map(Self.d))
        let rows = try MetricsTable(portfolio: Self.toy, periodEnds: ends).rows
        #expect(rows.map(\.ar) == [300_000, 140_000, 200_000])
        #expect(rows.map(\.sales) == [300_000, 80_000, 120_000])
        #expect(rows.map(\.arBegin) == [0, 300_000, 140_000])
        // January: AR = sales: DSO = best possible = countback = 31; nothing collectable, CEI missing.
        #expect(Self.close(rows[0].dso, 31) && Self.close(rows[0].bestPossibleDSO, 31) && Self.close(rows[0].countbackDSO, 31))
        #expect(Self.close(rows[0].averageDaysDelinquent, 0))
        #expect(rows[0].cei == nil)
        // February: DSO 1,400 / 800 × 28 = 49; best 28; delinquent 21;
        // countback 28 + 600 / 3,000 × 31 = 34.2; CEI (3,000 + 800 − 1,400) / (3,000 + 800 − 800) = 80.
        #expect(Self.close(rows[1].dso, 49) && Self.close(rows[1].bestPossibleDSO, 28))
        #expect(Self.close(rows[1].averageDaysDelinquent, 21))
        #expect(Self.close(rows[1].countbackDSO, 34.2))
        #expect(Self.close(rows[1].cei, 80))
        #expect(rows[1].aging.days1to30 == 60_000)
        // The last period is the same as the single-period table.
        #expect(rows[2] == (try MetricsTable(portfolio: Self.toy, periodEnds: [Self.d("2026-03-31")]).rows[0]))
    }

    @Test func partialPeriodAtMidMonth() throws {
        // As-of 15 March: sales 1–15 March = 1,500 − 300 = 1,200 over 15 days.
        // AR = 600 (I1, 34 days past due) + 800 (I2, current) + 1,500 (I4) − 300 (I5, 5 days) = 2,600; current 2,300.
        let r = try MetricsTable(portfolio: Self.toy, periodEnds: [Self.d("2026-03-15")]).rows[0]
        #expect(r.sales == 120_000 && r.days == 15 && r.ar == 260_000 && r.currentAR == 230_000)
        #expect(r.aging.days1to30 == -30_000 && r.aging.days31to60 == 60_000)
        #expect(Self.close(r.dso, 32.5))                // 2,600 / 1,200 × 15
        #expect(Self.close(r.bestPossibleDSO, 28.75))   // 2,300 / 1,200 × 15
        #expect(Self.close(r.countbackDSO, 49.2))       // 15 + 28 + 600 / 3,000 × 31
        #expect(Self.close(r.cei, 0))                   // (1,400 + 1,200 − 2,600) / 300
        // In a monthly series, the earlier months stay whole.
        let series = try MetricsTable(portfolio: Self.toy, periodEnds: [Self.d("2026-02-28"), Self.d("2026-03-15")]).rows
        #expect(series.map(\.sales) == [80_000, 120_000])
    }

    @Test func monthWithZeroSales() throws {
        // One invoice of 1,000 on 15 Jan due 16 Mar; nothing in February.
        var p = PortfolioData()
        p.customers = [.init(id: "A")]
        p.invoices = [.init(id: "I", customer: 0, issueDate: Self.d("2026-01-15"), dueDate: Self.d("2026-03-16"),
                            amount: 100_000, currency: "EUR")]
        let r = try MetricsTable(portfolio: p, periodEnds: [Self.d("2026-02-28")]).rows[0]
        #expect(r.sales == 0 && r.ar == 100_000)
        #expect(r.dso == nil && r.bestPossibleDSO == nil && r.averageDaysDelinquent == nil)
        // Countback walks past February (28 d) into January: 28 + 1,000 / 1,000 × 31 = 59.
        #expect(Self.close(r.countbackDSO, 59))
        // CEI: (1,000 + 0 − 1,000) / (1,000 + 0 − 1,000): denominator 0, missing.
        #expect(r.cei == nil)
    }

    @Test func agingBoundaries() throws {
        // As-of 30 June; an invoice due `days` before it, amount a power of two to tell them apart.
        let asOf = Self.d("2026-06-30")
        let days = [-5, 0, 1, 30, 31, 60, 61, 90, 91]
        var p = PortfolioData()
        p.customers = [.init(id: "A")]
        p.invoices = days.enumerated().map { k, late in
            let due = asOf.adding(days: -late)
            return .init(id: "I\(k)", customer: 0, issueDate: due.adding(days: -30), dueDate: due, amount: Int64(1 << k), currency: "EUR")
        }.sorted { $0.issueDate < $1.issueDate }
        let r = try MetricsTable(portfolio: p, periodEnds: [asOf]).rows[0]
        // current: −5 and 0 days (1 + 2); 1–30: 1 and 30 (4 + 8); 31–60: 16 + 32; 61–90: 64 + 128; 91+: 256.
        #expect(r.aging == AgingBuckets(current: 3, days1to30: 12, days31to60: 48, days61to90: 192, days91plus: 256))
        #expect(r.ar == 511 && r.currentAR == 3)
        #expect(AgingBuckets.bucket(daysPastDue: 0) == 0 && AgingBuckets.bucket(daysPastDue: 1) == 1)
        #expect(AgingBuckets.bucket(daysPastDue: 30) == 1 && AgingBuckets.bucket(daysPastDue: 31) == 2)
        #expect(AgingBuckets.bucket(daysPastDue: 60) == 2 && AgingBuckets.bucket(daysPastDue: 61) == 3)
        #expect(AgingBuckets.bucket(daysPastDue: 90) == 3 && AgingBuckets.bucket(daysPastDue: 91) == 4)
    }

    @Test func asOfBeforeAnyInvoice() throws {
        let table = try MetricsTable(portfolio: Self.toy, periodEnds: [Self.d("2025-11-30"), Self.d("2025-12-31")],
                                     grouping: .customer)
        #expect(table.firstIssueDate == nil)
        for r in table.rows {
            #expect(r.ar == 0 && r.sales == 0 && r.aging == AgingBuckets())
            #expect(r.dso == nil && r.countbackDSO == nil && r.bestPossibleDSO == nil)
            #expect(r.averageDaysDelinquent == nil && r.cei == nil)
        }
    }

    @Test func aPortfolioWithoutInvoicesIsAnError() {
        var p = PortfolioData()
        p.customers = [.init(id: "A")]
        #expect(throws: MetricsError.noInvoices) { try MetricsTable(portfolio: p, periodEnds: [Self.d("2026-01-31")]) }
        #expect(throws: MetricsError.noPeriods) { try MetricsTable(portfolio: Self.toy, periodEnds: []) }
        #expect(MetricsError.noInvoices.description == "the store holds no invoices: run solvent ingest first")
    }
}
