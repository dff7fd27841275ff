/// What to generate: how many customers, how many months of history, the seed,
/// and the last day of the history.
///
/// The history covers `months` calendar months ending with `end`'s month; it
/// starts on the first day of the earliest month. `end` is fixed (default
/// 2026-10-31), never today's date, so the same settings give the same bytes.
public struct PortfolioSettings: Sendable, Hashable, Codable {
    public var customers: Int
    public var months: Int
    public var seed: UInt64
    public var end: CalendarDate

    /// The default last day of the history: 2026-10-31.
    public static let defaultEnd = CalendarDate.clamped(year: 2026, month: 10, day: 31)
    /// Upper bounds that keep identifiers at their documented widths.
    public static let maxCustomers = 9_999_999
    public static let maxMonths = 600

    public init(customers: Int, months: Int, seed: UInt64, end: CalendarDate = PortfolioSettings.defaultEnd) {
        self.customers = customers
        self.months = months
        self.seed = seed
        self.end = end
    }

    /// The first day of the history.
    public var start: CalendarDate {
        end.startOfMonth.adding(months: -(months - 1))
    }

    /// Checks the counts and the end date; throws with the offending value.
    public func validate() throws(PortfolioSettingsError) {
        guard customers > 0 else { throw .nonPositive(name: "customers", value: customers) }
        guard months > 0 else { throw .nonPositive(name: "months", value: months) }
        guard customers <= Self.maxCustomers else {
            throw .tooLarge(name: "customers", value: customers, limit: Self.maxCustomers)
        }
        guard months <= Self.maxMonths else { throw .tooLarge(name: "months", value: months, limit: Self.maxMonths) }
        guard end.year >= 1900 + months / 12 + 1, end.year <= 9000 else { throw .endOutOfRange(end) }
    }
}

/// A setting the generator cannot work with.
public enum PortfolioSettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    case nonPositive(name: String, value: Int)
    case tooLarge(name: String, value: Int, limit: Int)
    case endOutOfRange(CalendarDate)

    public var description: String {
        switch self {
        case let .nonPositive(name, value):
            return "--\(name) must be a positive whole number, got \(value)"
        case let .tooLarge(name, value, limit):
            return "--\(name) must be at most \(limit), got \(value)"
        case let .endOutOfRange(date):
            return "--end must leave the whole history between the years 1900 and 9000, got \(date)"
        }
    }
}
