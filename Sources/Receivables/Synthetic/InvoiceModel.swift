import Foundation
import SolventNumerics

/// Issues a customer's invoices month by month, and has PaymentModel settle
/// (or dispute, or leave open) each one as it is issued.
/// docs/generator.md, "Invoices".
///
/// Invoices per month ~ Poisson(rate · season · growth), where rate depends on
/// the size class (1, 2, 4.5, 10 a month) times a log-normal customer factor,
/// season = 1 + a·cos(2π(month − peak)/12) with the sector's peak and
/// amplitude, and growth = (1 + g)^(years since start), g ~ N(4 %, 8 %).
/// Amounts are the customer's ticket (log-normal around the size class's
/// median) times √season · growth · LogNormal(−0.18, 0.6), in cents, at least
/// 10.00. Issue dates fall on business days.
struct InvoiceModel: Sendable {
    let start: CalendarDate
    let end: CalendarDate
    let payments: PaymentModel

    init(settings: PortfolioSettings) {
        start = settings.start
        end = settings.end
        payments = PaymentModel(start: settings.start, end: settings.end)
    }

    func generate(_ c: inout CustomerProfile, into r: inout CustomerRecords, rng: inout Xoshiro256StarStar) {
        var issueUntil = end
        if let stop = c.stopPayingOn {
            // Deliveries go on for a few weeks after the customer stops paying, then are blocked.
            issueUntil = min(end, stop.adding(days: rng.integer(in: 20...60)))
        }
        var month = c.activeFrom.startOfMonth
        var dates: [CalendarDate] = []
        let poBase = rng.integer(in: 10_000...899_999)
        while month <= issueUntil {
            let first = max(month, c.activeFrom)
            let last = min(month.endOfMonth, issueUntil)
            let activeShare = Double(first.days(to: last) + 1) / Double(month.days(to: month.endOfMonth) + 1)
            let rate = c.invoicesPerMonth * season(c, month) * growth(c, month) * activeShare
            let n = rng.poisson(rate)
            dates.removeAll(keepingCapacity: true)
            for _ in 0..<n {
                dates.append(businessDay(first.adding(days: rng.integer(in: 0...first.days(to: last))), in: first...last))
            }
            dates.sort()
            for date in dates {
                issue(on: date, month: month, c, poBase: poBase, into: &r, rng: &rng)
            }
            month = month.adding(months: 1)
        }
        if let stop = c.stopPayingOn {
            // The last delivery before the stop: guarantees an unpaid invoice that turns 90+ days past due.
            issue(on: businessDay(stop, in: c.activeFrom...stop), month: stop.startOfMonth, c,
                  poBase: poBase, into: &r, rng: &rng)
        }
        finish(&c, &r)
    }

    private func issue(on date: CalendarDate, month: CalendarDate, _ c: CustomerProfile, poBase: Int,
                       into r: inout CustomerRecords, rng: inout Xoshiro256StarStar) {
        let mean = c.ticket * season(c, month).squareRoot() * growth(c, month)
        let amount = Money(minorUnits: max(1_000, Money(roundingUnits: mean * rng.logNormal(mu: -0.18, sigma: 0.6)).minorUnits))
        var channel = c.preferredChannel
        if rng.bernoulli(0.1) { channel = InvoiceChannel(rawValue: rng.integer(in: 0...2)) ?? channel }
        var po = 0
        if c.requiresPurchaseOrder && rng.bernoulli(0.95) { po = poBase + r.invoices.count }
        let invoice = InvoiceRecord(issue: date, due: date.adding(days: c.termsDays), amount: amount, channel: channel,
                                    purchaseOrder: po, settledOn: nil, creation: r.invoices.count)
        r.invoices.append(invoice)
        payments.settle(invoice: r.invoices.count - 1, missingPurchaseOrder: c.requiresPurchaseOrder && po == 0,
                        c, into: &r, rng: &rng)
    }

    /// Sorts invoices by issue date, points payments and disputes at the sorted
    /// positions, sorts those by date, and dates a defaulter's default.
    private func finish(_ c: inout CustomerProfile, _ r: inout CustomerRecords) {
        r.invoices.sort { ($0.issue, $0.creation) < ($1.issue, $1.creation) }
        var position = [Int](repeating: 0, count: r.invoices.count)
        for (i, inv) in r.invoices.enumerated() { position[inv.creation] = i }
        for i in r.payments.indices { r.payments[i].invoice = position[r.payments[i].invoice] }
        for i in r.disputes.indices { r.disputes[i].invoice = position[r.disputes[i].invoice] }
        r.payments.sort { ($0.paidOn, $0.invoice) < ($1.paidOn, $1.invoice) }
        r.disputes.sort { ($0.openedOn, $0.invoice) < ($1.openedOn, $1.invoice) }
        if let stop = c.stopPayingOn {
            // The default: the first day after the stop on which an unpaid invoice is 90+ days past due.
            let firstUnpaidDue = r.invoices.lazy.filter { $0.settledOn == nil && !$0.amount.isNegative }.map(\.due).min()
            if let due = firstUnpaidDue, due.adding(days: 90) <= end {
                c.defaultDate = max(due.adding(days: 90), stop.adding(days: 1))
            } else {
                c.segment = c.baseSegment   // cannot happen with the stop-date window; kept consistent anyway
            }
        }
    }

    /// The seasonal multiplier of the sector in `month`.
    func season(_ c: CustomerProfile, _ month: CalendarDate) -> Double {
        let phase = 2 * Double.pi * Double(month.month - c.sector.peakMonth) / 12
        return 1 + c.sector.seasonAmplitude * Foundation.cos(phase)
    }

    /// The growth multiplier (1 + g)^(years since the start of the history).
    func growth(_ c: CustomerProfile, _ month: CalendarDate) -> Double {
        Foundation.pow(1 + c.annualGrowth, Double(start.months(to: month)) / 12)
    }

    /// A weekend date moved to the nearest business day inside `range` (kept if there is none).
    private func businessDay(_ d: CalendarDate, in range: ClosedRange<CalendarDate>) -> CalendarDate {
        let back = d.previousBusinessDay
        if range.contains(back) { return back }
        let forward = d.nextBusinessDay
        return range.contains(forward) ? forward : d
    }
}
