/// One row of the metrics table: a group at a period end.
///
/// Money in exact cents; ratios `nil` when missing (zero or negative
/// denominator, or countback without enough history; see `DSOMetrics`).
public struct MetricsRow: Sendable, Hashable {
    /// The period end (the as-of date for the last period).
    public var periodEnd: CalendarDate
    /// `"portfolio"` for the whole portfolio, else the group's key.
    public var group: String
    /// Whether this is the whole-portfolio row.
    public var isPortfolio: Bool
    /// AR at the period end, cents.
    public var ar: Int64
    /// AR at the end of the previous period (the previous month's last day), cents.
    public var arBegin: Int64
    /// Credit sales of the period (from the 1st of the month to the period end), cents.
    public var sales: Int64
    /// Days of the period: days in the month, or days elapsed for a partial period.
    public var days: Int
    /// Open amounts by days past due at the period end; `aging.current` is the current AR.
    public var aging: AgingBuckets
    public var dso: Double?
    public var countbackDSO: Double?
    public var bestPossibleDSO: Double?
    public var averageDaysDelinquent: Double?
    /// Collection effectiveness index, percent.
    public var cei: Double?

    /// Current AR (not yet past due), cents.
    public var currentAR: Int64 { aging.current }

    /// The row with its ratios computed from the amounts (countback needs the
    /// history: the period's month first, then earlier months).
    public init(periodEnd: CalendarDate, group: String, isPortfolio: Bool, arBegin: Int64, sales: Int64,
                aging: AgingBuckets, history: some Sequence<DSOMetrics.Month>) {
        self.periodEnd = periodEnd
        self.group = group
        self.isPortfolio = isPortfolio
        self.ar = aging.total
        self.arBegin = arBegin
        self.sales = sales
        self.days = periodEnd.day
        self.aging = aging
        dso = DSOMetrics.standardDSO(ar: ar, sales: sales, days: days)
        bestPossibleDSO = DSOMetrics.bestPossibleDSO(currentAR: aging.current, sales: sales, days: days)
        averageDaysDelinquent = DSOMetrics.averageDaysDelinquent(dso: dso, bestPossibleDSO: bestPossibleDSO)
        cei = DSOMetrics.collectionEffectivenessIndex(arBegin: arBegin, sales: sales, arEnd: ar, currentAREnd: aging.current)
        countbackDSO = DSOMetrics.countbackDSO(ar: ar, months: history)
    }
}
