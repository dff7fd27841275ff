import Foundation
import SolventNumerics

/// The rating agencies of the synthetic portfolio, each with its own scale.
///
/// | agency | score | higher is | rating |
/// |---|---|---|---|
/// | Dun & Bradstreet | 1…100 | safer | risk indicator 1 (minimal) … 4 (high) |
/// | Graydon | 1…10 | safer | AAA … C, D (1) |
/// | Experian | 0…100 | safer | A … E |
enum RatingAgency: Int, Sendable, Hashable, CaseIterable {
    case dunBradstreet, graydon, experian

    var name: StaticString { ["Dun & Bradstreet", "Graydon", "Experian"][rawValue] }
    var scale: ClosedRange<Int> { [1...100, 1...10, 0...100][rawValue] }

    /// The score for the agency's view `x` of the risk (higher x = riskier).
    func score(_ x: Double) -> Int {
        let raw: Double
        switch self {
        case .dunBradstreet: raw = 55 - 18 * x
        case .graydon: raw = 6 - 1.6 * x
        case .experian: raw = 50 - 20 * x
        }
        return min(max(Int(raw.rounded()), scale.lowerBound), scale.upperBound)
    }

    func rating(_ score: Int) -> String {
        switch self {
        case .dunBradstreet: return score >= 70 ? "1" : score >= 45 ? "2" : score >= 20 ? "3" : "4"
        case .graydon: return ["D", "C", "CC", "CCC", "B", "BB", "BBB", "A", "AA", "AAA"][score - 1]
        case .experian: return score >= 80 ? "A" : score >= 60 ? "B" : score >= 40 ? "C" : score >= 20 ? "D" : "E"
        }
    }

    /// True when the score is in the agency's worst band (no credit recommended).
    func isWorstBand(_ score: Int) -> Bool {
        switch self {
        case .dunBradstreet: return score < 20
        case .graydon: return score <= 2
        case .experian: return score < 20
        }
    }
}

/// The credit insurers that grant limits.
enum CreditInsurers {
    static let names: [StaticString] = ["Atradius", "Allianz Trade", "Coface"]
}

/// Agency ratings and insurer limits over the history.
/// docs/generator.md, "Ratings and limits".
///
/// Each agency covers a customer with a probability by country (Graydon is
/// strongest in the Benelux, Experian in the UK), more for larger companies.
/// Its view of the risk at day t is x(t) = agencyView + its own error
/// N(0, 0.3²) + trend: deteriorating customers drift by +0.06 a month;
/// defaulters are downgraded over the 180 days before they stop paying (+1.0)
/// and sink further (+1.0) once they default. Reviews come every 91 ± 15 days, with
/// an extra review 45 days before and 20 days after a defaulter stops paying.
struct ExternalDataModel: Sendable {
    let start: CalendarDate
    let end: CalendarDate

    /// Trend of the agencies' view of the risk at `day`.
    func riskDrift(_ c: CustomerProfile, at day: CalendarDate) -> Double {
        var drift = 0.0
        if c.baseSegment == .deteriorating { drift += 0.06 * Double(max(0, start.months(to: day))) }
        if let stop = c.stopPayingOn {
            let ramp = Double(stop.adding(days: -180).days(to: day)) / 180
            drift += 1.0 * min(1, max(0, ramp))
            if let d = c.defaultDate, day >= d { drift += 1.0 }
        }
        return drift
    }

    func ratings(_ c: CustomerProfile, into r: inout CustomerRecords, rng: inout Xoshiro256StarStar) {
        let sizeBoost = [0.0, 0.05, 0.12, 0.2][c.size.rawValue]
        for agency in RatingAgency.allCases {
            let own = rng.normal(sd: 0.3)
            guard rng.bernoulli(min(1, c.country.agencyCoverage[agency.rawValue] + sizeBoost)) else { continue }
            var day = max(c.createdOn.adding(days: 30), c.activeFrom.adding(days: -rng.integer(in: 0...89)))
            var events: [CalendarDate] = []
            if let stop = c.stopPayingOn { events = [stop.adding(days: -45), stop.adding(days: 20)] }
            while day <= end {
                rate(c, agency: agency, on: day, own: own, into: &r, rng: &rng)
                var next = day.adding(days: 91 + rng.integer(in: -15...15))
                if let e = events.first, e <= next {
                    events.removeFirst()
                    if e > day { next = e }
                }
                day = next
            }
        }
        r.ratings.sort { ($0.ratedOn, $0.agency.rawValue) < ($1.ratedOn, $1.agency.rawValue) }
    }

    private func rate(_ c: CustomerProfile, agency: RatingAgency, on day: CalendarDate, own: Double,
                      into r: inout CustomerRecords, rng: inout Xoshiro256StarStar) {
        let x = c.agencyView + own + riskDrift(c, at: day) + rng.normal(sd: 0.15)
        let score = agency.score(x)
        var limit: Money?
        if !agency.isWorstBand(score) {
            let units = c.size.baseRecommendedLimit * Foundation.exp(-0.6 * x)
            limit = Money(units: Int64(max(1, (units / 1_000).rounded())) * 1_000)
        }
        r.ratings.append(RatingRecord(agency: agency, ratedOn: day, score: score, rating: agency.rating(score),
                                      recommendedLimit: limit))
    }

    /// Insurer limits: about the customer's expected receivable times its limit
    /// factor, in steps of 5,000, at least 5,000. Half the customers have
    /// open-ended limits reviewed twice a year (a new row when the amount moves
    /// by more than 10 %), half have 12-month limits. A defaulter's limit is
    /// halved 30…90 days before it stops paying and withdrawn (0.00) 10…40 days after.
    func limits(_ c: CustomerProfile, into r: inout CustomerRecords, rng: inout Xoshiro256StarStar) {
        guard let insurer = c.insurer else { return }
        let exposure = c.ticket * c.invoicesPerMonth * Double(c.termsDays + 15) / 30
        let openEnded = rng.bernoulli(0.5)
        func amount(at day: CalendarDate) -> Money {
            let units = exposure * c.limitFactor * Foundation.exp(-0.4 * riskDrift(c, at: day))
            return Money(units: Int64(max(1, (units / 5_000).rounded())) * 5_000)
        }
        func add(_ from: CalendarDate, _ value: Money, _ to: CalendarDate?) {
            if let last = r.limits.indices.last {
                let dayBefore = from.adding(days: -1)
                if r.limits[last].validTo.map({ $0 > dayBefore }) ?? true { r.limits[last].validTo = dayBefore }
            }
            r.limits.append(LimitRecord(insurer: insurer, validFrom: from, amount: value, validTo: to))
        }
        var day = max(c.createdOn.adding(days: 14), c.activeFrom.adding(days: -rng.integer(in: 0...300)))
        let cutOn = c.stopPayingOn.map { $0.adding(days: -rng.integer(in: 30...90)) }
        let withdrawOn = c.stopPayingOn.map { $0.adding(days: rng.integer(in: 10...40)) }
        while day <= end {
            if let cut = cutOn, day >= cut { break }
            let value = amount(at: day)
            if openEnded {
                let previous = r.limits.last?.amount.doubleValue ?? 0
                if r.limits.isEmpty || abs(value.doubleValue - previous) > 0.1 * previous { add(day, value, nil) }
                day = day.adding(months: 6)
            } else {
                let to = day.adding(months: 12).adding(days: -1)
                add(day, value, to)
                day = to.adding(days: 1)
            }
        }
        if let cut = cutOn, cut <= end, let lastAmount = r.limits.last?.amount {
            add(cut, Money(units: max(5_000, lastAmount.minorUnits / 100 / 2 / 5_000 * 5_000)), nil)
        }
        if let withdraw = withdrawOn, withdraw <= end, !r.limits.isEmpty {
            add(withdraw, .zero, nil)
        }
    }
}
