/// One pass over a customer's invoices and their payments (both sorted, so
/// the payments of invoice i follow those of invoice i − 1): settlement dates
/// for the payment behaviour, payment dates for regularity, and the open
/// amounts for exposure. Linear in the customer's records.
struct InvoiceSweep {
    /// Σ open amount of every invoice issued on or before as-of (cents).
    var open: Int64 = 0
    /// Open amount of credit notes (≤ 0 normally).
    var creditNotes: Int64 = 0
    /// Open amount of positive invoices with something open, by aging bucket:
    /// current, 1–30, 31–60, 61–90, 91+.
    var buckets: (Int64, Int64, Int64, Int64, Int64) = (0, 0, 0, 0, 0)
    var overdue: Int64 = 0
    var openInvoices = 0
    var partiallyPaid = 0
    var oldestDaysPastDue = 0
    /// Positive invoices issued in the last 12 months.
    var issuedLastYear = 0
    /// Positive invoices issued on or before as-of.
    var issued = 0

    var grossOpen: Int64 { buckets.0 + buckets.1 + buckets.2 + buckets.3 + buckets.4 }

    /// Sweeps the customer's invoices, filling `scratch.paid` and `scratch.paymentDays`.
    static func run(_ data: PortfolioData, _ records: CustomerRecordRanges, _ dates: ProfileDates,
                    _ scratch: inout ProfileScratch) -> InvoiceSweep {
        var s = InvoiceSweep()
        scratch.paid.removeAll(keepingCapacity: true)
        scratch.paymentDays.removeAll(keepingCapacity: true)
        var p = records.payments.lowerBound
        let pEnd = records.payments.upperBound
        for i in records.invoices {
            let invoice = data.invoices[i]
            let issue = invoice.issueDate.dayNumber
            let index = Int32(truncatingIfNeeded: i)
            guard issue <= dates.asOf else {
                while p < pEnd && data.payments[p].invoice == index { p += 1 }
                continue
            }
            let positive = invoice.amount > 0
            var paidSoFar: Int64 = 0, count = 0
            var settled: (day: Int, payments: Int)?
            while p < pEnd && data.payments[p].invoice == index {
                let payment = data.payments[p]
                p += 1
                let day = payment.paidOn.dayNumber
                guard day <= dates.asOf else { continue }
                paidSoFar += payment.amount
                count += 1
                guard positive else { continue }
                if settled == nil && paidSoFar >= invoice.amount { settled = (day, count) }
                if payment.amount > 0 && dates.inLastYear(day) { scratch.paymentDays.append(day) }
            }
            let openAmount = invoice.amount - paidSoFar
            s.open += openAmount
            if invoice.amount < 0 { s.creditNotes += openAmount }
            guard positive else { continue }
            s.issued += 1
            if dates.inLastYear(issue) { s.issuedLastYear += 1 }
            if let settled {
                scratch.paid.append(PaidInvoice(settledOn: settled.day, daysLate: settled.day - invoice.dueDate.dayNumber,
                                                daysToPay: settled.day - issue, amount: invoice.amount, payments: settled.payments))
            }
            if openAmount > 0 { s.addOpen(openAmount, daysPastDue: dates.asOf - invoice.dueDate.dayNumber, partlyPaid: count > 0) }
        }
        return s
    }

    private mutating func addOpen(_ amount: Int64, daysPastDue dpd: Int, partlyPaid: Bool) {
        openInvoices += 1
        if partlyPaid { partiallyPaid += 1 }
        switch dpd {
        case ...0: buckets.0 += amount
        case 1...30: buckets.1 += amount
        case 31...60: buckets.2 += amount
        case 61...90: buckets.3 += amount
        default: buckets.4 += amount
        }
        if dpd > 0 {
            overdue += amount
            oldestDaysPastDue = max(oldestDaysPastDue, dpd)
        }
    }
}

/// Open AR, overdue AR, the oldest past-due invoice and the aging shares (DESIGN.md's buckets).
enum ExposureFeatures {
    static func write(_ s: InvoiceSweep, into row: FeatureRow) {
        row.money(.arOpen, s.open)
        row.money(.arOverdue, s.overdue)
        row.count(.arOpenInvoices, s.openInvoices)
        row.count(.arPartiallyPaid, s.partiallyPaid)
        row.count(.arOldestDaysPastDue, s.oldestDaysPastDue)
        row.money(.arCreditNotes, s.creditNotes)
        let gross = s.grossOpen
        row.flag(.arAgingMissing, gross <= 0)
        guard gross > 0 else { return }
        let total = Double(gross)
        row[.arShareCurrent] = Double(s.buckets.0) / total
        row[.arShare1to30] = Double(s.buckets.1) / total
        row[.arShare31to60] = Double(s.buckets.2) / total
        row[.arShare61to90] = Double(s.buckets.3) / total
        row[.arShare91plus] = Double(s.buckets.4) / total
    }
}
