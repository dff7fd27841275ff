import Foundation

/// Whether a customer pays on a fixed day of the month, and whether it pays
/// in batches, from its payment dates of the last 12 months (positive
/// payments on positive invoices, as `InvoiceSweep` collects them).
///
/// The day-of-month statistics use distinct payment dates, so a pay run that
/// settles ten invoices counts once: the concentration is the mean resultant
/// length R = |Σ exp(iθ)| / n of θ = 2π·(day − 1)/days-in-month (Mardia &
/// Jupp, *Directional Statistics*, 2000, §2.3.1), 1 for a customer that always
/// pays on the same day, near 0 for days spread over the month.
enum RegularityFeatures {
    /// Fewer distinct payment dates than this leave the family missing.
    static let minimumDates = 3
    /// A date with at least this many payments of the customer is a batch.
    static let batchSize = 3

    static func write(_ scratch: inout ProfileScratch, into row: FeatureRow) {
        scratch.paymentDays.sort()
        let days = scratch.paymentDays
        var distinct = 0, batched = 0
        var sumCos = 0.0, sumSin = 0.0
        var dayCounts = [Int](repeating: 0, count: 32)
        var i = 0
        while i < days.count {
            var j = i + 1
            while j < days.count && days[j] == days[i] { j += 1 }
            let n = j - i
            if n >= batchSize { batched += n }
            distinct += 1
            let (y, m, d) = CalendarDate(dayNumber: days[i]).components
            let theta = 2 * Double.pi * Double(d - 1) / Double(CalendarDate.daysIn(year: y, month: m))
            sumCos += cos(theta)
            sumSin += sin(theta)
            dayCounts[d] += 1
            i = j
        }
        row.count(.regPaymentDays, distinct)
        row.flag(.regMissing, distinct < minimumDates)
        guard distinct >= minimumDates else { return }
        let n = Double(distinct)
        row[.regConcentration] = min(1, (sumCos * sumCos + sumSin * sumSin).squareRoot() / n)
        var modal = 1
        for d in 2...31 where dayCounts[d] > dayCounts[modal] { modal = d }
        row[.regModalDay] = Double(modal)
        row[.regModalShare] = Double(dayCounts[modal]) / n
        row[.regBatchShare] = Double(batched) / Double(days.count)
    }
}
