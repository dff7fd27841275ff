/// The DSO family, CEI and aging for a set of period ends, for the whole
/// portfolio and per group (DESIGN.md, conventions; definitions in
/// `DSOMetrics`, `AgingBuckets`, `ReceivablesLedger`, docs/metrics.md).
///
/// Point in time: only invoices issued on or before the last period end (the
/// as-of date) and payments paid on or before each date count. AR(t) is the
/// sum of open amounts at t of invoices issued on or before t; credit notes
/// (negative invoices) reduce it, and they reduce sales.
///
/// One sweep over the invoices: each invoice's open amount is taken at every
/// evaluation date (the period ends and the ends of their previous months) from
/// its issue date until it is settled for good, and added to its group's aging
/// bucket at that date; its amount goes to its group's sales of its month. So
/// the cost is O(invoices × periods an invoice stays open + payments), and the
/// memory O(groups × (evaluation dates × 5 + months of history)). Rows are
/// made on demand from these sums (`forEachRow`), so a table per customer
/// over many months never holds millions of row values at once.
public struct MetricsTable: Sendable {
    /// Period ends, ascending; the last is the as-of date.
    public let periodEnds: [CalendarDate]
    public let grouping: MetricsGrouping
    /// Group keys (empty for the portfolio grouping).
    public let groupKeys: [String]
    /// The earliest issue date of an invoice issued on or before the as-of date;
    /// nil when there is none (an as-of date before any data: AR zero, ratios missing).
    public let firstIssueDate: CalendarDate?

    /// Evaluation dates (day numbers), ascending: period ends and previous month ends.
    let evaluationDays: [Int]
    /// Per period: index of its end and of its begin in `evaluationDays`.
    let endIndex: [Int], beginIndex: [Int]
    /// Month index of the first month of the history (`MetricsPeriods.monthIndex`), and the count of months.
    let firstMonth: Int, monthCount: Int
    /// Per accumulator (0 = portfolio, 1 + g = group g): aging at each evaluation date,
    /// `aging[(a × evaluationDays.count + e) × 5 + bucket]`.
    let aging: [Int64]
    /// `monthlySales[a × monthCount + m]`: sales of month `firstMonth + m` (to the as-of date).
    let monthlySales: [Int64]
    /// `periodSales[a × periodEnds.count + k]`: sales from the 1st of period k's month to its end.
    let periodSales: [Int64]

    /// Computes the sums for `periodEnds` (any order, duplicates ignored) and `grouping`.
    ///
    /// - Throws: `MetricsError.noInvoices` when the portfolio holds no invoice
    ///   at all; `.noPeriods` when `periodEnds` is empty.
    public init(portfolio: PortfolioData, periodEnds: [CalendarDate], grouping: MetricsGrouping = .portfolio) throws(MetricsError) {
        guard !portfolio.invoices.isEmpty else { throw .noInvoices }
        let ends = Array(Set(periodEnds)).sorted()
        guard let asOf = ends.last else { throw .noPeriods }
        self.periodEnds = ends
        self.grouping = grouping
        let assignment = grouping.assign(portfolio.customers)
        groupKeys = assignment.keys
        let groupOf = assignment.groupOfCustomer

        let begins = ends.map { $0.startOfMonth.adding(days: -1).dayNumber }
        let days = Array(Set(ends.map(\.dayNumber) + begins)).sorted()
        evaluationDays = days
        endIndex = ends.map { Self.position(of: $0.dayNumber, in: days) }
        beginIndex = begins.map { Self.position(of: $0, in: days) }

        let first = portfolio.invoices.lazy.filter { $0.issueDate <= asOf }.map(\.issueDate).min()
        firstIssueDate = first
        let historyStart = first.map(MetricsPeriods.monthIndex) ?? MetricsPeriods.monthIndex(asOf) + 1
        firstMonth = historyStart
        monthCount = MetricsPeriods.monthIndex(asOf) - historyStart + 1

        let accumulators = 1 + groupKeys.count
        let e = days.count, p = ends.count, m = MetricsPeriods.monthIndex(asOf) - historyStart + 1
        var agingSums = [Int64](repeating: 0, count: accumulators * e * 5)
        var monthly = [Int64](repeating: 0, count: accumulators * m)
        var partial = [Int64](repeating: 0, count: accumulators * p)
        let endDays = ends.map(\.dayNumber)
        let ledger = ReceivablesLedger(portfolio)
        days.withUnsafeBufferPointer { dayNumbers in
            for (i, invoice) in portfolio.invoices.enumerated() where invoice.issueDate <= asOf {
                let c = Int(invoice.customer)
                let a = groupOf.isEmpty ? 0 : 1 + Int(groupOf[c])
                let month = MetricsPeriods.monthIndex(invoice.issueDate)
                monthly[a * m + month - historyStart] += invoice.amount
                // Periods of the invoice's month that end on or after its issue date.
                var k = Self.firstPosition(atLeast: invoice.issueDate.dayNumber, in: endDays)
                while k < p && MetricsPeriods.monthIndex(ends[k]) == month {
                    partial[a * p + k] += invoice.amount
                    k += 1
                }
                let due = invoice.dueDate.dayNumber
                let base = a * e
                ledger.sweep(invoice: i, dayNumbers: dayNumbers) { k, open in
                    agingSums[(base + k) * 5 + AgingBuckets.bucket(daysPastDue: dayNumbers[k] - due)] += open
                }
            }
        }
        if accumulators > 1 {
            // The portfolio is the sum of its groups (every customer is in exactly one group).
            for a in 1..<accumulators {
                for j in 0..<(e * 5) { agingSums[j] += agingSums[a * e * 5 + j] }
                for j in 0..<m { monthly[j] += monthly[a * m + j] }
                for j in 0..<p { partial[j] += partial[a * p + j] }
            }
        }
        aging = agingSums
        monthlySales = monthly
        periodSales = partial
    }

    /// The row of period `k` for the portfolio (`group == nil`) or group index `group`.
    public func row(period k: Int, group: Int? = nil) -> MetricsRow {
        let a = group.map { $0 + 1 } ?? 0
        let end = periodEnds[k]
        let e = evaluationDays.count
        func buckets(_ at: Int) -> AgingBuckets {
            let start = (a * e + at) * 5
            return AgingBuckets(aging[start..<(start + 5)])
        }
        let endBuckets = buckets(endIndex[k])
        let sales = periodSales[a * periodEnds.count + k]
        // History for countback: the period itself, then each earlier month back to the first month of data.
        let history = sequence(state: (month: MetricsPeriods.monthIndex(end) - firstMonth, first: true)) { s -> DSOMetrics.Month? in
            guard s.month >= 0 else { return nil }
            if s.first {
                s.first = false
                return DSOMetrics.Month(sales: sales, days: end.day)
            }
            s.month -= 1
            guard s.month >= 0 else { return nil }
            return DSOMetrics.Month(sales: monthlySales[a * monthCount + s.month],
                                    days: MetricsPeriods.days(inMonth: firstMonth + s.month))
        }
        return MetricsRow(periodEnd: end, group: group.map { groupKeys[$0] } ?? "portfolio", isPortfolio: group == nil,
                          arBegin: buckets(beginIndex[k]).total, sales: sales, aging: endBuckets, history: history)
    }

    /// Calls `body` with every row: for each period end ascending, the portfolio
    /// row, then one row per group in key order.
    public func forEachRow(_ body: (MetricsRow) throws -> Void) rethrows {
        for k in periodEnds.indices {
            try body(row(period: k))
            for g in groupKeys.indices { try body(row(period: k, group: g)) }
        }
    }

    /// Every row (`forEachRow` order). For large groupings prefer `forEachRow`.
    public var rows: [MetricsRow] {
        var out: [MetricsRow] = []
        out.reserveCapacity(periodEnds.count * (1 + groupKeys.count))
        forEachRow { out.append($0) }
        return out
    }

    /// Index of `value` in the ascending `values` (which holds it).
    static func position(of value: Int, in values: [Int]) -> Int {
        firstPosition(atLeast: value, in: values)
    }

    /// The first index whose value is ≥ `value` in the ascending `values` (`values.count` when none).
    static func firstPosition(atLeast value: Int, in values: [Int]) -> Int {
        var lo = 0, hi = values.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
