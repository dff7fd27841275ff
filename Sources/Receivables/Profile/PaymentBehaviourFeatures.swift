/// Days-late statistics of the paid positive invoices, over the last 12
/// months and over all history, and the trend (last 3 months against the 9
/// before) and the slope of days late over all history. Credit notes never enter: `InvoiceSweep` records positive invoices only.
enum PaymentBehaviourFeatures {
    /// The columns of one window, in catalogue order.
    struct Columns {
        let paid, amount, mean, median, std, late0, late30, late60, toPay, partial, missing: Feature

        static let lastYear = Columns(paid: .pb12Paid, amount: .pb12Amount, mean: .pb12Mean, median: .pb12Median,
                                      std: .pb12Std, late0: .pb12Late0, late30: .pb12Late30, late60: .pb12Late60,
                                      toPay: .pb12ToPay, partial: .pb12Partial, missing: .pb12Missing)
        static let allHistory = Columns(paid: .pbAllPaid, amount: .pbAllAmount, mean: .pbAllMean, median: .pbAllMedian,
                                        std: .pbAllStd, late0: .pbAllLate0, late30: .pbAllLate30, late60: .pbAllLate60,
                                        toPay: .pbAllToPay, partial: .pbAllPartial, missing: .pbAllMissing)
    }

    static func write(_ dates: ProfileDates, _ scratch: inout ProfileScratch, into row: FeatureRow) {
        window(after: dates.yearAgo, dates, &scratch, Columns.lastYear, row)
        window(after: Int.min, dates, &scratch, Columns.allHistory, row)
        let recent = weightedMean(scratch.paid, after: dates.quarterAgo, upTo: dates.asOf)
        let before = weightedMean(scratch.paid, after: dates.yearAgo, upTo: dates.quarterAgo)
        if let recent, let before {
            row[.pbTrend] = recent - before
            row.flag(.pbTrendMissing, false)
        } else {
            row.flag(.pbTrendMissing, true)
        }
        if let slope = slope(scratch.paid, upTo: dates.asOf) {
            row[.pbSlope] = slope
            row.flag(.pbSlopeMissing, false)
        } else {
            row.flag(.pbSlopeMissing, true)
        }
    }

    /// Fewest paid invoices for a slope.
    static let slopeMinimumInvoices = 6
    /// Shortest span of settlement dates for a slope.
    static let slopeMinimumSpanDays = 90

    /// The amount-weighted least-squares slope of days late on the settlement
    /// day, b = Σw(t − t̄)(d − d̄) / Σw(t − t̄)², times 30.4375 (days late per
    /// month), over the invoices settled on or before `to`; nil with fewer than
    /// `slopeMinimumInvoices` or a span under `slopeMinimumSpanDays`. Days are
    /// centred on the first settlement so the sums stay small and exact enough.
    static func slope(_ paid: [PaidInvoice], upTo to: Int) -> Double? {
        var n = 0, first = Int.max, last = Int.min
        var sw = 0.0, st = 0.0, sd = 0.0
        for p in paid where p.settledOn <= to {
            n += 1
            first = min(first, p.settledOn)
            last = max(last, p.settledOn)
        }
        guard n >= slopeMinimumInvoices, last - first >= slopeMinimumSpanDays else { return nil }
        for p in paid where p.settledOn <= to {
            let w = Double(p.amount)
            sw += w
            st += w * Double(p.settledOn - first)
            sd += w * Double(p.daysLate)
        }
        let tBar = st / sw, dBar = sd / sw
        var sxy = 0.0, sxx = 0.0
        for p in paid where p.settledOn <= to {
            let w = Double(p.amount), t = Double(p.settledOn - first) - tBar
            sxy += w * t * (Double(p.daysLate) - dBar)
            sxx += w * t * t
        }
        return sxx > 0 ? sxy / sxx * 30.4375 : nil
    }

    /// The statistics of the invoices settled in (from, as-of].
    private static func window(after from: Int, _ dates: ProfileDates, _ scratch: inout ProfileScratch,
                               _ c: Columns, _ row: FeatureRow) {
        scratch.window.removeAll(keepingCapacity: true)
        var total: Int64 = 0, weightedDays = 0.0, weightedToPay = 0.0
        var late0 = 0, late30 = 0, late60 = 0, partial = 0
        for p in scratch.paid where p.settledOn > from && p.settledOn <= dates.asOf {
            scratch.window.append((p.daysLate, p.amount))
            total += p.amount
            weightedDays += Double(p.amount) * Double(p.daysLate)
            weightedToPay += Double(p.amount) * Double(p.daysToPay)
            if p.daysLate > 0 { late0 += 1 }
            if p.daysLate > 30 { late30 += 1 }
            if p.daysLate > 60 { late60 += 1 }
            if p.payments >= 2 { partial += 1 }
        }
        let n = scratch.window.count
        row.count(c.paid, n)
        row.money(c.amount, total)
        row.flag(c.missing, n == 0)
        guard n > 0, total > 0 else { return }
        let w = Double(total)
        let mean = weightedDays / w
        row[c.mean] = mean
        row[c.median] = Double(weightedMedian(&scratch.window, total: total))
        var spread = 0.0
        for (days, amount) in scratch.window {
            let d = Double(days) - mean
            spread += Double(amount) * d * d
        }
        row[c.std] = (spread / w).squareRoot()
        let count = Double(n)
        row[c.late0] = Double(late0) / count
        row[c.late30] = Double(late30) / count
        row[c.late60] = Double(late60) / count
        row[c.toPay] = weightedToPay / w
        row[c.partial] = Double(partial) / count
    }

    /// The smallest days late at which the cumulative amount (ascending days
    /// late) reaches half the total: 2 · cumulative ≥ total, in exact cents.
    static func weightedMedian(_ values: inout [(days: Int, amount: Int64)], total: Int64) -> Int {
        values.sort { $0.days < $1.days }
        var cumulative: Int64 = 0
        for (days, amount) in values {
            cumulative += amount
            if cumulative * 2 >= total { return days }
        }
        return values.last?.days ?? 0
    }

    /// Amount-weighted mean days late of the invoices settled in (from, to], nil when there are none.
    private static func weightedMean(_ paid: [PaidInvoice], after from: Int, upTo to: Int) -> Double? {
        var total: Int64 = 0, weighted = 0.0
        for p in paid where p.settledOn > from && p.settledOn <= to {
            total += p.amount
            weighted += Double(p.amount) * Double(p.daysLate)
        }
        return total > 0 ? weighted / Double(total) : nil
    }
}
