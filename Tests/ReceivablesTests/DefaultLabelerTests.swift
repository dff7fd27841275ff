import Testing
@testable import Receivables

@Suite struct DefaultLabelerTests {
    func d(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

    /// Customer 0 pays invoice A late (120 days after due) — it crosses 90 days on 2026-04-01;
    /// customer 1 pays on time; customer 2's invoice stays open and crossed before the as-of date.
    func portfolio() -> PortfolioData {
        var p = PortfolioData()
        p.customers = ["A", "B", "C"].map { PortfolioData.Customer(id: $0) }
        p.invoices = [
            .init(id: "IA", customer: 0, issueDate: d("2025-12-01"), dueDate: d("2026-01-01"), amount: 10_000, currency: "EUR"),
            .init(id: "IB", customer: 1, issueDate: d("2025-12-01"), dueDate: d("2026-01-01"), amount: 10_000, currency: "EUR"),
            .init(id: "IC", customer: 2, issueDate: d("2025-06-01"), dueDate: d("2025-07-01"), amount: 10_000, currency: "EUR"),
            .init(id: "CN", customer: 2, issueDate: d("2025-06-02"), dueDate: d("2025-06-02"), amount: -500, currency: "EUR"),
        ]
        p.payments = [
            .init(invoice: 0, paidOn: d("2026-01-20"), amount: 4_000),   // partial, then the rest late
            .init(invoice: 0, paidOn: d("2026-05-01"), amount: 6_000),
            .init(invoice: 1, paidOn: d("2026-01-02"), amount: 10_000),
        ]
        return p
    }

    @Test func labelsFollowTheDefinition() {
        let labeler = DefaultLabeler(data: portfolio(), definition: DefaultDefinition(daysPastDue: 90, horizonMonths: 6))
        let labels = labeler.labels(asOf: d("2026-01-31"))
        #expect(labels.map(\.defaults) == [true, false, false])
        #expect(labels[0].defaultDate == d("2026-04-01"))          // 2026-01-01 + 90 days
        #expect(labels.map(\.inDefaultAtAsOf) == [false, false, true])
        // A horizon that ends before the crossing: no default.
        let short = DefaultLabeler(data: portfolio(), definition: DefaultDefinition(daysPastDue: 90, horizonMonths: 2))
        #expect(short.labels(asOf: d("2026-01-31"))[0].defaults == false)
    }

    @Test func paidOnTheThresholdDayDoesNotCross() {
        var p = portfolio()
        p.payments[1].paidOn = d("2026-04-01")
        let labels = DefaultLabeler(data: p).labels(asOf: d("2026-01-31"))
        #expect(labels[0].defaults == false)
    }

    @Test func customersCreatedLaterAreLeftOut() {
        var p = portfolio()
        p.customers[1].createdOn = d("2026-03-01")
        #expect(DefaultLabeler(data: p).labels(asOf: d("2026-01-31")).map(\.customer) == [0, 2])
    }

    @Test func badDefinitionsAreRefused() {
        #expect(throws: TrainingSetError("horizon must be 1…120 months, got 0")) {
            try DefaultDefinition(horizonMonths: 0).validate()
        }
    }
}

@Suite struct PaymentOutcomeTests {
    @Test func openInvoicesGetTheirDaysLate() {
        let labeler = DefaultLabeler(data: DefaultLabelerTests().portfolio())
        let asOf = CalendarDate(iso: "2026-01-31")!
        let outcomes = labeler.paymentOutcomes(asOf: asOf, horizonMonths: 6)
        // IA (partly paid, covered 2026-05-01) and IC (never paid) are open; IB was paid; the credit note is skipped.
        #expect(outcomes.map(\.invoice) == [0, 2])
        #expect(outcomes[0].daysLate == 120 && outcomes[0].daysToDue == -30)
        #expect(outcomes[1].censored && outcomes[1].daysLate == nil)
        let short = labeler.paymentOutcomes(asOf: asOf, horizonMonths: 2)
        #expect(short[0].censored)   // covered after the horizon
    }
}
