/// What one column of the customer profile is: its name, meaning, unit and
/// window, and how it is missing. The whole list, in column order, is
/// `FeatureCatalog.specs`.
public struct FeatureSpec: Sendable, Hashable, Codable {
    /// numeric: a number (count, amount, days, share, score) that may be
    /// missing; indicator: 0 or 1, never missing (the `_missing` columns);
    /// categorical: text, missing as an empty cell (CSV) or null (JSON).
    public enum Kind: String, Sendable, Hashable, Codable {
        case numeric, indicator, categorical
    }

    /// The column name (snake_case, stable: scripts and model files use it).
    public let name: String
    /// What it measures and how, in one or two sentences.
    public let meaning: String
    /// days, count, share (0–1), score (0–1), flag (0/1), day of month, or
    /// the reporting currency's units (`currency`: amounts divided by 100 from cents).
    public let unit: String
    /// The dates it looks at, relative to the as-of date.
    public let window: String
    public let kind: Kind
    /// The indicator column that is 1 exactly when this feature is missing
    /// (nil: the feature is never missing).
    public let missingIndicator: String?

    public init(name: String, meaning: String, unit: String, window: String, kind: Kind, missingIndicator: String? = nil) {
        self.name = name
        self.meaning = meaning
        self.unit = unit
        self.window = window
        self.kind = kind
        self.missingIndicator = missingIndicator
    }
}

/// The windows the catalogue uses. Months are calendar months back from the
/// as-of date (`CalendarDate.adding(months:)`, clamped to the month's end).
public enum FeatureWindow {
    /// (as-of − 12 months, as-of]
    public static let last12Months = "last 12 months"
    /// everything dated on or before the as-of date
    public static let allHistory = "all history"
    /// the state on the as-of date
    public static let atAsOf = "at as-of"
    /// (as-of − 3 months, as-of] against (as-of − 12 months, as-of − 3 months]
    public static let trend = "last 3 vs the 9 months before"
    /// latest on or before as-of against latest on or before as-of − 12 months
    public static let change12Months = "as-of vs as-of − 12 months"
}
