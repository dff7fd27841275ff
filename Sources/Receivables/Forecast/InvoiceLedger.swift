import Dispatch

/// Each positive invoice's payments in date order, for the payment-timing
/// model and the cash forecast: what was open at a date, when it was settled,
/// and the cash it brought in a window. Credit notes and zero invoices are
/// left out (they bring no cash).
///
/// Flat: an entry's payments and disputes are ranges into the portfolio's own
/// arrays (sorted by invoice), so ten million invoices cost no allocation each.
struct InvoiceLedger: Sendable {
    /// 48 bytes (32-bit positions and day numbers): the scans read every entry
    /// at each date, so their speed is the size of an entry (it was 96).
    struct Entry: Sendable {
        private let invoice32: Int32
        private let customer32: Int32
        private let issued32: Int32
        private let due32: Int32
        /// Cents, > 0.
        let amount: Int64
        /// The day the payments first covered the amount, `Int32.max` if never.
        private let settled32: Int32
        private let paymentStart: Int32, paymentEnd: Int32
        private let disputeStart: Int32, disputeEnd: Int32
        let electronic: Bool

        init(invoice: Int, customer: Int, issued: Int, due: Int, amount: Int64, electronic: Bool,
             payments: Range<Int>, settled: Int?, disputes: Range<Int>) {
            invoice32 = Int32(invoice)
            customer32 = Int32(customer)
            issued32 = Int32(issued)
            due32 = Int32(due)
            self.amount = amount
            settled32 = settled.map { Int32($0) } ?? .max
            paymentStart = Int32(payments.lowerBound)
            paymentEnd = Int32(payments.upperBound)
            disputeStart = Int32(disputes.lowerBound)
            disputeEnd = Int32(disputes.upperBound)
            self.electronic = electronic
        }

        var invoice: Int { Int(invoice32) }
        var customer: Int { Int(customer32) }
        var issued: Int { Int(issued32) }
        var due: Int { Int(due32) }
        /// Its payments in `InvoiceLedger.payments`, in date order.
        var payments: Range<Int> { Int(paymentStart)..<Int(paymentEnd) }
        /// The day the payments first covered the amount, if ever.
        var settled: Int? { settled32 == .max ? nil : Int(settled32) }
        /// Whether it was not yet settled at the end of `day` (no optional on the scans' path).
        @inline(__always) func unsettled(at day: Int) -> Bool { Int(settled32) > day }
        /// Its disputes in `InvoiceLedger.disputes`.
        var disputes: Range<Int> { Int(disputeStart)..<Int(disputeEnd) }
    }

    let entries: [Entry]
    /// `entries` in parts for parallel scans (`parts(_:)`).
    let parts: [Range<Int>]
    /// The portfolio's payments, sorted by (invoice, paid on).
    let payments: [PortfolioData.Payment]
    /// The portfolio's disputes, sorted by (invoice, opened on).
    let disputes: [PortfolioData.Dispute]
    let customerCount: Int
    /// The last day with an invoice or a payment.
    let lastDay: Int
    /// The first issue day.
    let firstDay: Int

    /// Built in parts on all cores, each a run of invoices writing its entries
    /// straight into their places (counted first: credit notes are left out),
    /// so the entries keep the invoices' order and are never copied.
    init(_ portfolio: PortfolioData) {
        let paymentRanges = portfolio.paymentRanges
        let disputeRanges = portfolio.disputeRanges
        let payments = portfolio.payments
        let invoices = portfolio.invoices
        let chunk = 1 << 20
        let chunks = (invoices.count + chunk - 1) / chunk
        let range = { (part: Int) in part * chunk..<min(invoices.count, (part + 1) * chunk) }
        let counts = concurrentMap(chunks) { part in range(part).reduce(0) { $0 + (invoices[$1].amount > 0 ? 1 : 0) } }
        var bounds: [(last: Int, first: Int)] = []
        entries = [Entry](unsafeUninitializedCapacity: counts.reduce(0, +)) { buffer, count in
            let out = SendableBuffer(buffer)
            bounds = concurrentMap(chunks) { part in
                var at = counts[..<part].reduce(0, +)
                var last = Int.min, first = Int.max
                for i in range(part) {
                    let invoice = invoices[i]
                    last = max(last, invoice.issueDate.dayNumber)
                    first = min(first, invoice.issueDate.dayNumber)
                    let range = paymentRanges[i]
                    if let p = range.last { last = max(last, payments[p].paidOn.dayNumber) }
                    guard invoice.amount > 0 else { continue }
                    var cumulative: Int64 = 0, settled: Int?
                    for p in range {
                        cumulative += payments[p].amount
                        if cumulative >= invoice.amount { settled = payments[p].paidOn.dayNumber; break }
                    }
                    out.buffer.initializeElement(at: at, to: Entry(
                        invoice: i, customer: Int(invoice.customer), issued: invoice.issueDate.dayNumber,
                        due: invoice.dueDate.dayNumber, amount: invoice.amount, electronic: Self.isElectronic(invoice.channel),
                        payments: range, settled: settled, disputes: disputeRanges[i]))
                    at += 1
                }
                return (last, first)
            }
            count = buffer.count
        }
        parts = Self.parts(entries)
        self.payments = payments
        disputes = portfolio.disputes
        customerCount = portfolio.customers.count
        lastDay = bounds.map(\.last).max() ?? .min
        firstDay = bounds.map(\.first).min() ?? .max
    }

    /// Whether a channel reads "electronic" in any case (without lowercasing ten million strings).
    static func isElectronic(_ channel: String?) -> Bool {
        // `==` on equal small strings compares their bits: the usual spelling costs no byte loop.
        guard let channel, channel.utf8.count == 10 else { return false }
        return channel == "electronic" || channel.lowercased() == "electronic"
    }

    /// The amount of `e` not paid by the end of `day`.
    func open(_ e: Entry, at day: Int) -> Int64 {
        var paid: Int64 = 0
        for p in e.payments where payments[p].paidOn.dayNumber <= day { paid += payments[p].amount }
        return max(0, e.amount - paid)
    }

    /// Whether `e` has a dispute open at the end of `day`.
    func disputed(_ e: Entry, at day: Int) -> Bool {
        disputes[e.disputes].contains { $0.openedOn.dayNumber <= day && ($0.resolvedOn.map { $0.dayNumber > day } ?? true) }
    }

    /// (day, cents) of each payment of `e`, in date order.
    func payments(of e: Entry) -> some Sequence<(day: Int, amount: Int64)> {
        payments[e.payments].lazy.map { (day: $0.paidOn.dayNumber, amount: $0.amount) }
    }

    /// The open invoices and the customers' delays at the end of a day: what a
    /// fit of the timing model and an open book start from.
    struct DayBook: Sendable {
        let day: Int
        let delays: Delays
        /// (entry, open cents), in ledger order.
        let open: [(entry: Int, open: Int64)]

        /// Every s-th open invoice, s = ⌈open ÷ limit⌉: a uniform subsample (the book itself within the limit).
        func limited(to limit: Int) -> DayBook {
            let s = max(1, (open.count + limit - 1) / max(limit, 1))
            return s == 1 ? self : DayBook(day: day, delays: delays, open: stride(from: 0, to: open.count, by: s).map { open[$0] })
        }
    }

    /// The book at the end of `day`.
    func book(at day: Int) -> DayBook { books(at: [day])[0] }

    /// The books at the ends of `days`, in one scan of the ledger: each part's
    /// entries are read once for all the days (the fit and the calibration of a
    /// cash forecast need some fifteen month ends; a scan per day and per half
    /// read the ledger thirty times). A book's open invoices are the entries
    /// issued by its day with an amount still open at its end, in ledger order;
    /// its delays are those of the invoices settled in the 365 days up to it,
    /// all history for a customer with none there.
    func books(at days: [Int]) -> [DayBook] {
        let n = days.count, customers = customerCount
        guard n > 0 else { return [] }
        let delayed = UnsafeMutableBufferPointer<(mean: Double, sd: Double)?>.allocate(capacity: n * customers)
        delayed.initialize(repeating: nil)
        defer { delayed.deallocate() }
        let out = SendableBuffer(delayed)
        let lists = concurrentMap(parts.count) { p in
            var lists = [[(entry: Int, open: Int64)]](repeating: [], count: n)
            var c = -1
            var recent = [(w: Double, s: Double, ss: Double)](repeating: (0, 0, 0), count: n), all = recent
            func finish() {
                guard c >= 0 else { return }
                for q in 0..<n {
                    let t = recent[q].w > 0 ? recent[q] : all[q]
                    guard t.w > 0 else { continue }
                    let mean = t.s / t.w
                    out.buffer[q * customers + c] = (mean, max(0, t.ss / t.w - mean * mean).squareRoot())
                }
            }
            for e in parts[p] {
                let entry = entries[e]
                if entry.customer != c {
                    finish()
                    c = entry.customer
                    for q in 0..<n { recent[q] = (0, 0, 0); all[q] = (0, 0, 0) }
                }
                let settled = entry.settled ?? .max
                let late = Double(settled - entry.due), w = Double(entry.amount)
                for q in 0..<n {
                    let day = days[q]
                    if settled <= day {
                        all[q].w += w; all[q].s += w * late; all[q].ss += w * late * late
                        if settled > day - 365 { recent[q].w += w; recent[q].s += w * late; recent[q].ss += w * late * late }
                    } else if entry.issued <= day {
                        let open = open(entry, at: day)
                        if open > 0 { lists[q].append((e, open)) }
                    }
                }
            }
            finish()
            return lists
        }
        return (0..<n).map { q in
            let byCustomer = Array(delayed[q * customers..<(q + 1) * customers])
            return DayBook(day: days[q], delays: Delays(byCustomer: byCustomer, fallback: PaymentTimingModel.median(byCustomer.compactMap { $0?.mean })),
                           open: Array(lists.map { $0[q] }.joined()))
        }
    }

    /// Customers' usual delays at a day: per customer the amount-weighted mean
    /// and standard deviation of days late (nil without a settled invoice), and
    /// the median of the means, used for customers without one.
    struct Delays {
        let byCustomer: [(mean: Double, sd: Double)?]
        let fallback: Double
    }

    /// The entries cut into up to 16 parts for scans on all cores, each cut at a
    /// change of customer (a customer's entries are contiguous: the portfolio's
    /// invoices are sorted by customer).
    static func parts(_ entries: [Entry]) -> [Range<Int>] {
        let target = max(1, entries.count / 16)
        var parts: [Range<Int>] = [], start = 0
        while start < entries.count {
            var end = min(entries.count, start + target)
            while end < entries.count && entries[end].customer == entries[end - 1].customer { end += 1 }
            parts.append(start..<end)
            start = end
        }
        return parts
    }
}
