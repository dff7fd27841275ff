/// Everything stored, read into memory in the shape the profile and the
/// metrics need: records refer to each other by array index, amounts are
/// exact cents in the reporting currency, and each array is sorted so that a
/// customer's records are contiguous.
///
/// Built by `ReceivablesStore.loadPortfolio()`; immutable afterwards. Point in
/// time is applied by the consumers (profile, metrics), which only look at
/// records dated on or before their as-of date.
public struct PortfolioData: Sendable {
    public struct Customer: Sendable, Hashable {
        public var id: String
        public var name: String?
        public var country: String?
        public var sector: String?
        public var sizeClass: String?
        public var region: String?
        public var paymentTermsDays: Int?
        public var category: String?
        public var createdOn: CalendarDate?
    }

    public struct Invoice: Sendable, Hashable {
        public var id: String
        /// Index into `customers`.
        public var customer: Int32
        public var issueDate: CalendarDate
        public var dueDate: CalendarDate
        /// Cents in the reporting currency (negative for a credit note).
        public var amount: Int64
        public var currency: String
        public var channel: String?
    }

    public struct Payment: Sendable, Hashable {
        /// Index into `invoices`.
        public var invoice: Int32
        public var paidOn: CalendarDate
        /// Cents in the reporting currency.
        public var amount: Int64
    }

    public struct Rating: Sendable, Hashable {
        public var customer: Int32
        public var agency: String
        public var ratedOn: CalendarDate
        public var score: Double?
        public var rating: String?
        public var scaleMin: Double?
        public var scaleMax: Double?
        /// Cents in the reporting currency.
        public var recommendedLimit: Int64?
    }

    public struct CreditLimit: Sendable, Hashable {
        public var customer: Int32
        public var insurer: String
        public var validFrom: CalendarDate
        public var validTo: CalendarDate?
        public var amount: Int64
    }

    public struct Dispute: Sendable, Hashable {
        /// Index into `invoices`.
        public var invoice: Int32
        public var openedOn: CalendarDate
        public var resolvedOn: CalendarDate?
        public var reason: String?
    }

    public struct Order: Sendable, Hashable {
        public var customer: Int32
        public var orderedOn: CalendarDate
        public var amount: Int64
        /// accepted, refused or blocked.
        public var status: String
    }

    public struct Opportunity: Sendable, Hashable {
        public var customer: Int32
        public var stage: String?
        public var expectedAmount: Int64?
        public var expectedClose: CalendarDate?
    }

    /// Sorted by id.
    public var customers: [Customer] = []
    /// Sorted by (customer, issue date, id).
    public var invoices: [Invoice] = []
    /// Sorted by (invoice, paid on).
    public var payments: [Payment] = []
    /// Sorted by (customer, rated on).
    public var ratings: [Rating] = []
    /// Sorted by (customer, valid from).
    public var limits: [CreditLimit] = []
    /// Sorted by (invoice, opened on).
    public var disputes: [Dispute] = []
    /// Sorted by (customer, ordered on).
    public var orders: [Order] = []
    public var opportunities: [Opportunity] = []
    /// The currency every amount is in.
    public var reportingCurrency: String = "EUR"
    /// Whether the invoices, payments and disputes came from the store's cache
    /// (`ReceivablesCache`) rather than from its tables.
    public var fromCache = false

    public init() {}

    /// `invoiceRanges[c]`: the invoices of customer `c` (contiguous).
    public var invoiceRanges: [Range<Int>] { Self.ranges(of: invoices.map(\.customer), count: customers.count) }

    /// `paymentRanges[i]`: the payments of invoice `i` (contiguous).
    public var paymentRanges: [Range<Int>] { Self.ranges(of: payments.map(\.invoice), count: invoices.count) }

    /// `disputeRanges[i]`: the disputes of invoice `i` (contiguous).
    public var disputeRanges: [Range<Int>] { Self.ranges(of: disputes.map(\.invoice), count: invoices.count) }

    /// For keys sorted ascending, the range of positions holding each value 0..<count.
    static func ranges(of keys: [Int32], count: Int) -> [Range<Int>] {
        var out = [Range<Int>](repeating: 0..<0, count: count)
        var start = 0
        while start < keys.count {
            var end = start + 1
            while end < keys.count && keys[end] == keys[start] { end += 1 }
            let k = Int(keys[start])
            if k >= 0 && k < count { out[k] = start..<end }
            start = end
        }
        return out
    }
}
