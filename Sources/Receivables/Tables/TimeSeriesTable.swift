import SolventModels

/// Regular time series read from a long table (one row per series and
/// period): the date, value and optional id columns of a `DataTable`.
///
/// The frequency is inferred from each series' dates: daily (1 day apart),
/// weekly (7), monthly (same day of month, or month ends, one month apart),
/// quarterly (3 months) or yearly (12 months). A gap, a repeated date, a
/// missing or non-finite value is an error naming the series and the dates,
/// never filled in silently.
public struct TimeSeriesTable: Sendable {
    public enum Frequency: String, Sendable, CaseIterable {
        case daily, weekly, monthly, quarterly, yearly

        /// The usual seasonal period: 7 days, 52 weeks, 12 months, 4 quarters, none for years.
        public var seasonalPeriod: Int {
            switch self {
            case .daily: return 7
            case .weekly: return 52
            case .monthly: return 12
            case .quarterly: return 4
            case .yearly: return 1
            }
        }

        /// The date `steps` periods after `date` (month ends stay month ends).
        public func advance(_ date: CalendarDate, by steps: Int) -> CalendarDate {
            switch self {
            case .daily: return date.adding(days: steps)
            case .weekly: return date.adding(days: 7 * steps)
            case .monthly, .quarterly, .yearly:
                let months = steps * (self == .monthly ? 1 : self == .quarterly ? 3 : 12)
                return date == date.endOfMonth ? date.adding(months: months).endOfMonth : date.adding(months: months)
            }
        }
    }

    public struct Series: Sendable {
        public let id: String
        public let dates: [CalendarDate]
        public let values: [Double]
        public let frequency: Frequency
    }

    public let series: [Series]

    /// Groups, sorts and checks the rows. Series keep the order of their first row.
    public init(_ table: DataTable, dateColumn: String, valueColumn: String, idColumn: String?) throws(TimeSeriesError) {
        let dates: CategoricalColumn, values: NumericColumn, ids: [String]
        do {
            dates = try table.categorical(dateColumn)
            values = try table.numeric(valueColumn)
            ids = idColumn == nil ? Array(repeating: "series", count: table.rowCount) : try table.identifiers(idColumn)
        } catch { throw TimeSeriesError(series: nil, message: "\(error)") }
        var order: [String] = [], rows: [String: [(CalendarDate, Double)]] = [:]
        for i in 0..<table.rowCount {
            let id = ids[i]
            guard let text = dates[i], let date = CalendarDate(iso: text) else {
                throw TimeSeriesError(series: id, message: "row \(i + 1): '\(dates[i] ?? "")' in \(dateColumn) is not a date yyyy-MM-dd")
            }
            guard let v = values[i] else { throw TimeSeriesError(series: id, message: "no value on \(date) (row \(i + 1))") }
            guard v.isFinite else { throw TimeSeriesError(series: id, message: "value \(v) on \(date) (row \(i + 1)) is not finite") }
            if rows[id] == nil { order.append(id) }
            rows[id, default: []].append((date, v))
        }
        guard !order.isEmpty else { throw TimeSeriesError(series: nil, message: "the table has no rows") }
        series = try order.map { (id) throws(TimeSeriesError) -> Series in
            let sorted = (rows[id] ?? []).sorted { $0.0 < $1.0 }
            return try Self.regular(id: id, sorted)
        }
    }

    static func regular(id: String, _ points: [(CalendarDate, Double)]) throws(TimeSeriesError) -> Series {
        let dates = points.map(\.0)
        for (a, b) in zip(dates, dates.dropFirst()) where a == b {
            throw TimeSeriesError(series: id, message: "\(a) appears twice")
        }
        guard dates.count >= 2 else {
            throw TimeSeriesError(series: id, message: "one value only (\(dates.first.map(\.description) ?? "")): a series needs at least two periods")
        }
        let frequency = try infer(id: id, dates[0], dates[1])
        for (k, (a, b)) in zip(dates, dates.dropFirst()).enumerated() where frequency.advance(dates[0], by: k + 1) != b {
            throw TimeSeriesError(series: id, message: "\(frequency.rawValue) periods, but \(b) follows \(a) (expected \(frequency.advance(a, by: 1))): fill or remove the missing periods")
        }
        return Series(id: id, dates: dates, values: points.map(\.1), frequency: frequency)
    }

    static func infer(id: String, _ a: CalendarDate, _ b: CalendarDate) throws(TimeSeriesError) -> Frequency {
        for f in Frequency.allCases where f.advance(a, by: 1) == b { return f }
        throw TimeSeriesError(series: id, message: "\(a) and \(b) are not one day, week, month, quarter or year apart")
    }
}

/// A series that cannot be forecast as given.
public struct TimeSeriesError: Error, Sendable, CustomStringConvertible {
    public let series: String?
    public let message: String
    public var description: String { series.map { "series \($0): \(message)" } ?? message }
}
