/// Agency ratings and credit-insurer limits.
enum ExternalFeatures {
    /// A rating's score on 0–1 across its own scale, (score − min) ÷ (max − min)
    /// clamped to [0, 1]; nil without a score, without a scale, or when max ≤ min.
    static func normalised(_ r: PortfolioData.Rating) -> Double? {
        guard let score = r.score, let lo = r.scaleMin, let hi = r.scaleMax,
              score.isFinite, lo.isFinite, hi.isFinite, hi > lo else { return nil }
        return min(1, max(0, (score - lo) / (hi - lo)))
    }

    /// One agency's latest usable rating on or before as-of and on or before as-of − 12 months.
    private struct Agency {
        var name: String
        var now: (day: Int, score: Double, label: String?)?
        var then: (day: Int, score: Double, label: String?)?
    }

    static func write(_ data: PortfolioData, _ records: CustomerRecordRanges, _ dates: ProfileDates, arOpen: Int64,
                      into row: FeatureRow) {
        writeRatings(data, records, dates, into: row)
        writeLimits(data, records, dates, arOpen: arOpen, into: row)
    }

    private static func writeRatings(_ data: PortfolioData, _ records: CustomerRecordRanges, _ dates: ProfileDates,
                                     into row: FeatureRow) {
        var agencies: [Agency] = []
        var rated = Set<String>()
        var latest: PortfolioData.Rating?
        for k in records.ratings {
            let r = data.ratings[k]
            let day = r.ratedOn.dayNumber
            guard day <= dates.asOf else { continue }
            rated.insert(r.agency)
            if latest.map({ day >= $0.ratedOn.dayNumber }) ?? true { latest = r }
            guard let score = normalised(r) else { continue }
            let i = agencies.firstIndex { $0.name == r.agency } ?? { agencies.append(Agency(name: r.agency)); return agencies.count - 1 }()
            if agencies[i].now.map({ day >= $0.day }) ?? true { agencies[i].now = (day, score, r.rating) }
            if day <= dates.yearAgo, agencies[i].then.map({ day >= $0.day }) ?? true { agencies[i].then = (day, score, r.rating) }
        }
        row.count(.extAgencies, rated.count)
        let current = agencies.compactMap(\.now)
        row.flag(.extScoreMissing, current.isEmpty)
        if !current.isEmpty {
            row[.extScore] = current.map(\.score).reduce(0, +) / Double(current.count)
            row.count(.extRatingAge, dates.asOf - (current.map(\.day).max() ?? dates.asOf))
        }
        var changes = 0.0, paired = 0, labelDowngrade = false
        for a in agencies {
            guard let now = a.now, let then = a.then else { continue }
            changes += now.score - then.score
            paired += 1
            if now.label != then.label && now.score < then.score { labelDowngrade = true }
        }
        row.flag(.extChangeMissing, paired == 0)
        if paired > 0 {
            let change = changes / Double(paired)
            row[.extScoreChange] = change
            row.flag(.extDowngrade, change < -0.1 || labelDowngrade)
        }
        let limit = latest?.recommendedLimit
        row.flag(.extRecommendedLimitMissing, limit == nil)
        if let limit { row.money(.extRecommendedLimit, limit) }
    }

    /// The limit valid on `day`: per insurer the row with the latest
    /// valid_from ≤ day (the later row on a tie), counted when its valid_to is
    /// empty or ≥ day; summed over insurers. Nil when no insurer's row is valid.
    static func limit(_ data: PortfolioData, _ rows: Range<Int>, on day: Int) -> Int64? {
        var insurers: [(name: String, from: Int, row: Int)] = []
        for k in rows {
            let l = data.limits[k]
            let from = l.validFrom.dayNumber
            guard from <= day else { continue }
            if let i = insurers.firstIndex(where: { $0.name == l.insurer }) {
                if from >= insurers[i].from { insurers[i] = (l.insurer, from, k) }
            } else {
                insurers.append((l.insurer, from, k))
            }
        }
        var total: Int64 = 0, any = false
        for i in insurers {
            let l = data.limits[i.row]
            guard (l.validTo?.dayNumber ?? Int.max) >= day else { continue }
            total += l.amount
            any = true
        }
        return any ? total : nil
    }

    private static func writeLimits(_ data: PortfolioData, _ records: CustomerRecordRanges, _ dates: ProfileDates,
                                    arOpen: Int64, into row: FeatureRow) {
        let now = limit(data, records.limits, on: dates.asOf)
        row.flag(.insLimitMissing, now == nil)
        if let now {
            row.money(.insLimit, now)
            row.flag(.insLimitWithdrawn, now == 0)
        }
        row.flag(.insUtilisationMissing, (now ?? 0) <= 0)
        if let now, now > 0 { row[.insUtilisation] = Double(arOpen) / Double(now) }
        let then = limit(data, records.limits, on: dates.yearAgo)
        row.flag(.insChangeMissing, now == nil || (then ?? 0) <= 0)
        if let now, let then, then > 0 { row[.insLimitChange] = Double(now - then) / Double(then) }
    }
}

/// The customer's own attributes and its open CRM pipeline.
enum CustomerFeatures {
    static func write(_ customer: PortfolioData.Customer, _ dates: ProfileDates, into row: FeatureRow) {
        row.flag(.paymentTermsMissing, customer.paymentTermsDays == nil)
        if let terms = customer.paymentTermsDays { row.count(.paymentTerms, terms) }
        row.flag(.tenureMissing, customer.createdOn == nil)
        if let created = customer.createdOn { row.count(.tenure, dates.asOf - created.dayNumber) }
    }

    /// Opportunities expected to close after as-of were open at as-of. They
    /// carry no creation date, so one created after as-of counts too: exact
    /// only when as-of is the extraction date (docs/profile.md).
    static func writePipeline(_ data: PortfolioData, _ records: CustomerRecordRanges, _ dates: ProfileDates, into row: FeatureRow) {
        var amount: Int64 = 0, count = 0
        for k in records.opportunities {
            let o = data.opportunities[k]
            guard let close = o.expectedClose, close.dayNumber > dates.asOf else { continue }
            amount += o.expectedAmount ?? 0
            count += 1
        }
        row.money(.crmPipeline, amount)
        row.count(.crmOpportunities, count)
    }
}
