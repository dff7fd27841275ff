/// The DSO family and the collection effectiveness index as small pure
/// functions over AR and sales numbers (DESIGN.md, conventions).
///
/// Money comes in as exact cents (`Int64`); ratios come out as `Double?`.
/// A ratio whose denominator is zero or negative is missing (`nil`): never
/// NaN or ±inf. The CLI prints a missing value as an empty CSV cell or JSON
/// `null`.
///
/// A *period* is a calendar month, ending at the period end. When the period
/// end is not the month's last day (a mid-month as-of date) the period is
/// partial: its sales run from the 1st to the period end and its `days` are
/// the days elapsed in the month (`periodEnd.day`), so a 15 March as-of gives
/// 15 days of sales and `× 15` in the formulas.
public enum DSOMetrics {
    /// One month of the countback walk: its credit sales and its days.
    public struct Month: Sendable, Hashable {
        /// Credit sales in cents (credit notes reduce them; may be zero or negative).
        public var sales: Int64
        /// Days of the month (days elapsed for a partial month).
        public var days: Int

        public init(sales: Int64, days: Int) {
            self.sales = sales
            self.days = days
        }
    }

    /// `numerator / denominator × scale`, or nil when the denominator is ≤ 0.
    @inlinable
    public static func ratio(_ numerator: Int64, _ denominator: Int64, times scale: Double) -> Double? {
        guard denominator > 0 else { return nil }
        return Double(numerator) / Double(denominator) * scale
    }

    /// Standard DSO = AR(end) / sales(period) × days(period).
    ///
    /// Nil when the period's sales are ≤ 0. A negative AR (credit balance)
    /// gives a negative DSO, as the formula says.
    @inlinable
    public static func standardDSO(ar: Int64, sales: Int64, days: Int) -> Double? {
        ratio(ar, sales, times: Double(days))
    }

    /// Best possible DSO = current AR(end) / sales(period) × days(period):
    /// the DSO if every past-due amount had been collected. Nil when sales ≤ 0.
    @inlinable
    public static func bestPossibleDSO(currentAR: Int64, sales: Int64, days: Int) -> Double? {
        ratio(currentAR, sales, times: Double(days))
    }

    /// Average days delinquent = standard DSO − best possible DSO
    /// (= past-due AR / sales × days). Nil when either is nil.
    @inlinable
    public static func averageDaysDelinquent(dso: Double?, bestPossibleDSO: Double?) -> Double? {
        guard let dso, let bestPossibleDSO else { return nil }
        return dso - bestPossibleDSO
    }

    /// Collection effectiveness index, in percent:
    ///
    ///     CEI = (AR(begin) + sales − AR(end)) / (AR(begin) + sales − current AR(end)) × 100
    ///
    /// AR(begin) is the AR at the end of the previous period (the last day of
    /// the previous month). Nil when the denominator is ≤ 0. The value is not
    /// clamped: it can exceed 100 (more collected than was collectable,
    /// e.g. prepayments) or be negative.
    @inlinable
    public static func collectionEffectivenessIndex(arBegin: Int64, sales: Int64, arEnd: Int64, currentAREnd: Int64) -> Double? {
        let collectable = arBegin + sales - currentAREnd
        return ratio(arBegin + sales - arEnd, collectable, times: 100)
    }

    /// Countback DSO: how many days of the most recent sales the AR(end) represents.
    ///
    /// `months` holds the period itself first (partial when the period end is
    /// mid-month), then each earlier month, back to the first month of the
    /// history. The walk subtracts each month's sales from the remaining AR
    /// and adds its days, until a month's sales cover what remains; that last
    /// month counts pro rata, `days × remaining / sales`. A month with zero or
    /// negative sales is walked past whole (its days count, the remaining AR
    /// does not shrink).
    ///
    /// - Returns: the days; 0 when AR(end) = 0 and some month of the history
    ///   has positive sales; nil when AR(end) < 0 (a credit balance has no days
    ///   of sales outstanding), when the history has no positive sales, or when
    ///   the history runs out before the AR is exhausted (the days are then
    ///   only a lower bound, which we do not report as a value).
    public static func countbackDSO(ar: Int64, months: some Sequence<Month>) -> Double? {
        guard ar >= 0 else { return nil }
        if ar == 0 { return months.contains { $0.sales > 0 } ? 0 : nil }
        var remaining = ar
        var days = 0
        for month in months {
            if month.sales > 0 && remaining <= month.sales {
                return Double(days) + Double(remaining) / Double(month.sales) * Double(month.days)
            }
            remaining -= month.sales   // zero or negative sales: the month is walked past whole
            days += month.days
        }
        return nil
    }
}
