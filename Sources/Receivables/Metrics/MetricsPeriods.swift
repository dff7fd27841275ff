/// Period ends for the metrics table.
///
/// A period is a calendar month ending at its period end. Every period of a
/// monthly series ends on its month's last day except the last one, which ends
/// at the as-of date (a partial period when the as-of date is mid-month: sales
/// from the 1st to the as-of date, days = days elapsed).
public enum MetricsPeriods {
    /// The one period ending at `asOf`.
    public static func single(asOf: CalendarDate) -> [CalendarDate] { [asOf] }

    /// One period per month from `from`'s month to `asOf`'s month: month ends,
    /// then `asOf` itself. `from` may be any day of its month.
    public static func monthly(from: CalendarDate, asOf: CalendarDate) throws(MetricsError) -> [CalendarDate] {
        guard from <= asOf else { throw .fromAfterAsOf(from: from, asOf: asOf) }
        var ends: [CalendarDate] = []
        var end = from.endOfMonth
        while end < asOf {
            ends.append(end)
            end = end.adding(days: 1).endOfMonth
        }
        ends.append(asOf)
        return ends
    }

    /// Months since year 0: `year × 12 + month − 1` (consecutive months differ by one).
    @inlinable
    public static func monthIndex(_ date: CalendarDate) -> Int {
        let (y, m, _) = date.components
        return y * 12 + m - 1
    }

    /// Days in the month with index `monthIndex`.
    @inlinable
    public static func days(inMonth monthIndex: Int) -> Int {
        CalendarDate.daysIn(year: monthIndex / 12, month: monthIndex % 12 + 1)
    }
}
