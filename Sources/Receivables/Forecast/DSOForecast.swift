import SolventNumerics
import SolventModels

/// Monthly DSO after a month end, projected from the cash forecast: AR at each
/// future month end = AR at the as-of date + forecast sales − forecast
/// collections (open and new invoices), then standard and countback DSO by
/// the definitions of docs/metrics.md, on every simulated path; the mean and
/// the quantile intervals over paths. Sales here are positive invoices by
/// issue month (the forecast's own series); weekly collections go to months
/// by the days each week has in them.
public struct DSOForecast: Sendable {
    public struct Row: Sendable {
        public let monthEnd: CalendarDate
        /// Means over paths, cents and days; nil when no path had a value.
        public let ar: Double
        public let sales: Double
        public let dso: Double?
        public let countbackDSO: Double?
        /// (level, lower, upper) of standard and countback DSO.
        public let dsoIntervals: [(level: Double, lower: Double, upper: Double)]
        public let countbackIntervals: [(level: Double, lower: Double, upper: Double)]
    }

    public let asOf: CalendarDate
    /// AR at the as-of date (positive invoices' open amounts), cents.
    public let startingAR: Double
    public let rows: [Row]
    public let salesModel: String
}

extension CashForecaster {
    /// Projects `months` month ends after `asOf` (a month end).
    public func dsoForecast(asOf: CalendarDate, months: Int) throws(ModelError) -> DSOForecast {
        guard asOf == asOf.endOfMonth else { throw .invalidArgument("the DSO forecast starts at a month end; \(asOf) is not one") }
        guard months >= 1 && months <= 24 else { throw .invalidArgument("months must be between 1 and 24, got \(months)") }
        let ends = (1...months).map { asOf.adding(months: $0).endOfMonth }
        var forecaster = self
        forecaster.weeks = (asOf.days(to: ends[ends.count - 1]) + 6) / 7
        let t = asOf.dayNumber, w = forecaster.weeks
        var books = DayBooks(ledger)
        forecaster.prefetchBooks(asOf: asOf, fitting: true, into: &books)
        let model = try forecaster.timingModel(asOf: asOf, books: &books)
        let (book, _, openPaths, _) = forecaster.openCash(model: model, at: t, books: &books)
        guard let sales = try NewInvoiceCash(ledger, asOf: asOf, weeks: w) else {
            throw .empty("fewer than 6 complete months of sales before \(asOf): no DSO forecast")
        }
        let newPaths = sales.simulateWithSales(simulations, seed: seed &+ 0x9E37_79B9)
        // Share of week k's cash that falls in forecast month m.
        let overlap: [[Double]] = ends.map { end in
            let start = end.startOfMonth.dayNumber
            return (0..<w).map { k in
                let a = max(t + 7 * k + 1, start), b = min(t + 7 * k + 7, end.dayNumber)
                return b >= a ? Double(b - a + 1) / 7 : 0
            }
        }
        var ar = [[Double]](repeating: [], count: months), monthSales = ar
        var dso = [[Double]](repeating: [], count: months), countback = dso
        for s in 0..<simulations {
            var balance = Double(book.total)
            for m in 0..<months {
                let cash = (0..<w).reduce(0.0) { $0 + (openPaths[s][$1] + newPaths[s].cash[$1]) * overlap[m][$1] }
                let sold = m < newPaths[s].sales.count ? newPaths[s].sales[m] : 0
                balance += sold - cash
                ar[m].append(balance)
                monthSales[m].append(sold)
                let days = ends[m].day
                if sold > 0 { dso[m].append(balance / sold * Double(days)) }
                // Countback: this month, the forecast months before it, then the history.
                var walk: [DSOMetrics.Month] = (0...m).reversed().map { j in
                    DSOMetrics.Month(sales: Int64((j < newPaths[s].sales.count ? newPaths[s].sales[j] : 0).rounded()), days: ends[j].day)
                }
                walk += zip(sales.historyMonths, sales.historySales).reversed().map { DSOMetrics.Month(sales: Int64($1.rounded()), days: $0.day) }
                if let c = DSOMetrics.countbackDSO(ar: Int64(balance.rounded()), months: walk) { countback[m].append(c) }
            }
        }
        func mean(_ v: [Double]) -> Double? { v.isEmpty ? nil : v.reduce(0, +) / Double(v.count) }
        func intervals(_ v: [Double]) -> [(level: Double, lower: Double, upper: Double)] {
            let sorted = v.sorted()
            guard !sorted.isEmpty else { return [] }
            return levels.map { level in
                let (lower, upper) = SampleQuantile.central(sorted: sorted, level: level)
                return (level, lower, upper)
            }
        }
        let rows = (0..<months).map { m in
            DSOForecast.Row(monthEnd: ends[m], ar: mean(ar[m]) ?? 0, sales: mean(monthSales[m]) ?? 0, dso: mean(dso[m]),
                            countbackDSO: mean(countback[m]), dsoIntervals: intervals(dso[m]), countbackIntervals: intervals(countback[m]))
        }
        return DSOForecast(asOf: asOf, startingAR: Double(book.total), rows: rows, salesModel: sales.method)
    }
}
