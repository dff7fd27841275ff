import Testing
@testable import Receivables

/// The formulas of `DSOMetrics` on hand-worked numbers (amounts in cents, so
/// 300_000 is 3,000.00; the ratios do not care about the unit).
@Suite struct DSOMetricsTests {
    static func close(_ a: Double?, _ b: Double, tolerance: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance
    }

    typealias Month = DSOMetrics.Month

    @Test func standardDSOIsARPerSalesTimesDays() {
        // 1,500.00 / 3,000.00 × 31 = 15.5 days.
        #expect(Self.close(DSOMetrics.standardDSO(ar: 150_000, sales: 300_000, days: 31), 15.5))
        // A partial period (as-of the 15th): 600 / 1,000 × 15 = 9.
        #expect(Self.close(DSOMetrics.standardDSO(ar: 60_000, sales: 100_000, days: 15), 9))
        // A credit balance gives a negative DSO, as the formula says.
        #expect(Self.close(DSOMetrics.standardDSO(ar: -30_000, sales: 100_000, days: 30), -9))
    }

    @Test func zeroOrNegativeSalesMakeTheRatiosMissing() {
        #expect(DSOMetrics.standardDSO(ar: 150_000, sales: 0, days: 31) == nil)
        #expect(DSOMetrics.standardDSO(ar: 150_000, sales: -10_000, days: 31) == nil)
        #expect(DSOMetrics.standardDSO(ar: 0, sales: 0, days: 31) == nil)
        #expect(DSOMetrics.bestPossibleDSO(currentAR: 1, sales: 0, days: 28) == nil)
        #expect(DSOMetrics.averageDaysDelinquent(dso: nil, bestPossibleDSO: 3) == nil)
        #expect(DSOMetrics.averageDaysDelinquent(dso: 3, bestPossibleDSO: nil) == nil)
    }

    @Test func bestPossibleAndAverageDaysDelinquent() {
        // AR 1,500, current AR 900, sales 3,000, 31 days:
        // DSO 15.5; best possible 900 / 3,000 × 31 = 9.3; delinquent 15.5 − 9.3 = 6.2.
        let dso = DSOMetrics.standardDSO(ar: 150_000, sales: 300_000, days: 31)
        let best = DSOMetrics.bestPossibleDSO(currentAR: 90_000, sales: 300_000, days: 31)
        #expect(Self.close(best, 9.3))
        #expect(Self.close(DSOMetrics.averageDaysDelinquent(dso: dso, bestPossibleDSO: best), 6.2))
    }

    // Countback history, most recent first: March 1,000 (31 d), February 800 (28 d), January 2,000 (31 d).
    static let history = [Month(sales: 100_000, days: 31), Month(sales: 80_000, days: 28), Month(sales: 200_000, days: 31)]

    @Test func countbackWithinTheFirstMonth() {
        // 500 of March's 1,000: 500 / 1,000 × 31 = 15.5 days.
        #expect(Self.close(DSOMetrics.countbackDSO(ar: 50_000, months: Self.history), 15.5))
        // Exactly March's sales: the whole month, 31 days.
        #expect(Self.close(DSOMetrics.countbackDSO(ar: 100_000, months: Self.history), 31))
    }

    @Test func countbackSpanningFebruary() {
        // 1,500: March takes 1,000 (31 d), 500 left of February's 800: 31 + 500/800 × 28 = 31 + 17.5 = 48.5.
        #expect(Self.close(DSOMetrics.countbackDSO(ar: 150_000, months: Self.history), 48.5))
        // 2,200: March 1,000 (31 d), February 800 (28 d), 400 of January's 2,000: 59 + 0.2 × 31 = 65.2.
        #expect(Self.close(DSOMetrics.countbackDSO(ar: 220_000, months: Self.history), 65.2))
    }

    @Test func countbackWalksPastAMonthWithZeroSales() {
        // March had no sales: its 31 days count whole; 1,000 − 800 (Feb, 28 d) = 200 of January's
        // 2,000: 31 + 28 + 0.1 × 31 = 62.1. Standard DSO for March is missing.
        let months = [Month(sales: 0, days: 31), Month(sales: 80_000, days: 28), Month(sales: 200_000, days: 31)]
        #expect(Self.close(DSOMetrics.countbackDSO(ar: 100_000, months: months), 62.1))
        #expect(DSOMetrics.standardDSO(ar: 100_000, sales: 0, days: 31) == nil)
    }

    @Test func countbackWalksPastNegativeSalesAddingThemBack() {
        // March's credit notes exceed its invoices (−100): 500 + 100 = 600 left, 31 days;
        // 600 of February's 800: 31 + 0.75 × 28 = 52.
        let months = [Month(sales: -10_000, days: 31), Month(sales: 80_000, days: 28)]
        #expect(Self.close(DSOMetrics.countbackDSO(ar: 50_000, months: months), 52))
    }

    @Test func countbackOfAPartialPeriod() {
        // As-of 15 March: March 1–15 sales 1,200 (15 d), February 800 (28 d), January 3,000 (31 d).
        // AR 2,600: 1,400 left after March, 600 after February, 600/3,000 × 31 = 6.2: 15 + 28 + 6.2 = 49.2.
        let months = [Month(sales: 120_000, days: 15), Month(sales: 80_000, days: 28), Month(sales: 300_000, days: 31)]
        #expect(Self.close(DSOMetrics.countbackDSO(ar: 260_000, months: months), 49.2))
    }

    @Test func countbackEdgeCases() {
        // History runs out before the AR is covered (3,800 of sales, AR 5,000): missing, not a lower bound.
        #expect(DSOMetrics.countbackDSO(ar: 500_000, months: Self.history) == nil)
        // No AR: zero days, as long as there were sales to count against.
        #expect(DSOMetrics.countbackDSO(ar: 0, months: [Month(sales: 0, days: 31)] + Self.history) == 0)
        #expect(DSOMetrics.countbackDSO(ar: 0, months: [Month(sales: 0, days: 31)]) == nil)
        #expect(DSOMetrics.countbackDSO(ar: 0, months: [Month]()) == nil)
        // A credit balance has no days of sales outstanding.
        #expect(DSOMetrics.countbackDSO(ar: -1, months: Self.history) == nil)
        // No history at all (an as-of before any data).
        #expect(DSOMetrics.countbackDSO(ar: 100, months: [Month]()) == nil)
    }

    @Test func collectionEffectivenessIndex() {
        // AR(begin) 1,000, sales 3,000, AR(end) 1,500, current AR(end) 900:
        // (1,000 + 3,000 − 1,500) / (1,000 + 3,000 − 900) × 100 = 2,500 / 3,100 × 100 = 80.6451612903...
        let cei = DSOMetrics.collectionEffectivenessIndex(arBegin: 100_000, sales: 300_000, arEnd: 150_000, currentAREnd: 90_000)
        #expect(Self.close(cei, 2_500.0 / 3_100.0 * 100))
        #expect(Self.close(cei, 80.645_161_290_3, tolerance: 1e-9))
        // Everything collected that was collectable: 100.
        #expect(Self.close(DSOMetrics.collectionEffectivenessIndex(arBegin: 100, sales: 50, arEnd: 30, currentAREnd: 30), 100))
        // Nothing collectable (all AR current, no opening AR): denominator 0 → missing.
        #expect(DSOMetrics.collectionEffectivenessIndex(arBegin: 0, sales: 300_000, arEnd: 300_000, currentAREnd: 300_000) == nil)
        #expect(DSOMetrics.collectionEffectivenessIndex(arBegin: 0, sales: 0, arEnd: 0, currentAREnd: 0) == nil)
        #expect(DSOMetrics.collectionEffectivenessIndex(arBegin: 0, sales: -5, arEnd: 0, currentAREnd: 0) == nil)
    }

    @Test func nothingIsEverNaNOrInfinite() {
        let values: [Int64] = [Int64.min / 4, -1, 0, 1, Int64.max / 4]
        for a in values {
            for s in values {
                for r in [DSOMetrics.standardDSO(ar: a, sales: s, days: 31),
                          DSOMetrics.countbackDSO(ar: a, months: [Month(sales: s, days: 30)]),
                          DSOMetrics.collectionEffectivenessIndex(arBegin: a, sales: s, arEnd: a, currentAREnd: s)] {
                    if let r { #expect(r.isFinite) }
                }
            }
        }
    }
}
