import Foundation
import Testing
@testable import Receivables

/// Checks the generated records against the rules a real ledger obeys and the
/// generative model's promises. All seeded.
@Suite struct PortfolioGeneratorTests {
    struct Simulated {
        let profile: CustomerProfile
        let records: CustomerRecords
    }

    static let settings = PortfolioSettings(customers: 1_500, months: 24, seed: 20_261_129)

    /// The shared in-memory portfolio (1,500 customers × 24 months).
    static let portfolio: [Simulated] = {
        guard let generator = try? PortfolioGenerator(settings: settings) else { return [] }
        var records = CustomerRecords()
        return (0..<settings.customers).map { i in
            let p = generator.simulate(customer: i, into: &records)
            return Simulated(profile: p, records: records)
        }
    }()

    @Test func paymentsAndDisputesReferenceExistingInvoicesInOrder() {
        let end = Self.settings.end
        for c in Self.portfolio {
            let r = c.records
            for (a, b) in zip(r.invoices, r.invoices.dropFirst()) { #expect(a.issue <= b.issue) }
            for (a, b) in zip(r.payments, r.payments.dropFirst()) { #expect(a.paidOn <= b.paidOn) }
            for inv in r.invoices {
                #expect(inv.due >= inv.issue)
                #expect(inv.issue >= c.profile.activeFrom && inv.issue <= end)
                #expect(inv.amount != .zero)
            }
            for p in r.payments {
                #expect(r.invoices.indices.contains(p.invoice))
                guard r.invoices.indices.contains(p.invoice) else { continue }
                #expect(p.paidOn >= r.invoices[p.invoice].issue)
                #expect(p.paidOn <= end)
                #expect(p.amount.isNegative == r.invoices[p.invoice].amount.isNegative)
            }
            for d in r.disputes {
                #expect(r.invoices.indices.contains(d.invoice))
                #expect(d.openedOn <= end)
                if let resolved = d.resolvedOn { #expect(resolved >= d.openedOn && resolved <= end) }
            }
        }
    }

    @Test func paymentsNeverExceedTheInvoiceAndSettleIt() {
        var partial = 0, creditNotes = 0
        for c in Self.portfolio {
            var paid = [Int64](repeating: 0, count: c.records.invoices.count)
            var count = [Int](repeating: 0, count: c.records.invoices.count)
            for p in c.records.payments { paid[p.invoice] += p.amount.minorUnits; count[p.invoice] += 1 }
            for (i, inv) in c.records.invoices.enumerated() {
                #expect(abs(paid[i]) <= abs(inv.amount.minorUnits))
                #expect((paid[i] == inv.amount.minorUnits) == (inv.settledOn != nil))
                if count[i] > 1 { partial += 1 }
                if inv.amount.isNegative { creditNotes += 1 }
            }
        }
        #expect(partial > 500, "partial payments: \(partial)")
        #expect(creditNotes > 100, "credit notes: \(creditNotes)")
    }

    @Test func segmentsAppearInTheirDocumentedProportions() {
        var counts: [BehaviourSegment: Int] = [:]
        for c in Self.portfolio { counts[c.profile.segment, default: 0] += 1 }
        let n = Double(Self.portfolio.count)
        let expected: [BehaviourSegment: ClosedRange<Double>] = [
            .punctual: 0.26...0.42, .fixedDay: 0.10...0.20, .slowSteady: 0.16...0.28,
            .chronicDisputer: 0.08...0.17, .deteriorating: 0.09...0.19, .defaulter: 0.02...0.07,
        ]
        for segment in BehaviourSegment.allCases {
            let share = Double(counts[segment] ?? 0) / n
            #expect(expected[segment]?.contains(share) == true, "\(segment): \(share)")
        }
    }

    @Test func defaultersLeaveInvoicesNinetyDaysPastDue() {
        let end = Self.settings.end
        let defaulters = Self.portfolio.filter { $0.profile.segment == .defaulter }
        #expect(!defaulters.isEmpty)
        for c in defaulters {
            guard let date = c.profile.defaultDate, let stop = c.profile.stopPayingOn else {
                Issue.record("defaulter \(c.profile.index) without default date or stop")
                continue
            }
            #expect(date <= end && stop < date)
            let open90 = c.records.invoices.filter { !$0.amount.isNegative && $0.settledOn == nil && $0.due.days(to: end) >= 90 }
            #expect(!open90.isEmpty)
            #expect(c.records.payments.allSatisfy { $0.paidOn <= stop })
        }
        for c in Self.portfolio where c.profile.segment != .defaulter {
            #expect(c.profile.defaultDate == nil && c.profile.stopPayingOn == nil)
        }
    }

    @Test func defaultRateIsPlausibleAndFollowsTheObservables() {
        let n = Double(Self.portfolio.count)
        let defaulted = Self.portfolio.filter { $0.profile.defaultDate != nil }
        let rate = Double(defaulted.count) / n
        #expect((0.02...0.07).contains(rate), "default rate \(rate)")

        // Agency scores a year before the end: lower for those who later default.
        let asOf = Self.settings.end.adding(days: -365)
        func meanScore(_ group: [Simulated]) -> Double {
            let scores = group.flatMap { c in
                c.records.ratings.filter { $0.agency == .dunBradstreet && $0.ratedOn <= asOf }.suffix(1).map { Double($0.score) }
            }
            return scores.reduce(0, +) / Double(max(1, scores.count))
        }
        let good = Self.portfolio.filter { $0.profile.defaultDate == nil }
        #expect(meanScore(defaulted) + 8 < meanScore(good), "\(meanScore(defaulted)) vs \(meanScore(good))")

        // Micro companies default more often than large ones.
        func sizeRate(_ size: SizeClass) -> Double {
            let group = Self.portfolio.filter { $0.profile.size == size }
            return Double(group.filter { $0.profile.defaultDate != nil }.count) / Double(max(1, group.count))
        }
        #expect(sizeRate(.micro) > sizeRate(.large))
        // But not perfectly: some well-rated customers default, some badly rated do not.
        #expect(defaulted.contains { $0.profile.agencyView < 0 })
    }

    @Test func ratingsComeFromSeveralAgenciesOnTheirOwnScales() {
        var seen: [RatingAgency: Int] = [:]
        for c in Self.portfolio {
            for r in c.records.ratings {
                seen[r.agency, default: 0] += 1
                #expect(r.agency.scale.contains(r.score))
            }
        }
        #expect(seen.count == 3)
        #expect(Set(RatingAgency.allCases.map(\.scale)).count == 3)
        let rated = Self.portfolio.filter { !$0.records.ratings.isEmpty }.count
        #expect(Double(rated) / Double(Self.portfolio.count) > 0.85)
    }

    @Test func paymentBehaviourSeparatesTheSegments() {
        func meanLate(_ segment: BehaviourSegment) -> Double {
            var total = 0, n = 0
            for c in Self.portfolio where c.profile.segment == segment {
                for p in c.records.payments where !p.amount.isNegative {
                    total += c.records.invoices[p.invoice].due.days(to: p.paidOn)
                    n += 1
                }
            }
            return Double(total) / Double(max(1, n))
        }
        #expect(meanLate(.punctual) < 5)
        #expect(meanLate(.slowSteady) > 20)
        // Fixed-day payers pay on their pay-run day most of the time.
        var onPayDay = 0, all = 0
        for c in Self.portfolio where c.profile.segment == .fixedDay {
            for p in c.records.payments where p.paidOn.day == c.profile.payDay || p.paidOn.weekday == 1 {
                _ = p
                onPayDay += 1
            }
            all += c.records.payments.count
        }
        #expect(Double(onPayDay) / Double(max(1, all)) > 0.7)
    }

    @Test func orderStatusesAndDisputeReasonsAllOccur() {
        var statuses = Set<OrderStatus>(), reasons = Set<DisputeReason>()
        for c in Self.portfolio {
            c.records.orders.forEach { statuses.insert($0.status) }
            c.records.disputes.forEach { reasons.insert($0.reason) }
        }
        #expect(statuses == [.accepted, .refused, .blocked])
        #expect(reasons == Set(DisputeReason.allCases))
    }

    @Test func simulatingACustomerTwiceGivesTheSameRecords() throws {
        let generator = try PortfolioGenerator(settings: Self.settings)
        var a = CustomerRecords(), b = CustomerRecords()
        _ = generator.simulate(customer: 17, into: &a)
        _ = generator.simulate(customer: 99, into: &b)
        _ = generator.simulate(customer: 17, into: &b)
        #expect(a == b)
        #expect(a == Self.portfolio[17].records)
    }

    @Test func settingsAreValidated() {
        #expect(throws: PortfolioSettingsError.nonPositive(name: "customers", value: 0)) {
            try PortfolioSettings(customers: 0, months: 12, seed: 1).validate()
        }
        #expect(throws: PortfolioSettingsError.nonPositive(name: "months", value: -1)) {
            try PortfolioSettings(customers: 5, months: -1, seed: 1).validate()
        }
        #expect(PortfolioSettings(customers: 5, months: 24, seed: 1).start.description == "2024-11-01")
    }
}
