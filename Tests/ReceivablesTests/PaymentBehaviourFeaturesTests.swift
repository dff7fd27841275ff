import Testing
@testable import Receivables

/// The slope of days late (pb_slope_days_late), worked by hand.
struct PaymentBehaviourFeaturesTests {
    private func paid(_ settled: Int, late: Int, amount: Int64 = 100) -> PaidInvoice {
        PaidInvoice(settledOn: settled, daysLate: late, daysToPay: late + 30, amount: amount, payments: 1)
    }

    @Test func twoDaysLaterEveryThirtyDaysIsAboutTwoDaysAMonth() throws {
        let invoices = (0..<6).map { paid($0 * 30, late: 2 * $0) }
        let slope = try #require(PaymentBehaviourFeatures.slope(invoices, upTo: 1_000))
        // b = 2 / 30 days late per day, × 30.4375 days per month.
        #expect(abs(slope - 2.0 / 30.0 * 30.4375) < 1e-12)
    }

    @Test func amountsWeighTheFit() throws {
        // Five small invoices on a flat line at 0 and one large at day 150 with 30 days late:
        // weights 1,1,1,1,1,5 (× 100); t̄ = (0+30+60+90+120+750)/10 = 105, d̄ = 150/10 = 15;
        // Σw(t−t̄)(d−d̄) = 5·45·15 + Σ_{t≤120} (t−105)(−15) = 3375 + 3375 = 6750;
        // Σw(t−t̄)² = 105²+75²+45²+15²+15² + 5·45² = 29,250 → b = 6750 / 29,250 per day.
        var invoices = (0..<5).map { paid($0 * 30, late: 0) }
        invoices.append(paid(150, late: 30, amount: 500))
        let slope = try #require(PaymentBehaviourFeatures.slope(invoices, upTo: 1_000))
        #expect(abs(slope - 6750.0 / 29_250.0 * 30.4375) < 1e-12)
    }

    @Test func tooFewInvoicesOrTooShortASpanHaveNoSlope() {
        #expect(PaymentBehaviourFeatures.slope((0..<5).map { paid($0 * 30, late: $0) }, upTo: 1_000) == nil)
        #expect(PaymentBehaviourFeatures.slope((0..<6).map { paid($0 * 17, late: $0) }, upTo: 1_000) == nil)
        // Only what is settled on or before the as-of day counts.
        #expect(PaymentBehaviourFeatures.slope((0..<6).map { paid($0 * 30, late: $0) }, upTo: 120) == nil)
    }

    @Test func aFlatHistoryHasSlopeZero() throws {
        let invoices = (0..<8).map { paid($0 * 20, late: 12) }
        #expect(try #require(PaymentBehaviourFeatures.slope(invoices, upTo: 1_000)) == 0)
    }
}
