import Foundation
import Testing
@testable import Receivables

func day(_ iso: String) -> CalendarDate {
    guard let d = CalendarDate(iso: iso) else { preconditionFailure("bad test date \(iso)") }
    return d
}

/// Records keyed by id, turned into a correctly sorted and indexed `PortfolioData`.
struct PortfolioFixture {
    struct Invoice { var id: String; var customer: String; var issue: CalendarDate; var due: CalendarDate; var amount: Int64 }
    struct Payment { var invoice: String; var paidOn: CalendarDate; var amount: Int64 }
    struct Rating { var customer: String; var agency: String; var on: CalendarDate; var score: Double?; var rating: String?
                    var min: Double?; var max: Double?; var limit: Int64? }
    struct Limit { var customer: String; var insurer: String; var from: CalendarDate; var to: CalendarDate?; var amount: Int64 }
    struct Dispute { var invoice: String; var opened: CalendarDate; var resolved: CalendarDate?; var reason: String? }
    struct Order { var customer: String; var on: CalendarDate; var amount: Int64; var status: String }
    struct Opportunity { var customer: String; var stage: String?; var amount: Int64?; var close: CalendarDate? }

    var customers: [PortfolioData.Customer] = []
    var invoices: [Invoice] = []
    var payments: [Payment] = []
    var ratings: [Rating] = []
    var limits: [Limit] = []
    var disputes: [Dispute] = []
    var orders: [Order] = []
    var opportunities: [Opportunity] = []

    init() {}

    /// The records of `data`, by id.
    init(_ data: PortfolioData) {
        customers = data.customers
        let c = data.customers.map(\.id), i = data.invoices.map(\.id)
        invoices = data.invoices.map { .init(id: $0.id, customer: c[Int($0.customer)], issue: $0.issueDate, due: $0.dueDate, amount: $0.amount) }
        payments = data.payments.map { .init(invoice: i[Int($0.invoice)], paidOn: $0.paidOn, amount: $0.amount) }
        ratings = data.ratings.map { .init(customer: c[Int($0.customer)], agency: $0.agency, on: $0.ratedOn, score: $0.score, rating: $0.rating,
                                           min: $0.scaleMin, max: $0.scaleMax, limit: $0.recommendedLimit) }
        limits = data.limits.map { .init(customer: c[Int($0.customer)], insurer: $0.insurer, from: $0.validFrom, to: $0.validTo, amount: $0.amount) }
        disputes = data.disputes.map { .init(invoice: i[Int($0.invoice)], opened: $0.openedOn, resolved: $0.resolvedOn, reason: $0.reason) }
        orders = data.orders.map { .init(customer: c[Int($0.customer)], on: $0.orderedOn, amount: $0.amount, status: $0.status) }
        opportunities = data.opportunities.map { .init(customer: c[Int($0.customer)], stage: $0.stage, amount: $0.expectedAmount, close: $0.expectedClose) }
    }

    mutating func customer(_ id: String, created: String? = nil, terms: Int? = 30, country: String? = "NL") {
        customers.append(.init(id: id, name: id, country: country, sector: "Retail", sizeClass: "small", region: nil,
                               paymentTermsDays: terms, category: "standard", createdOn: created.map(day)))
    }

    /// An invoice due 30 days after issue; amount in cents.
    mutating func invoice(_ id: String, _ customer: String, _ issue: String, _ amount: Int64, due: String? = nil) {
        invoices.append(.init(id: id, customer: customer, issue: day(issue), due: due.map(day) ?? day(issue).adding(days: 30), amount: amount))
    }

    mutating func pay(_ invoice: String, _ on: String, _ amount: Int64) {
        payments.append(.init(invoice: invoice, paidOn: day(on), amount: amount))
    }

    func build() -> PortfolioData {
        var data = PortfolioData()
        data.customers = customers.sorted { $0.id < $1.id }
        let cIndex = Dictionary(uniqueKeysWithValues: data.customers.enumerated().map { ($1.id, Int32($0)) })
        func ci(_ id: String) -> Int32 { cIndex[id] ?? -1 }
        data.invoices = invoices.map { PortfolioData.Invoice(id: $0.id, customer: ci($0.customer), issueDate: $0.issue, dueDate: $0.due,
                                                             amount: $0.amount, currency: "EUR", channel: nil) }
            .sorted { ($0.customer, $0.issueDate.dayNumber, $0.id) < ($1.customer, $1.issueDate.dayNumber, $1.id) }
        let iIndex = Dictionary(uniqueKeysWithValues: data.invoices.enumerated().map { ($1.id, Int32($0)) })
        func ii(_ id: String) -> Int32 { iIndex[id] ?? -1 }
        data.payments = payments.map { PortfolioData.Payment(invoice: ii($0.invoice), paidOn: $0.paidOn, amount: $0.amount) }
            .sorted { ($0.invoice, $0.paidOn.dayNumber) < ($1.invoice, $1.paidOn.dayNumber) }
        data.ratings = ratings.map { PortfolioData.Rating(customer: ci($0.customer), agency: $0.agency, ratedOn: $0.on, score: $0.score, rating: $0.rating,
                                                          scaleMin: $0.min, scaleMax: $0.max, recommendedLimit: $0.limit) }
            .sorted { ($0.customer, $0.ratedOn.dayNumber, $0.agency) < ($1.customer, $1.ratedOn.dayNumber, $1.agency) }
        data.limits = limits.map { PortfolioData.CreditLimit(customer: ci($0.customer), insurer: $0.insurer, validFrom: $0.from, validTo: $0.to, amount: $0.amount) }
            .sorted { ($0.customer, $0.validFrom.dayNumber, $0.insurer) < ($1.customer, $1.validFrom.dayNumber, $1.insurer) }
        data.disputes = disputes.map { PortfolioData.Dispute(invoice: ii($0.invoice), openedOn: $0.opened, resolvedOn: $0.resolved, reason: $0.reason) }
            .sorted { ($0.invoice, $0.openedOn.dayNumber) < ($1.invoice, $1.openedOn.dayNumber) }
        data.orders = orders.map { PortfolioData.Order(customer: ci($0.customer), orderedOn: $0.on, amount: $0.amount, status: $0.status) }
            .sorted { ($0.customer, $0.orderedOn.dayNumber) < ($1.customer, $1.orderedOn.dayNumber) }
        data.opportunities = opportunities.map { PortfolioData.Opportunity(customer: ci($0.customer), stage: $0.stage, expectedAmount: $0.amount,
                                                                          expectedClose: $0.close) }
            .sorted { $0.customer < $1.customer }
        return data
    }

    /// C1: a worked example checked by hand in ProfileBuilderTests; C2: no records at all; C3: created after 2026-06-30.
    static func worked() -> PortfolioFixture {
        var f = PortfolioFixture()
        f.customer("C1", created: "2024-01-01")
        f.customer("C2", created: "2025-01-01", terms: nil, country: nil)
        f.customer("C3", created: "2026-12-01")
        f.invoice("I1", "C1", "2026-01-01", 10_000); f.pay("I1", "2026-02-10", 10_000)              // 10 days late
        f.invoice("I2", "C1", "2026-02-01", 30_000); f.pay("I2", "2026-03-03", 30_000)              // on time
        f.invoice("I3", "C1", "2026-03-01", 20_000)
        f.pay("I3", "2026-04-10", 10_000); f.pay("I3", "2026-05-10", 10_000)                         // 40 late, 2 payments
        f.invoice("I4", "C1", "2026-04-01", 40_000); f.pay("I4", "2026-07-15", 40_000)              // paid after as-of
        f.invoice("I5", "C1", "2026-06-01", 10_000)                                                  // not yet due
        f.invoice("I6", "C1", "2026-05-01", 10_000); f.pay("I6", "2026-06-10", 4_000)               // partly paid, 30 dpd
        f.invoice("CN1", "C1", "2026-02-15", -5_000, due: "2026-02-15"); f.pay("CN1", "2026-03-01", -5_000)
        f.disputes = [.init(invoice: "I3", opened: day("2026-03-15"), resolved: day("2026-04-05"), reason: "price"),
                      .init(invoice: "I4", opened: day("2026-04-20"), resolved: nil, reason: "Missing PO"),
                      .init(invoice: "I1", opened: day("2026-01-10"), resolved: day("2026-07-05"), reason: nil)]
        f.orders = [.init(customer: "C1", on: day("2026-01-05"), amount: 100, status: "accepted"),
                    .init(customer: "C1", on: day("2026-02-05"), amount: 100, status: "refused"),
                    .init(customer: "C1", on: day("2026-05-05"), amount: 100, status: "blocked"),
                    .init(customer: "C1", on: day("2025-05-01"), amount: 100, status: "blocked")]
        f.ratings = [.init(customer: "C1", agency: "Dun & Bradstreet", on: day("2025-06-01"), score: 70, rating: "1", min: 1, max: 100, limit: 9_000_000),
                     .init(customer: "C1", agency: "Dun & Bradstreet", on: day("2026-05-01"), score: 40, rating: "3", min: 1, max: 100, limit: 5_000_000),
                     .init(customer: "C1", agency: "Graydon", on: day("2025-05-15"), score: 8, rating: "AA", min: 1, max: 10, limit: 3_000_000),
                     .init(customer: "C1", agency: "Graydon", on: day("2026-03-01"), score: 8, rating: "AA", min: 1, max: 10, limit: 2_000_000)]
        f.limits = [.init(customer: "C1", insurer: "Atradius", from: day("2025-01-01"), to: nil, amount: 100_000),
                    .init(customer: "C1", insurer: "Atradius", from: day("2026-01-01"), to: nil, amount: 80_000),
                    .init(customer: "C1", insurer: "Coface", from: day("2024-07-01"), to: day("2025-06-30"), amount: 50_000)]
        f.opportunities = [.init(customer: "C1", stage: "proposal", amount: 100_000, close: day("2026-08-01")),
                           .init(customer: "C1", stage: "won", amount: 500_000, close: day("2026-01-01"))]
        return f
    }
}

@Suite struct ProfileBuilderTests {
    let asOf = day("2026-06-30")

    func worked() throws -> ProfileTable {
        try ProfileBuilder(portfolio: PortfolioFixture.worked().build()).profile(asOf: asOf)
    }

    @Test func customersCreatedAfterTheDateHaveNoRow() throws {
        let t = try worked()
        #expect(t.customerIDs == ["C1", "C2"])
        #expect(t.features.map(\.name) == FeatureCatalog.names)
    }

    @Test(arguments: ["pb_12m", "pb_all"])
    func daysLateStatisticsAreAmountWeighted(prefix: String) throws {
        let t = try worked()
        func v(_ name: String) -> Double? { t.number("\(prefix)_\(name)", customer: "C1") }
        // Paid by 2026-06-30: I1 100.00 10 days late, I2 300.00 on time, I3 200.00 40 late (two payments).
        #expect(v("paid_invoices") == 3)
        #expect(v("paid_amount") == 600)
        #expect(v("days_late_mean") == 15)                        // (100·10 + 300·0 + 200·40) / 600
        #expect(v("days_late_median") == 0)                       // 300 of 600 reached at 0 days
        #expect(abs((v("days_late_std") ?? 0) - 325.0.squareRoot()) < 1e-12)   // (100·25 + 300·225 + 200·625) / 600
        #expect(v("share_late_0") == 2.0 / 3)
        #expect(v("share_late_30") == 1.0 / 3)
        #expect(v("share_late_60") == 0)
        #expect(v("days_to_pay_mean") == 45)                      // (100·40 + 300·30 + 200·70) / 600
        #expect(v("partial_share") == 1.0 / 3)
        #expect(v("missing") == 0)
    }

    @Test func trendIsTheLastThreeMonthsAgainstTheNineBefore() throws {
        let t = try worked()
        // After 2026-03-30: I3 at 40; before: I1 (100 at 10) and I2 (300 at 0) → 2.5.
        #expect(t.number("pb_trend_days_late", customer: "C1") == 37.5)
        #expect(t.number("pb_trend_missing", customer: "C1") == 0)
    }

    @Test func exposureAndAgingAtTheDate() throws {
        let t = try worked()
        func v(_ name: String) -> Double? { t.number(name, customer: "C1") }
        // Open: I4 400.00 (60 dpd), I5 100.00 (not due), I6 60.00 (30 dpd, partly paid); CN1 offset.
        #expect(v("ar_open") == 560)
        #expect(v("ar_overdue") == 460)
        #expect(v("ar_open_invoices") == 3)
        #expect(v("ar_partially_paid_invoices") == 1)
        #expect(v("ar_oldest_days_past_due") == 60)
        #expect(v("ar_open_credit_notes") == 0)
        #expect(v("ar_share_current") == 100.0 / 560)
        #expect(v("ar_share_1_30") == 60.0 / 560)
        #expect(v("ar_share_31_60") == 400.0 / 560)
        #expect(v("ar_share_61_90") == 0)
        #expect(v("ar_share_91_plus") == 0)
        #expect(v("ar_aging_missing") == 0)
    }

    @Test func disputesAndOrders() throws {
        let t = try worked()
        func v(_ name: String) -> Double? { t.number(name, customer: "C1") }
        #expect(v("dsp_12m_count") == 3)
        #expect(v("dsp_12m_rate") == 0.5)          // 3 disputes / 6 positive invoices issued
        #expect(v("dsp_open") == 2)                // unresolved, and resolved only after the date
        #expect(v("dsp_all_rate") == 0.5)          // all history: the same 3 disputes / 6 invoices
        #expect(v("dsp_12m_price") == 1)
        #expect(v("dsp_12m_missing_po") == 1)      // reason matched case-insensitively
        #expect(v("dsp_12m_other") == 1)           // no reason
        #expect(v("dsp_12m_quality") == 0)
        #expect(v("ord_12m_count") == 3)           // the 2025-05-01 order is outside the window
        #expect(v("ord_12m_refused") == 1)
        #expect(v("ord_12m_blocked") == 1)
        #expect(v("ord_12m_refused_blocked_share") == 2.0 / 3)
    }

    @Test func scoresAreNormalisedAcrossTwoScales() throws {
        let t = try worked()
        func v(_ name: String) -> Double? { t.number(name, customer: "C1") }
        let dnbNow = 39.0 / 99, dnbThen = 69.0 / 99, graydon = 7.0 / 9
        #expect(v("ext_agencies") == 2)
        #expect(v("ext_score_norm") == (dnbNow + graydon) / 2)
        #expect(v("ext_rating_age_days") == 60)
        #expect(abs((v("ext_score_change_12m") ?? 0) - (dnbNow - dnbThen) / 2) < 1e-15)
        #expect(v("ext_downgrade") == 1)           // −0.15 < −0.1
        #expect(v("ext_recommended_limit") == 50_000)
        #expect(ExternalFeatures.normalised(.init(customer: 0, agency: "x", ratedOn: asOf, score: 5, rating: nil,
                                                  scaleMin: 5, scaleMax: 5, recommendedLimit: nil)) == nil)
    }

    @Test func insurerLimitAndUtilisation() throws {
        let t = try worked()
        func v(_ name: String) -> Double? { t.number(name, customer: "C1") }
        // Now: Atradius' 2026 row (800.00); Coface expired 2025-06-30. A year ago: 1,000.00 + 500.00.
        #expect(v("ins_limit") == 800)
        #expect(v("ins_utilisation") == 0.7)
        #expect(v("ins_limit_withdrawn") == 0)
        #expect(abs((v("ins_limit_change_12m") ?? 0) - (800.0 - 1500) / 1500) < 1e-15)
        #expect(v("crm_open_pipeline") == 1000)
        #expect(v("crm_open_opportunities") == 1)
        #expect(v("cust_tenure_days") == Double(day("2024-01-01").days(to: asOf)))
        #expect(v("cust_payment_terms_days") == 30)
    }

    @Test func aCustomerWithNoRecordsGetsIndicatorsNotZeros() throws {
        let t = try worked()
        func v(_ name: String) -> ProfileValue? { t.value(name, customer: "C2") }
        for name in ["pb_12m_days_late_mean", "pb_all_days_late_median", "pb_trend_days_late", "pb_slope_days_late", "reg_day_concentration",
                     "ar_share_current", "dsp_12m_rate", "ord_12m_refused_blocked_share", "ext_score_norm", "ext_downgrade",
                     "ext_recommended_limit", "ins_limit", "ins_utilisation", "cust_payment_terms_days"] {
            #expect(v(name) == .missing, "\(name) should be missing")
        }
        for name in ["pb_12m_missing", "pb_all_missing", "pb_trend_missing", "reg_missing", "ar_aging_missing", "dsp_rate_missing",
                     "ord_missing", "ext_score_missing", "ext_change_missing", "ins_limit_missing", "ins_utilisation_missing",
                     "cust_payment_terms_missing"] {
            #expect(v(name) == .number(1), "\(name) should be 1")
        }
        #expect(v("pb_12m_paid_invoices") == .number(0))   // a true count
        #expect(v("dsp_all_rate") == .number(0))          // no invoice issued: no disputes per invoice
        #expect(v("ar_open") == .number(0))
        #expect(v("cust_country") == .missing)
        #expect(v("cust_sector") == .text("Retail"))
    }

    @Test func aFixedDayPayerHasConcentrationNearOne() throws {
        var f = PortfolioFixture()
        f.customer("F", created: "2020-01-01")
        f.customer("R", created: "2020-01-01")
        let spread = [1, 9, 16, 24, 5, 13, 20, 28, 3, 11, 18, 26]
        for m in 0..<12 {
            let issue = CalendarDate.clamped(year: 2025, month: 7 + m, day: 1)
            let fixed = CalendarDate.clamped(year: 2025, month: 8 + m, day: 15)
            let random = CalendarDate.clamped(year: 2025, month: 8 + m, day: spread[m])
            for k in 0..<3 {   // three invoices paid together: a batch
                f.invoice("F\(m)-\(k)", "F", issue.description, 1_000)
                f.pay("F\(m)-\(k)", fixed.description, 1_000)
            }
            f.invoice("R\(m)", "R", issue.description, 1_000)
            f.pay("R\(m)", random.description, 1_000)
        }
        let t = try ProfileBuilder(portfolio: f.build()).profile(asOf: day("2026-07-31"))
        #expect((t.number("reg_day_concentration", customer: "F") ?? 0) > 0.99)
        #expect(t.number("reg_modal_day", customer: "F") == 15)
        #expect(t.number("reg_modal_day_share", customer: "F") == 1)
        #expect(t.number("reg_batch_share", customer: "F") == 1)
        #expect(t.number("reg_payment_days", customer: "F") == 12)
        #expect((t.number("reg_day_concentration", customer: "R") ?? 1) < 0.2)
        #expect(t.number("reg_batch_share", customer: "R") == 0)
        #expect(t.number("reg_missing", customer: "R") == 0)
    }

    @Test func aRatingLabelDowngradeWithASmallScoreChangeIsFlagged() throws {
        var f = PortfolioFixture()
        f.customer("A", created: "2020-01-01")
        f.customer("B", created: "2020-01-01")
        f.ratings = [.init(customer: "A", agency: "Experian", on: day("2025-05-01"), score: 81, rating: "A", min: 0, max: 100, limit: nil),
                     .init(customer: "A", agency: "Experian", on: day("2026-05-01"), score: 79, rating: "B", min: 0, max: 100, limit: nil),
                     .init(customer: "B", agency: "Experian", on: day("2025-05-01"), score: 60, rating: "B", min: 0, max: 100, limit: 100),
                     .init(customer: "B", agency: "Experian", on: day("2026-05-01"), score: 58, rating: "B", min: 0, max: 100, limit: 100)]
        let t = try ProfileBuilder(portfolio: f.build()).profile(asOf: day("2026-06-30"))
        #expect(t.number("ext_downgrade", customer: "A") == 1)
        #expect(t.number("ext_downgrade", customer: "B") == 0)
        #expect(t.value("ext_recommended_limit", customer: "A") == .missing)   // worst band: no limit
        #expect(t.number("ext_recommended_limit_missing", customer: "A") == 1)
    }

    @Test func aDateBeforeAllDataGivesAnEmptyTable() throws {
        let t = try ProfileBuilder(portfolio: PortfolioFixture.worked().build()).profile(asOf: day("2020-01-01"))
        #expect(t.rowCount == 0)
        #expect(t.columns.count == FeatureCatalog.specs.count)
    }

    @Test func anUnsortedPortfolioIsAnErrorNotACrash() throws {
        var data = PortfolioFixture.worked().build()
        data.invoices[0].customer = 1   // C2's invoice before C1's
        #expect(throws: CustomerProfileError.self) { try ProfileBuilder(portfolio: data).profile(asOf: asOf) }
        var broken = PortfolioFixture.worked().build()
        broken.payments[0].invoice = 999
        #expect { try ProfileBuilder(portfolio: broken).profile(asOf: asOf) } throws: { error in
            "\(error)".contains("outside 0..<")
        }
    }
}
