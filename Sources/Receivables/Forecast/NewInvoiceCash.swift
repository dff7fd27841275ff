import Foundation
import SolventModels
import SolventNumerics

/// Cash from invoices not issued yet: an automatic ETS forecast of monthly
/// sales (positive invoices by issue month, complete months up to the as-of
/// date, at most the last 36), issued evenly over each month's days after the
/// as-of date, collected by the portfolio's collection pattern — the share of
/// an invoice's amount paid d days after issue, d = 0…7·weeks, from the
/// invoices issued in the year before as-of − 7·weeks (so fully observed).
///
/// Intervals: each month's sales are drawn from a normal with the ETS mean
/// and the standard deviation its 80 % interval implies, independently per
/// month and floored at 0 (cash is linear in sales); the pattern is kept fixed.
struct NewInvoiceCash: Sendable {
    let mean: [Double]
    let method: String
    let notes: [String]
    let monthMeans: [Double]
    let monthSDs: [Double]
    /// shares[m][k]: the share of forecast month m's sales collected in week k.
    let shares: [[Double]]
    /// The complete months before as-of (month ends) and their sales, cents.
    let historyMonths: [CalendarDate]
    let historySales: [Double]
    /// The forecast months (month ends), in order.
    let futureMonths: [CalendarDate]

    /// nil when there are fewer than 6 complete months of sales before `asOf`.
    init?(_ ledger: InvoiceLedger, asOf: CalendarDate, weeks: Int) throws(ModelError) {
        let t = asOf.dayNumber, horizonEnd = t + 7 * weeks
        let lastComplete = asOf == asOf.endOfMonth ? asOf : asOf.startOfMonth.adding(days: -1)
        guard ledger.firstDay != .max else { return nil }
        let first = CalendarDate(dayNumber: ledger.firstDay)
        var months: [CalendarDate] = []
        var m = first.endOfMonth
        if first != first.startOfMonth { m = m.adding(months: 1).endOfMonth }  // the first month may be partial
        while m <= lastComplete { months.append(m); m = m.adding(months: 1).endOfMonth }
        months = Array(months.suffix(36))
        guard months.count >= 6 else { return nil }
        var sales = [Double](repeating: 0, count: months.count)
        // The month of each day from the first month's start (no calendar arithmetic per invoice).
        let base = months[0].startOfMonth.dayNumber
        var monthOfDay = [Int32](repeating: 0, count: months[months.count - 1].dayNumber - base + 1)
        for (i, month) in months.enumerated() {
            for d in month.startOfMonth.dayNumber...month.dayNumber { monthOfDay[d - base] = Int32(i) }
        }
        for e in ledger.entries where e.issued >= base && e.issued - base < monthOfDay.count {
            sales[Int(monthOfDay[e.issued - base])] += Double(e.amount)
        }
        // Months whose days after as-of fall in the horizon.
        var future: [CalendarDate] = []
        var f = lastComplete.adding(days: 1).endOfMonth
        while f.startOfMonth.dayNumber <= horizonEnd { future.append(f); f = f.adding(months: 1).endOfMonth }
        historyMonths = months
        historySales = sales
        futureMonths = future
        let fit = try ETS(period: months.count >= 24 ? 12 : 1).fit(sales, id: "monthly sales")
        let forecast = try fit.forecast(horizon: future.count, levels: [80])
        let z80 = 1.2815515655446004
        monthMeans = forecast.mean.map { max($0, 0) }
        monthSDs = (forecast.interval(level: 80).map { zip($0.lower, $0.upper).map { ($1 - $0) / (2 * z80) } }) ?? forecast.mean.map { _ in 0 }
        method = forecast.method
        notes = fit.notes.map { "sales forecast: \($0)" }
        // Collection pattern.
        let span = 7 * weeks
        var pattern = [Double](repeating: 0, count: span + 1), issued = 0.0
        for e in ledger.entries where e.issued > t - span - 365 && e.issued <= t - span {
            issued += Double(e.amount)
            for p in ledger.payments(of: e) where p.day - e.issued <= span && p.day >= e.issued { pattern[p.day - e.issued] += Double(p.amount) }
        }
        if issued > 0 { pattern = pattern.map { $0 / issued } }
        let shares = future.map { month in
            var row = [Double](repeating: 0, count: weeks)
            let days = Double(month.day)
            for issue in max(month.startOfMonth.dayNumber, t + 1)...month.dayNumber where issue <= horizonEnd {
                for d in 0...span {
                    let pay = issue + d
                    guard pay > t, pay <= horizonEnd else { continue }
                    row[(pay - t - 1) / 7] += pattern[d] / days
                }
            }
            return row
        }
        self.shares = shares
        let means = monthMeans
        mean = (0..<weeks).map { k in zip(means, shares).reduce(0) { $0 + $1.0 * $1.1[k] } }
    }

    func simulate(_ paths: Int, seed: UInt64) -> [[Double]] { simulateWithSales(paths, seed: seed).map(\.cash) }

    /// Each path's monthly sales (the forecast months) and the weekly cash they bring.
    func simulateWithSales(_ paths: Int, seed: UInt64) -> [(sales: [Double], cash: [Double])] {
        var generator = Xoshiro256StarStar(seed: seed)
        return (0..<paths).map { _ in
            let sales = zip(monthMeans, monthSDs).map { max(0, generator.normal(mean: $0, sd: $1)) }
            return (sales, (0..<mean.count).map { k in zip(sales, shares).reduce(0) { $0 + $1.0 * $1.1[k] } })
        }
    }
}
