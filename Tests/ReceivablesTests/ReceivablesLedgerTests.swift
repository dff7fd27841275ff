import Testing
@testable import Receivables

/// Open amounts per invoice at any date, and the sweep over ascending dates.
@Suite struct ReceivablesLedgerTests {
    static func d(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

    /// I0: 1,000.00 issued 10 Jan, paid 300 on 20 Jan and 700 on 5 Feb.
    /// I1: credit note −200.00 issued 12 Jan, refunded −50 on 25 Jan (payment signs follow the invoice).
    /// I2: 100.00 issued 1 Feb, overpaid 120 on 3 Feb (open −20 from then on).
    /// I3: 500.00 issued 1 Mar, no payment.
    static var portfolio: PortfolioData {
        var p = PortfolioData()
        p.customers = [.init(id: "C1")]
        p.invoices = [
            .init(id: "I0", customer: 0, issueDate: d("2026-01-10"), dueDate: d("2026-02-09"), amount: 100_000, currency: "EUR"),
            .init(id: "I1", customer: 0, issueDate: d("2026-01-12"), dueDate: d("2026-01-12"), amount: -20_000, currency: "EUR"),
            .init(id: "I2", customer: 0, issueDate: d("2026-02-01"), dueDate: d("2026-03-03"), amount: 10_000, currency: "EUR"),
            .init(id: "I3", customer: 0, issueDate: d("2026-03-01"), dueDate: d("2026-03-31"), amount: 50_000, currency: "EUR"),
        ]
        p.payments = [
            .init(invoice: 0, paidOn: d("2026-01-20"), amount: 30_000),
            .init(invoice: 0, paidOn: d("2026-02-05"), amount: 70_000),
            .init(invoice: 1, paidOn: d("2026-01-25"), amount: -5_000),
            .init(invoice: 2, paidOn: d("2026-02-03"), amount: 12_000),
        ]
        return p
    }

    @Test func openAmountsAtDates() {
        let ledger = ReceivablesLedger(Self.portfolio)
        // Not issued yet: not in AR.
        #expect(ledger.openAmount(invoice: 0, at: Self.d("2026-01-09")) == 0)
        #expect(ledger.openAmount(invoice: 0, at: Self.d("2026-01-10")) == 100_000)
        // A payment counts from its paid-on date (paid_on ≤ t).
        #expect(ledger.openAmount(invoice: 0, at: Self.d("2026-01-19")) == 100_000)
        #expect(ledger.openAmount(invoice: 0, at: Self.d("2026-01-20")) == 70_000)
        #expect(ledger.openAmount(invoice: 0, at: Self.d("2026-02-04")) == 70_000)
        #expect(ledger.openAmount(invoice: 0, at: Self.d("2026-02-05")) == 0)
        #expect(ledger.paid(invoice: 0, at: Self.d("2026-12-31")) == 100_000)
        // Credit note: −200 until the −50 refund, then −150.
        #expect(ledger.openAmount(invoice: 1, at: Self.d("2026-01-24")) == -20_000)
        #expect(ledger.openAmount(invoice: 1, at: Self.d("2026-01-25")) == -15_000)
        // Overpaid: kept as the negative open amount it is.
        #expect(ledger.openAmount(invoice: 2, at: Self.d("2026-02-03")) == -2_000)
        #expect(ledger.openAmount(invoice: 3, at: Self.d("2026-06-30")) == 50_000)
    }

    @Test func sweepMatchesOpenAmountAndStopsWhenSettled() {
        let p = Self.portfolio
        let ledger = ReceivablesLedger(p)
        let dates = ["2026-01-05", "2026-01-15", "2026-01-31", "2026-02-28", "2026-03-31"].map(Self.d)
        let days = dates.map(\.dayNumber)
        for i in p.invoices.indices {
            var seen: [Int: Int64] = [:]
            days.withUnsafeBufferPointer { buffer in
                ledger.sweep(invoice: i, dayNumbers: buffer) { k, open in seen[k] = open }
            }
            for (k, date) in dates.enumerated() {
                #expect((seen[k] ?? 0) == ledger.openAmount(invoice: i, at: date), "invoice \(i) at \(date)")
            }
            if i == 0 {
                // Issued 10 Jan, settled 5 Feb: seen on 15 Jan and 31 Jan only.
                #expect(seen == [1: 100_000, 2: 70_000])
            }
        }
    }

    @Test func anInvoiceWithoutPaymentsHasAnEmptyRange() {
        let ledger = ReceivablesLedger(Self.portfolio)
        #expect(ledger.paymentRanges[3].isEmpty)
        #expect(ledger.paid(invoice: 3, at: Self.d("2030-01-01")) == 0)
    }
}
