import Foundation
import SolventNumerics

/// Sales orders with their credit decision, and the CRM pipeline.
/// docs/generator.md, "Orders and opportunities".
///
/// Orders arrive at 0.7 × the invoice rate (with the same season and growth),
/// amounts 1.2 × ticket × LogNormal(0, 0.6). At the order date the credit
/// check looks at the customer's oldest overdue amount and its insurer limit:
/// blocked when the limit is withdrawn, or (60 %) when an invoice is more than
/// 60 days past due, or (10 %) more than 30; refused at random with
/// probability 1 % + 2 %·max(0, η), higher for new accounts; accepted otherwise.
/// A defaulter keeps ordering, at half the rate, after it stops paying.
struct CommercialModel: Sendable {
    let start: CalendarDate
    let end: CalendarDate
    let invoices: InvoiceModel

    func orders(_ c: CustomerProfile, into r: inout CustomerRecords, rng: inout Xoshiro256StarStar) {
        var month = c.activeFrom.startOfMonth
        var dates: [CalendarDate] = []
        let refuseBase = 0.01 + 0.02 * max(0, c.latentRisk)
        while month <= end {
            let first = max(month, c.activeFrom), last = min(month.endOfMonth, end)
            let share = Double(first.days(to: last) + 1) / Double(month.days(to: month.endOfMonth) + 1)
            var rate = 0.7 * c.invoicesPerMonth * invoices.season(c, month) * invoices.growth(c, month) * share
            if let stop = c.stopPayingOn, month > stop { rate *= 0.5 }
            dates.removeAll(keepingCapacity: true)
            for _ in 0..<rng.poisson(rate) {
                dates.append(first.adding(days: rng.integer(in: 0...first.days(to: last))))
            }
            dates.sort()
            for day in dates {
                let amount = Money(roundingUnits: max(10, 1.2 * c.ticket * rng.logNormal(mu: 0, sigma: 0.6)))
                let overdue = daysPastDue(r.invoices, at: day)
                let newAccount = c.createdOn.days(to: day) < 90
                var status = OrderStatus.accepted
                if limitWithdrawn(r.limits, at: day) || (overdue > 60 && rng.bernoulli(0.6))
                    || (overdue > 30 && rng.bernoulli(0.1)) {
                    status = .blocked
                } else if rng.bernoulli(newAccount ? refuseBase + 0.05 : refuseBase) {
                    status = .refused
                }
                r.orders.append(OrderRecord(orderedOn: day, amount: amount, status: status))
            }
            month = month.adding(months: 1)
        }
    }

    /// The largest days past due at `day` among invoices issued by then and not yet settled.
    func daysPastDue(_ invoices: [InvoiceRecord], at day: CalendarDate) -> Int {
        var worst = 0
        for inv in invoices {
            if inv.issue > day { break }
            guard !inv.amount.isNegative, inv.due < day else { continue }
            if let settled = inv.settledOn, settled <= day { continue }
            worst = max(worst, inv.due.days(to: day))
        }
        return worst
    }

    private func limitWithdrawn(_ limits: [LimitRecord], at day: CalendarDate) -> Bool {
        guard let current = limits.last(where: { $0.validFrom <= day }) else { return false }
        return current.amount == .zero
    }

    /// CRM opportunities: Poisson(rate by size × years + 0.5), expected close
    /// uniform from the first active day to 180 days after the end. Closed ones
    /// (close ≤ end) are won (45 %) or lost, always lost after a defaulter
    /// stops paying; open ones are in prospecting, qualification, proposal or
    /// negotiation. Expected amount: ticket × U(3, 25), in hundreds.
    func opportunities(_ c: CustomerProfile, into r: inout CustomerRecords, rng: inout Xoshiro256StarStar) {
        let years = Double(c.activeFrom.days(to: end)) / 365.25
        let n = rng.poisson(c.size.opportunitiesPerYear * max(0, years) + 0.5)
        let horizon = end.adding(days: 180)
        for _ in 0..<n {
            let close = c.activeFrom.adding(days: rng.integer(in: 0...max(0, c.activeFrom.days(to: horizon))))
            let stage: OpportunityStage
            if close <= end {
                let stopped = c.stopPayingOn.map { close > $0 } ?? false
                stage = !stopped && rng.bernoulli(0.45) ? .won : .lost
            } else {
                stage = [OpportunityStage.prospecting, .qualification, .proposal, .negotiation][rng.categorical([0.3, 0.25, 0.25, 0.2])]
            }
            let units = (c.ticket * rng.uniform(3, 25) / 100).rounded() * 100
            r.opportunities.append(OpportunityRecord(stage: stage, expectedAmount: Money(units: Int64(max(100, units))),
                                                     expectedClose: close))
        }
        r.opportunities.sort { ($0.expectedClose, $0.expectedAmount) < ($1.expectedClose, $1.expectedAmount) }
    }
}
