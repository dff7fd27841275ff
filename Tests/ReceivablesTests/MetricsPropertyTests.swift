import Testing
@testable import Receivables

/// The one-sweep table against a brute-force recomputation from
/// `ReceivablesLedger.openAmount` on a seeded random portfolio with partial
/// payments, credit notes, overpayments and records after the as-of date.
@Suite struct MetricsPropertyTests {
    /// SplitMix64: a small seeded generator for test data.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func randomPortfolio(seed: UInt64) -> PortfolioData {
        var rng = SplitMix(state: seed)
        var p = PortfolioData()
        let countries = ["NL", "DE", nil]
        p.customers = (0..<12).map { .init(id: "C\($0)", country: countries[$0 % 3]) }
        let start = CalendarDate(year: 2025, month: 1, day: 1)!
        for c in 0..<12 where c != 5 {   // C5 has no invoices
            let issues = (0..<Int.random(in: 5...40, using: &rng)).map { _ in start.adding(days: Int.random(in: 0..<600, using: &rng)) }.sorted()
            for issue in issues {
                let i = p.invoices.count
                let credit = Int.random(in: 0..<10, using: &rng) == 0
                let amount = Int64.random(in: 1...500_000, using: &rng) * (credit ? -1 : 1)
                p.invoices.append(.init(id: "I\(i)", customer: Int32(c), issueDate: issue,
                                        dueDate: issue.adding(days: [0, 30, 60].randomElement(using: &rng) ?? 30),
                                        amount: amount, currency: "EUR"))
                var paid: Int64 = 0
                var on = issue.adding(days: Int.random(in: -3..<40, using: &rng))
                for _ in 0..<Int.random(in: 0...3, using: &rng) {
                    let part = Int.random(in: 0..<20, using: &rng) == 0 ? amount / 2 * 3 : amount / 2
                    paid += part
                    p.payments.append(.init(invoice: Int32(i), paidOn: on, amount: part))
                    on = on.adding(days: Int.random(in: 0..<60, using: &rng))
                }
            }
        }
        return p
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func sweepMatchesBruteForce(seed: UInt64) throws {
        let p = Self.randomPortfolio(seed: seed)
        let ledger = ReceivablesLedger(p)
        let asOf = CalendarDate(year: 2026, month: 6, day: 17)!
        let ends = try MetricsPeriods.monthly(from: CalendarDate(year: 2024, month: 11, day: 1)!, asOf: asOf)
        let table = try MetricsTable(portfolio: p, periodEnds: ends, grouping: .country)
        let groupOf = MetricsGrouping.country.assign(p.customers).groupOfCustomer
        for row in table.rows {
            let t = row.periodEnd
            let member = { (c: Int32) in row.isPortfolio || table.groupKeys[Int(groupOf[Int(c)])] == row.group }
            var aging = AgingBuckets(), begin: Int64 = 0, sales: Int64 = 0
            for (i, inv) in p.invoices.enumerated() where member(inv.customer) && inv.issueDate <= asOf {
                aging.add(ledger.openAmount(invoice: i, at: t), daysPastDue: inv.dueDate.days(to: t))
                begin += ledger.openAmount(invoice: i, at: t.startOfMonth.adding(days: -1))
                if inv.issueDate >= t.startOfMonth && inv.issueDate <= t { sales += inv.amount }
            }
            #expect(row.aging == aging, "\(row.group) \(t)")
            #expect(row.arBegin == begin && row.sales == sales, "\(row.group) \(t)")
            #expect(row.dso == DSOMetrics.standardDSO(ar: aging.total, sales: sales, days: t.day))
            #expect(row.cei == DSOMetrics.collectionEffectivenessIndex(arBegin: begin, sales: sales, arEnd: aging.total,
                                                                       currentAREnd: aging.current))
            for value in [row.dso, row.countbackDSO, row.bestPossibleDSO, row.averageDaysDelinquent, row.cei] {
                if let value { #expect(value.isFinite) }
            }
        }
        #expect(table.rows.count == ends.count * 4)
    }
}
