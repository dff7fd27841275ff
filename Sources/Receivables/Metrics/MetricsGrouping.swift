/// How the metrics split the portfolio: one row for the whole portfolio, or
/// one row per customer, country, sector or segment (besides the portfolio row).
public enum MetricsGrouping: Sendable, Hashable {
    /// The whole portfolio only.
    case portfolio
    /// One group per customer, keyed by customer id; every customer appears,
    /// including those with no invoices (zeros, missing ratios).
    case customer
    /// One group per country code.
    case country
    /// One group per sector.
    case sector
    /// One group per segment, from a map customer index → segment name given by
    /// the caller (a fitted segmentation).
    case segment([Int: String])

    /// The group key of customers whose country, sector or segment is not known.
    public static let unknownKey = "(none)"

    /// The name used on the command line: portfolio, customer, country, sector, segment.
    public var name: String {
        switch self {
        case .portfolio: "portfolio"
        case .customer: "customer"
        case .country: "country"
        case .sector: "sector"
        case .segment: "segment"
        }
    }

    /// The groups of `customers`: sorted keys (byte order) and each customer's
    /// index into them. Customers without a value (no country, no sector, not
    /// in the segment map) share the group `unknownKey`. `.portfolio` gives no
    /// groups (the portfolio row is always there).
    public func assign(_ customers: [PortfolioData.Customer]) -> GroupAssignment {
        let raw: [String]
        switch self {
        case .portfolio: return GroupAssignment(keys: [], groupOfCustomer: [])
        case .customer: raw = customers.map(\.id)
        case .country: raw = customers.map { Self.key($0.country) }
        case .sector: raw = customers.map { Self.key($0.sector) }
        case .segment(let map): raw = customers.indices.map { Self.key(map[$0]) }
        }
        let keys = Array(Set(raw)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var index: [String: Int32] = [:]
        index.reserveCapacity(keys.count)
        for (k, key) in keys.enumerated() { index[key] = Int32(k) }
        return GroupAssignment(keys: keys, groupOfCustomer: raw.map { index[$0] ?? 0 })
    }

    static func key(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return unknownKey }
        return value
    }
}

/// Groups as keys plus, for each customer, the index of its group.
public struct GroupAssignment: Sendable, Hashable {
    /// Group keys, sorted.
    public let keys: [String]
    /// `groupOfCustomer[c]`: index into `keys` of customer c's group (empty for the portfolio grouping).
    public let groupOfCustomer: [Int32]
}
