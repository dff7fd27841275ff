/// What counts as a default, for labelling training data (DESIGN.md: an
/// invoice 90 or more days past due within the horizon after the as-of date).
///
/// Write-offs are part of DESIGN.md's definition but no source file carries
/// them yet; when one does, they join here.
public struct DefaultDefinition: Sendable, Hashable, Codable {
    /// Days past due at which an open invoice is a default.
    public var daysPastDue: Int
    /// The outcome window after the as-of date, in calendar months.
    public var horizonMonths: Int

    public init(daysPastDue: Int = 90, horizonMonths: Int = 12) {
        self.daysPastDue = daysPastDue
        self.horizonMonths = horizonMonths
    }

    /// Throws a message naming the bad setting.
    public func validate() throws(TrainingSetError) {
        guard daysPastDue >= 1 else { throw TrainingSetError("days past due must be ≥ 1, got \(daysPastDue)") }
        guard (1...120).contains(horizonMonths) else {
            throw TrainingSetError("horizon must be 1…120 months, got \(horizonMonths)")
        }
    }
}

/// A customer's outcome around one as-of date.
public struct DefaultLabel: Sendable, Hashable {
    /// Index into `PortfolioData.customers`.
    public var customer: Int32
    /// Already in default at the as-of date (an invoice open and past the
    /// threshold then): such customers are left out of training sets.
    public var inDefaultAtAsOf: Bool
    /// Defaults within the horizon after the as-of date.
    public var defaults: Bool
    /// The first date within the horizon on which an invoice crossed the threshold while open.
    public var defaultDate: CalendarDate?
}

/// Labels customers by the default definition. An invoice "crosses" on
/// due date + `daysPastDue` if it is still open that day (payments made up to
/// and including that day count; credit notes never cross). A customer is in
/// default at the as-of date t when an invoice issued on or before t has
/// crossed on or before t and is still open at t; it defaults within the
/// horizon when an invoice crosses in (t, t + horizon].
public struct DefaultLabeler: Sendable {
    public let definition: DefaultDefinition
    /// Per invoice: the day it crosses the threshold while open, nil if it never does.
    private let crossing: [CalendarDate?]
    /// Per invoice: the day its payments first covered it, nil if never.
    let settlementDates: [CalendarDate?]
    let portfolio: PortfolioData

    public init(data: PortfolioData, definition: DefaultDefinition = DefaultDefinition()) {
        self.definition = definition
        self.portfolio = data
        let ledger = ReceivablesLedger(data)
        let settled = data.invoices.indices.map(ledger.settlementDate(invoice:))
        var crossing = [CalendarDate?](repeating: nil, count: data.invoices.count)
        for (i, invoice) in data.invoices.enumerated() where invoice.amount > 0 {
            let threshold = invoice.dueDate.adding(days: definition.daysPastDue)
            if settled[i].map({ $0 > threshold }) ?? true { crossing[i] = threshold }
        }
        self.crossing = crossing
        settlementDates = settled
    }

    /// One label per customer created on or before `asOf` (all customers when creation dates are missing).
    public func labels(asOf: CalendarDate) -> [DefaultLabel] {
        let horizonEnd = asOf.adding(months: definition.horizonMonths)
        let ranges = portfolio.invoiceRanges
        var out: [DefaultLabel] = []
        out.reserveCapacity(portfolio.customers.count)
        for (c, customer) in portfolio.customers.enumerated() {
            if let created = customer.createdOn, created > asOf { continue }
            var label = DefaultLabel(customer: Int32(c), inDefaultAtAsOf: false, defaults: false, defaultDate: nil)
            for i in ranges[c] {
                guard let cross = crossing[i] else { continue }
                let invoice = portfolio.invoices[i]
                if invoice.issueDate <= asOf, cross <= asOf, settlementDates[i].map({ $0 > asOf }) ?? true {
                    label.inDefaultAtAsOf = true
                }
                if cross > asOf, cross <= horizonEnd, label.defaultDate.map({ cross < $0 }) ?? true {
                    label.defaults = true
                    label.defaultDate = cross
                }
            }
            out.append(label)
        }
        return out
    }
}

/// A training set that cannot be built, and why.
public struct TrainingSetError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
