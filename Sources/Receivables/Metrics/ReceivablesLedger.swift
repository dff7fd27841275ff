/// The open amount of every invoice at any date, from its payments.
///
/// Open amount at t of invoice i = amount − Σ payments of i with
/// paid_on ≤ t, in exact cents; zero before the invoice is issued (an invoice
/// issued after t is not in AR(t)). Payment signs follow their invoice, so a
/// credit note's open amount is negative until refunded; an overpaid invoice
/// has a negative open amount and is kept as it is.
///
/// Built once in O(payments); `openAmount(invoice:at:)` is a binary search in
/// the invoice's payments, and `sweep` walks an ascending list of dates for
/// one invoice in O(dates + payments), stopping at the first date from which
/// the open amount is zero for good.
public struct ReceivablesLedger: Sendable {
    public let invoices: [PortfolioData.Invoice]
    /// `paymentRanges[i]`: the positions of invoice i's payments (sorted by paid on).
    public let paymentRanges: [Range<Int>]
    /// Day numbers of the payments, in `portfolio.payments` order.
    let paidOn: [Int]
    /// Running totals of each invoice's payments: `cumulativePaid[p]` is the sum of
    /// the invoice's payments up to and including position p.
    let cumulativePaid: [Int64]

    public init(_ portfolio: PortfolioData) {
        invoices = portfolio.invoices
        paymentRanges = portfolio.paymentRanges
        paidOn = portfolio.payments.map(\.paidOn.dayNumber)
        var cumulative = [Int64](repeating: 0, count: portfolio.payments.count)
        var previousInvoice: Int32 = -1
        var sum: Int64 = 0
        for (p, payment) in portfolio.payments.enumerated() {
            if payment.invoice != previousInvoice {
                sum = 0
                previousInvoice = payment.invoice
            }
            sum += payment.amount
            cumulative[p] = sum
        }
        cumulativePaid = cumulative
    }

    /// Paid on invoice `i` up to and including `date`.
    public func paid(invoice i: Int, at date: CalendarDate) -> Int64 {
        let range = paymentRanges[i]
        var lo = range.lowerBound, hi = range.upperBound   // first position paid after `date`
        while lo < hi {
            let mid = (lo + hi) / 2
            if paidOn[mid] <= date.dayNumber { lo = mid + 1 } else { hi = mid }
        }
        return lo == range.lowerBound ? 0 : cumulativePaid[lo - 1]
    }

    /// The day the payments of positive invoice `i` first covered its amount; nil if
    /// they never did (or the invoice is a credit note or zero).
    public func settlementDate(invoice i: Int) -> CalendarDate? {
        guard invoices[i].amount > 0 else { return nil }
        for p in paymentRanges[i] where cumulativePaid[p] >= invoices[i].amount {
            return CalendarDate(dayNumber: paidOn[p])
        }
        return nil
    }

    /// Open amount of invoice `i` at `date`: 0 when issued after `date`.
    public func openAmount(invoice i: Int, at date: CalendarDate) -> Int64 {
        guard invoices[i].issueDate <= date else { return 0 }
        return invoices[i].amount - paid(invoice: i, at: date)
    }

    /// Calls `body(k, open)` for each `k` in `from..<dayNumbers.count` with invoice
    /// `i`'s open amount at day `dayNumbers[k]` (ascending), skipping dates before
    /// the issue date, and stopping once the open amount is zero and no later
    /// payment can change it (later dates would all give 0).
    public func sweep(invoice i: Int, dayNumbers: UnsafeBufferPointer<Int>, from: Int = 0,
                      _ body: (_ k: Int, _ open: Int64) -> Void) {
        let invoice = invoices[i]
        let issued = invoice.issueDate.dayNumber
        var k = from
        while k < dayNumbers.count && dayNumbers[k] < issued { k += 1 }
        let range = paymentRanges[i]
        var p = range.lowerBound
        var paid: Int64 = 0
        while k < dayNumbers.count {
            let day = dayNumbers[k]
            while p < range.upperBound && paidOn[p] <= day {
                paid = cumulativePaid[p]
                p += 1
            }
            let open = invoice.amount - paid
            if open == 0 && p == range.upperBound { return }
            body(k, open)
            k += 1
        }
    }
}
