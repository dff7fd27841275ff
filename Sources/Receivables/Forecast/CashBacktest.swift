import SolventNumerics
import SolventModels

/// The cash forecast for open invoices checked against what came in: at each
/// origin (a month end with the whole horizon observed after it) the timing
/// model is fitted on the history before the origin, and its weekly forecast
/// (the calibrated expectation, as `forecast` publishes it) compared with the
/// cash actually received on the invoices open at the origin.
/// Two baselines are scored on the same weeks: every open invoice paid on its
/// due date ("due date"), and paid on its due date plus its customer's mean
/// delay ("customer mean delay", the portfolio median for a new customer);
/// dates already past land in the first week, dates beyond the horizon are not
/// counted. WAPE = Σ|actual − forecast| / Σ actual over all origin-weeks;
/// coverage is the share of origin-weeks inside each interval.
public struct CashBacktest: Sendable {
    public let origins: [CalendarDate]
    public let weeks: Int
    public let modelWAPE: Double
    public let dueDateWAPE: Double
    public let meanDelayWAPE: Double
    /// (level, share of weeks covered), in the order of the levels.
    public let coverage: [(level: Double, share: Double)]
    /// Cents received on the open invoices over all origin-weeks.
    public let actualTotal: Double
}

extension CashForecaster {
    /// Backtests the last `count` month ends whose whole horizon lies in the data.
    public func backtest(origins count: Int) throws(ModelError) -> CashBacktest {
        let lastOrigin = CalendarDate(dayNumber: ledger.lastDay - 7 * weeks)
        var origin = lastOrigin == lastOrigin.endOfMonth ? lastOrigin : lastOrigin.startOfMonth.adding(days: -1)
        var origins: [CalendarDate] = []
        while origins.count < count { origins.append(origin); origin = origin.adding(months: -1).endOfMonth }
        origins.reverse()
        var errors = (model: 0.0, due: 0.0, delay: 0.0), actualTotal = 0.0
        var covered = [Int](repeating: 0, count: levels.count), cells = 0
        var books = DayBooks(ledger)   // consecutive origins share 11 of their 12 training month ends
        for o in origins {
            let t = o.dayNumber
            prefetchBooks(asOf: o, fitting: true, into: &books)
            let model = try timingModel(asOf: o, books: &books)
            let (book, mean, paths, _) = openCash(model: model, at: t, books: &books)
            let actual = book.actualCash(ledger)
            var due = [Double](repeating: 0, count: weeks), delay = due
            for (e, open) in book.open {
                let entry = ledger.entries[e]
                if let k = week(of: entry.due, after: t) { due[k] += Double(open) }
                let expected = entry.due + Int((book.delays.byCustomer[entry.customer]?.mean ?? book.delays.fallback).rounded())
                if let k = week(of: expected, after: t) { delay[k] += Double(open) }
            }
            for k in 0..<weeks {
                errors.model += abs(actual[k] - mean[k])
                errors.due += abs(actual[k] - due[k])
                errors.delay += abs(actual[k] - delay[k])
                actualTotal += actual[k]
                let sorted = paths.map { $0[k] }.sorted()
                for (j, level) in levels.enumerated() {
                    let (lo, hi) = SampleQuantile.central(sorted: sorted, level: level)
                    if actual[k] >= lo && actual[k] <= hi { covered[j] += 1 }
                }
                cells += 1
            }
        }
        guard actualTotal > 0 else { throw .empty("no cash came in on the open invoices after the backtest origins") }
        return CashBacktest(origins: origins, weeks: weeks, modelWAPE: errors.model / actualTotal,
                            dueDateWAPE: errors.due / actualTotal, meanDelayWAPE: errors.delay / actualTotal,
                            coverage: levels.enumerated().map { ($1, Double(covered[$0]) / Double(cells)) },
                            actualTotal: actualTotal)
    }

    /// The horizon week of `day` (a day on or before `t` is week 0); nil beyond the horizon.
    private func week(of day: Int, after t: Int) -> Int? {
        let k = day <= t ? 0 : (day - t - 1) / 7
        return k < weeks ? k : nil
    }
}
