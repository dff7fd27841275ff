/// Training data without leakage: the profile at each of a range of as-of
/// dates (features use only what was known then), each (customer, as-of) row
/// labelled with its outcome in the window after it.
///
/// Customers already in default at an as-of date are left out of that date's
/// rows (they are not a prediction problem any more) and counted in
/// `summary`. The store path of every model reads its training data here.
public struct TrainingSetBuilder: Sendable {
    public let portfolio: PortfolioData
    public let definition: DefaultDefinition

    public init(portfolio: PortfolioData, definition: DefaultDefinition = DefaultDefinition()) {
        self.portfolio = portfolio
        self.definition = definition
    }

    /// Month ends from the month of `from` to the month of `to`, both included.
    public static func monthEnds(from: CalendarDate, to: CalendarDate) -> [CalendarDate] {
        var out: [CalendarDate] = []
        var d = from.endOfMonth
        while d <= to.endOfMonth {
            out.append(d)
            d = d.adding(days: 1).endOfMonth
        }
        return out
    }

    /// The labelled, stacked profiles at `asOfDates` (sorted, distinct).
    ///
    /// An as-of date whose whole horizon is not yet observed is refused:
    /// its labels would count late defaulters as good.
    public func build(asOfDates: [CalendarDate], observedThrough: CalendarDate) throws -> TrainingSet {
        try definition.validate()
        let dates = Array(Set(asOfDates)).sorted()
        guard !dates.isEmpty else { throw TrainingSetError("no as-of dates given") }
        if let late = dates.first(where: { $0.adding(months: definition.horizonMonths) > observedThrough }) {
            throw TrainingSetError("as-of \(late) + \(definition.horizonMonths) months runs past the data, which ends \(observedThrough): choose an earlier as-of date or a shorter horizon")
        }
        let labeler = DefaultLabeler(data: portfolio, definition: definition)
        let builder = ProfileBuilder(portfolio: portfolio)
        var set = TrainingSet(definition: definition, features: FeatureCatalog.specs)
        for asOf in dates {
            let table = try builder.profile(asOf: asOf)
            var labels: [String: DefaultLabel] = [:]
            for label in labeler.labels(asOf: asOf) { labels[portfolio.customers[Int(label.customer)].id] = label }
            var summary = TrainingSet.AsOfSummary(asOf: asOf, customers: table.rowCount)
            var keep: [Int] = []
            for (r, id) in table.customerIDs.enumerated() {
                guard let label = labels[id] else { continue }
                if label.inDefaultAtAsOf { summary.excludedInDefault += 1; continue }
                keep.append(r)
                set.asOf.append(asOf)
                set.customerIDs.append(id)
                set.target.append(label.defaults ? 1 : 0)
                set.defaultDates.append(label.defaultDate)
                if label.defaults { summary.defaults += 1 }
            }
            summary.rows = keep.count
            set.append(table, rows: keep)
            set.summary.append(summary)
        }
        return set
    }
}

/// Stacked, labelled profiles: one row per (as-of date, customer).
public struct TrainingSet: Sendable {
    public struct AsOfSummary: Sendable, Hashable {
        public var asOf: CalendarDate
        /// Customers that existed at the as-of date.
        public var customers: Int
        /// Of those, already in default at the as-of date, left out.
        public var excludedInDefault = 0
        public var rows = 0
        public var defaults = 0

        init(asOf: CalendarDate, customers: Int) {
            self.asOf = asOf
            self.customers = customers
        }

        /// Defaults per row, nil without rows.
        public var defaultRate: Double? { rows > 0 ? Double(defaults) / Double(rows) : nil }
    }

    public let definition: DefaultDefinition
    public let features: [FeatureSpec]
    public internal(set) var asOf: [CalendarDate] = []
    public internal(set) var customerIDs: [String] = []
    /// 1 when the customer defaults within the horizon, else 0.
    public internal(set) var target: [Double] = []
    public internal(set) var defaultDates: [CalendarDate?] = []
    /// One column per feature, rows aligned with `customerIDs`.
    public internal(set) var columns: [ProfileColumn]
    public internal(set) var summary: [AsOfSummary] = []

    init(definition: DefaultDefinition, features: [FeatureSpec]) {
        self.definition = definition
        self.features = features
        columns = features.map { $0.kind == .categorical ? .texts([]) : .numbers([]) }
    }

    public var rowCount: Int { customerIDs.count }

    /// Appends `rows` of `table`; each column's array is taken out of the enum
    /// before appending so it is not copied (the stack grows with every as-of date).
    mutating func append(_ table: ProfileTable, rows: [Int]) {
        for (c, column) in table.columns.enumerated() {
            let current = columns[c]
            columns[c] = .numbers([])
            switch (current, column) {
            case (.numbers(var into), .numbers(let from)):
                into.append(contentsOf: rows.map { from[$0] })
                columns[c] = .numbers(into)
            case (.texts(var into), .texts(let from)):
                into.append(contentsOf: rows.map { from[$0] })
                columns[c] = .texts(into)
            default:
                columns[c] = current
            }
        }
    }

    /// `as_of,customer_id,target_default,default_date,<features...>` then one line per row.
    public func csvLines(_ emit: (String) throws -> Void) rethrows {
        try emit(CSVText.line(["as_of", "customer_id", "target_default", "default_date"] + features.map(\.name)))
        for r in 0..<rowCount {
            var line = asOf[r].description + "," + CSVText.safeText(customerIDs[r]) + ","
            line += (target[r] == 1 ? "1" : "0") + "," + (defaultDates[r]?.description ?? "")
            for column in columns { column.appendCSVCell(row: r, to: &line) }
            try emit(line + "\n")
        }
    }
}
