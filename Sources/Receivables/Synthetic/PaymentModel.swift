import Foundation
import SolventNumerics

/// Decides for one invoice: is it disputed, when is it paid, in how many
/// instalments, and does a dispute end in a credit note.
/// docs/generator.md, "Payments" and "Disputes".
///
/// Days late (paid_on − due_date) by behaviour:
/// punctual −2…+3 (4 %: +4…+15); fixed day: the pay-run day of the month
/// after the due month; slow but steady: mean 20…40, sd 3; chronic disputer:
/// mean 3…15, sd 6, disputed invoices wait for the resolution; deteriorating:
/// mean 0…8 plus 1.5…3.5 days per month of history, sd 4, at most 85.
/// Defaulters pay by their base behaviour, 0…25 days slower over the 180 days
/// before they stop, and nothing after the stop. Payments fall on business days
/// and never before the issue date; none is recorded after the end date.
struct PaymentModel: Sendable {
    let start: CalendarDate
    let end: CalendarDate

    func settle(invoice index: Int, missingPurchaseOrder: Bool, _ c: CustomerProfile,
                into r: inout CustomerRecords, rng: inout Xoshiro256StarStar) {
        let invoice = r.invoices[index]
        var payDate = plannedPayment(invoice, c, rng: &rng)
        if let dispute = drawDispute(invoice, index: index, missingPurchaseOrder: missingPurchaseOrder, c, rng: &rng) {
            r.disputes.append(dispute)
            guard let resolved = dispute.resolvedOn else { return }   // stays open while disputed
            payDate = max(payDate, resolved.adding(days: rng.integer(in: 1...10)).nextBusinessDay)
            creditNote(after: dispute, resolved: resolved, invoice: invoice, c, into: &r, rng: &rng)
        }
        let instalments = rng.bernoulli(c.segment.partialPaymentProbability) ? (rng.bernoulli(0.8) ? 2 : 3) : 1
        pay(invoice: index, amount: invoice.amount, firstDate: payDate, instalments: instalments, c, into: &r, rng: &rng)
    }

    /// The day the whole invoice would be paid if nothing got in the way.
    private func plannedPayment(_ inv: InvoiceRecord, _ c: CustomerProfile, rng: inout Xoshiro256StarStar) -> CalendarDate {
        var late: Double
        switch c.baseSegment {
        case .punctual:
            late = rng.bernoulli(0.96) ? Double(rng.integer(in: -2...3)) : Double(rng.integer(in: 4...15))
        case .fixedDay:
            let (y, m, _) = inv.due.components
            var run = CalendarDate.clamped(year: y, month: m + 1, day: c.payDay)
            if rng.bernoulli(0.1) { run = run.adding(days: rng.integer(in: -3...3)) }
            late = Double(inv.due.days(to: run))
        case .slowSteady:
            late = rng.normal(mean: c.meanDelay, sd: 3)
        case .chronicDisputer:
            late = rng.normal(mean: c.meanDelay, sd: 6)
        case .deteriorating:
            let months = Double(max(0, start.months(to: inv.due)))
            late = min(85, rng.normal(mean: c.meanDelay + c.delaySlope * months, sd: 4))
        case .defaulter:
            late = 0
        }
        if let stop = c.stopPayingOn {
            let daysToStop = Double(inv.due.days(to: stop))
            if daysToStop < 180 { late += 25 * (1 - max(0, daysToStop) / 180) }
        }
        let date = inv.due.adding(days: Int(late.rounded())).nextBusinessDay
        return max(date, inv.issue)
    }

    /// A dispute on the invoice, or nil. Reasons: a missing PO (70 % of the
    /// invoices that lack a required one), else with the customer's dispute
    /// rate: wrong address (more often on paper), price, quality, quantity.
    /// Opened 3…20 days after issue; open for 5…20 (address), 5…25 (PO),
    /// 15…60 (price), 20…90 (quality) or 10…40 (quantity) days, 30 % longer
    /// for chronic disputers; unresolved (empty resolved_on) at the end date.
    private func drawDispute(_ inv: InvoiceRecord, index: Int, missingPurchaseOrder: Bool, _ c: CustomerProfile,
                             rng: inout Xoshiro256StarStar) -> DisputeRecord? {
        var reason: DisputeReason?
        if missingPurchaseOrder && rng.bernoulli(0.7) {
            reason = .missingPO
        } else if rng.bernoulli(c.disputeRate) {
            let wrongAddress = c.preferredChannel == .paper ? 0.35 : 0.12
            let pick = rng.categorical([wrongAddress, 0.35, 0.30, 0.20])
            reason = [DisputeReason.wrongAddress, .price, .quality, .quantity][pick]
        }
        guard let reason else { return nil }
        let opened = inv.issue.adding(days: rng.integer(in: 3...20)).nextBusinessDay
        guard opened <= end else { return nil }
        var days: Int
        switch reason {
        case .wrongAddress: days = rng.integer(in: 5...20)
        case .missingPO: days = rng.integer(in: 5...25)
        case .price: days = rng.integer(in: 15...60)
        case .quality: days = rng.integer(in: 20...90)
        case .quantity: days = rng.integer(in: 10...40)
        }
        if c.baseSegment == .chronicDisputer { days = days * 13 / 10 }
        let resolved = opened.adding(days: days).nextBusinessDay
        return DisputeRecord(invoice: index, openedOn: opened, resolvedOn: resolved <= end ? resolved : nil, reason: reason)
    }

    /// Half of the resolved price, quality and quantity disputes end in a
    /// credit note (a negative invoice) of 5…30 %, 10…100 % or 5…50 % of the
    /// invoice, issued on the resolution day and due at once. The customer
    /// pays the invoice in full; the credit note is offset by a negative payment
    /// 0…30 days later (unless the customer has stopped paying by then).
    private func creditNote(after dispute: DisputeRecord, resolved: CalendarDate, invoice: InvoiceRecord,
                            _ c: CustomerProfile, into r: inout CustomerRecords, rng: inout Xoshiro256StarStar) {
        let share: Double
        switch dispute.reason {
        case .price: share = rng.uniform(0.05, 0.30)
        case .quality: share = rng.uniform(0.10, 1.00)
        case .quantity: share = rng.uniform(0.05, 0.50)
        case .wrongAddress, .missingPO: return
        }
        guard rng.bernoulli(0.5) else { return }
        let amount = Money(roundingUnits: -invoice.amount.doubleValue * share)
        guard amount.isNegative else { return }
        let note = InvoiceRecord(issue: resolved, due: resolved, amount: amount, channel: invoice.channel,
                                 purchaseOrder: invoice.purchaseOrder, settledOn: nil, creation: r.invoices.count)
        r.invoices.append(note)
        pay(invoice: r.invoices.count - 1, amount: amount, firstDate: resolved.adding(days: rng.integer(in: 0...30)).nextBusinessDay,
            instalments: 1, c, into: &r, rng: &rng)
    }

    /// Records the payments of `amount` from `firstDate`, in `instalments`
    /// parts (the first 30…70 % of the amount, then the rest 10…40 days apart,
    /// the last part taking the remainder so the parts add up to the cent).
    /// Payments after the end date or a defaulter's stop are not made.
    private func pay(invoice index: Int, amount: Money, firstDate: CalendarDate, instalments: Int,
                     _ c: CustomerProfile, into r: inout CustomerRecords, rng: inout Xoshiro256StarStar) {
        let lastDay = min(end, c.stopPayingOn ?? end)
        let parts = abs(amount.minorUnits) < 1_000 ? 1 : instalments
        var remaining = amount
        var date = firstDate
        for part in 1...parts {
            var paid = remaining
            if part < parts {
                let share = part == 1 ? rng.uniform(0.3, 0.7) : rng.uniform(0.3, 0.6)
                paid = Money(minorUnits: max(1, Int64((Double(remaining.minorUnits) * share).rounded())))
            }
            guard date <= lastDay else { return }
            r.payments.append(PaymentRecord(invoice: index, paidOn: date, amount: paid))
            remaining -= paid
            if remaining == .zero { r.invoices[index].settledOn = date }
            date = date.adding(days: rng.integer(in: 10...40)).nextBusinessDay
        }
    }
}
