/// Each positive invoice's payments in date order, for the payment-timing
/// model and the cash forecast: what was open at a date, when it was settled,
/// and the cash it brought in a window. Credit notes and zero invoices are
/// left out (they bring no cash).
struct InvoiceLedger: Sendable {
    struct Entry: Sendable {
        let invoice: Int
        let customer: Int
        let issued: Int
        let due: Int
        /// Cents, > 0.
        let amount: Int64
        let electronic: Bool
        /// (day, cents) in date order.
        let payments: [(day: Int, amount: Int64)]
        /// The day the payments first covered the amount, if ever.
        let settled: Int?
        /// (opened, resolved) days of its disputes.
        let disputes: [(opened: Int, resolved: Int?)]

        /// The amount not paid by the end of `day`.
        func open(at day: Int) -> Int64 {
            var paid: Int64 = 0
            for p in payments where p.day <= day { paid += p.amount }
            return max(0, amount - paid)
        }

        /// Cash received in (from, to].
        func cash(after from: Int, through to: Int) -> Int64 {
            payments.reduce(0) { $0 + ($1.day > from && $1.day <= to ? $1.amount : 0) }
        }

        func disputed(at day: Int) -> Bool {
            disputes.contains { $0.opened <= day && ($0.resolved.map { $0 > day } ?? true) }
        }
    }

    let entries: [Entry]
    let customerCount: Int
    /// The last day with an invoice or a payment.
    let lastDay: Int
    /// The first issue day.
    let firstDay: Int

    init(_ portfolio: PortfolioData) {
        let paymentRanges = portfolio.paymentRanges
        var disputes = [[(opened: Int, resolved: Int?)]](repeating: [], count: portfolio.invoices.count)
        for d in portfolio.disputes { disputes[Int(d.invoice)].append((d.openedOn.dayNumber, d.resolvedOn?.dayNumber)) }
        var entries: [Entry] = []
        var last = Int.min, first = Int.max
        for (i, invoice) in portfolio.invoices.enumerated() {
            last = max(last, invoice.issueDate.dayNumber)
            first = min(first, invoice.issueDate.dayNumber)
            let payments = portfolio.payments[paymentRanges[i]].map { (day: $0.paidOn.dayNumber, amount: $0.amount) }
                .sorted { $0.day < $1.day }
            if let p = payments.last { last = max(last, p.day) }
            guard invoice.amount > 0 else { continue }
            var cumulative: Int64 = 0, settled: Int?
            for p in payments {
                cumulative += p.amount
                if cumulative >= invoice.amount { settled = p.day; break }
            }
            entries.append(Entry(invoice: i, customer: Int(invoice.customer), issued: invoice.issueDate.dayNumber,
                                 due: invoice.dueDate.dayNumber, amount: invoice.amount,
                                 electronic: invoice.channel?.lowercased() == "electronic", payments: payments,
                                 settled: settled, disputes: disputes[i]))
        }
        self.entries = entries
        customerCount = portfolio.customers.count
        lastDay = last
        firstDay = first
    }

    /// The entries issued on or before `day` with an open amount at its end.
    func open(at day: Int) -> [(entry: Int, open: Int64)] {
        entries.indices.compactMap { e in
            let entry = entries[e]
            guard entry.issued <= day else { return nil }
            let open = entry.open(at: day)
            return open > 0 ? (e, open) : nil
        }
    }

    /// Customers' usual delays at a day: per customer the amount-weighted mean
    /// and standard deviation of days late (nil without a settled invoice), and
    /// the median of the means, used for customers without one.
    struct Delays {
        let byCustomer: [(mean: Double, sd: Double)?]
        let fallback: Double
    }

    /// The delays of the invoices settled in the 365 days up to `day`, all history for a customer with none there.
    func delays(at day: Int) -> Delays {
        let byCustomer = customerDelays(at: day)
        return Delays(byCustomer: byCustomer, fallback: PaymentTimingModel.median(byCustomer.compactMap { $0?.mean }))
    }

    private func customerDelays(at day: Int) -> [(mean: Double, sd: Double)?] {
        var recent = [(w: Double, s: Double, ss: Double)](repeating: (0, 0, 0), count: customerCount)
        var all = recent
        for e in entries {
            guard let settled = e.settled, settled <= day else { continue }
            let late = Double(settled - e.due), w = Double(e.amount)
            all[e.customer].w += w; all[e.customer].s += w * late; all[e.customer].ss += w * late * late
            if settled > day - 365 {
                recent[e.customer].w += w; recent[e.customer].s += w * late; recent[e.customer].ss += w * late * late
            }
        }
        return (0..<customerCount).map { c in
            let t = recent[c].w > 0 ? recent[c] : all[c]
            guard t.w > 0 else { return nil }
            let mean = t.s / t.w
            return (mean, max(0, t.ss / t.w - mean * mean).squareRoot())
        }
    }
}
