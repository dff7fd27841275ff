/// One cell of the profile.
public enum ProfileValue: Sendable, Hashable {
    case number(Double)
    case text(String)
    case missing
}

/// One column of the profile: numbers (numeric and indicator features) or
/// text (categorical features); nil is a missing value, never NaN.
public enum ProfileColumn: Sendable, Hashable {
    case numbers([Double?])
    case texts([String?])

    public var count: Int {
        switch self {
        case .numbers(let v): return v.count
        case .texts(let v): return v.count
        }
    }

    public subscript(row: Int) -> ProfileValue {
        switch self {
        case .numbers(let v): return v[row].map(ProfileValue.number) ?? .missing
        case .texts(let v): return v[row].map(ProfileValue.text) ?? .missing
        }
    }
}

/// The customer profile at an as-of date: one row per customer that existed
/// then (sorted by customer id), one column per `FeatureCatalog` feature,
/// stored column-major.
public struct ProfileTable: Sendable, Hashable {
    public let asOf: CalendarDate
    public let catalogVersion: String
    public let features: [FeatureSpec]
    public let customerIDs: [String]
    public let columns: [ProfileColumn]

    /// Checks that there is one column per feature, of the feature's kind, each one row per customer.
    public init(asOf: CalendarDate, catalogVersion: String = FeatureCatalog.version, features: [FeatureSpec] = FeatureCatalog.specs,
                customerIDs: [String], columns: [ProfileColumn]) throws(CustomerProfileError) {
        guard features.count == columns.count else {
            throw .inconsistentTable("\(features.count) features but \(columns.count) columns")
        }
        for (spec, column) in zip(features, columns) {
            guard column.count == customerIDs.count else {
                throw .inconsistentTable("column \(spec.name) has \(column.count) rows, expected \(customerIDs.count)")
            }
            switch (spec.kind, column) {
            case (.categorical, .texts), (.numeric, .numbers), (.indicator, .numbers): break
            default: throw .inconsistentTable("column \(spec.name) does not hold \(spec.kind.rawValue) values")
            }
        }
        self.asOf = asOf
        self.catalogVersion = catalogVersion
        self.features = features
        self.customerIDs = customerIDs
        self.columns = columns
    }

    public var rowCount: Int { customerIDs.count }

    public subscript(row: Int, column: Int) -> ProfileValue { columns[column][row] }

    /// The column of a feature by name, or nil.
    public func column(named name: String) -> ProfileColumn? {
        features.firstIndex { $0.name == name }.map { columns[$0] }
    }

    /// The value of `feature` for `customerID`, or nil when there is no such row or column.
    public func value(_ feature: String, customer customerID: String) -> ProfileValue? {
        guard let c = features.firstIndex(where: { $0.name == feature }),
              let r = customerIDs.firstIndex(of: customerID) else { return nil }
        return columns[c][r]
    }

    /// The number of `feature` for `customerID`; nil when missing or not a number.
    public func number(_ feature: String, customer customerID: String) -> Double? {
        if case .number(let x)? = value(feature, customer: customerID) { return x }
        return nil
    }
}

/// Why a profile cannot be computed, stored or read back.
public enum CustomerProfileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The portfolio breaks one of `PortfolioData`'s documented orderings or references.
    case invalidPortfolio(String)
    case inconsistentTable(String)
    /// A stored snapshot that does not fit the current catalogue.
    case snapshotMismatch(String)

    public var description: String {
        switch self {
        case .invalidPortfolio(let m): return "the portfolio cannot be profiled: \(m)"
        case .inconsistentTable(let m): return "inconsistent profile table: \(m)"
        case .snapshotMismatch(let m): return "stored profile snapshot: \(m)"
        }
    }
}
