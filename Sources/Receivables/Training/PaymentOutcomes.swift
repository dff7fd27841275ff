/// When each invoice open at an as-of date was paid: the outcome a payment-date
/// model learns from (days late = settlement date − due date, DESIGN.md).
public struct PaymentOutcome: Sendable, Hashable {
    /// Index into `PortfolioData.invoices`.
    public var invoice: Int32
    /// Days from the as-of date to the due date (negative when already overdue).
    public var daysToDue: Int
    /// Settlement date − due date, nil when not settled within the horizon.
    public var daysLate: Int?
    /// The day its payments first covered it, nil when not within the horizon.
    public var settledOn: CalendarDate?
    /// Not settled by the end of the horizon: a right-censored observation.
    public var censored: Bool { settledOn == nil }
}

extension DefaultLabeler {
    /// Outcomes of the invoices open at `asOf` (issued on or before it, positive,
    /// not yet covered by payments made on or before it), settled within `horizonMonths`.
    public func paymentOutcomes(asOf: CalendarDate, horizonMonths: Int) -> [PaymentOutcome] {
        let horizonEnd = asOf.adding(months: horizonMonths)
        var out: [PaymentOutcome] = []
        for (i, invoice) in portfolio.invoices.enumerated() where invoice.amount > 0 && invoice.issueDate <= asOf {
            let settledOn = settlementDates[i]
            if let s = settledOn, s <= asOf { continue }
            let within = settledOn.flatMap { $0 <= horizonEnd ? $0 : nil }
            out.append(PaymentOutcome(invoice: Int32(i), daysToDue: asOf.days(to: invoice.dueDate),
                                      daysLate: within.map { invoice.dueDate.days(to: $0) }, settledOn: within))
        }
        return out
    }
}
