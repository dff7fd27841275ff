/// Open amounts by days past due at a date t (DESIGN.md: current, 1–30,
/// 31–60, 61–90, 91+), in exact cents.
///
/// Days past due = t − due date in calendar days. An amount is *current*
/// while it is not yet past due (due date ≥ t, days past due ≤ 0), so
/// `current` equals the current AR. An invoice due on t is current; due the
/// day before t, it is 1 day past due.
public struct AgingBuckets: Sendable, Hashable, Codable {
    /// Not yet past due (days past due ≤ 0).
    public var current: Int64 = 0
    /// 1…30 days past due.
    public var days1to30: Int64 = 0
    /// 31…60 days past due.
    public var days31to60: Int64 = 0
    /// 61…90 days past due.
    public var days61to90: Int64 = 0
    /// 91 or more days past due.
    public var days91plus: Int64 = 0

    public init() {}

    public init(current: Int64, days1to30: Int64, days31to60: Int64, days61to90: Int64, days91plus: Int64) {
        self.current = current
        self.days1to30 = days1to30
        self.days31to60 = days31to60
        self.days61to90 = days61to90
        self.days91plus = days91plus
    }

    /// The AR: the sum of all buckets.
    public var total: Int64 { current + days1to30 + days31to60 + days61to90 + days91plus }

    /// The past-due AR: everything but `current`.
    public var pastDue: Int64 { total - current }

    /// The bucket index (0 = current … 4 = 91+) of an amount `daysPastDue` days past due.
    @inlinable
    public static func bucket(daysPastDue: Int) -> Int {
        if daysPastDue <= 0 { return 0 }
        if daysPastDue <= 30 { return 1 }
        if daysPastDue <= 60 { return 2 }
        if daysPastDue <= 90 { return 3 }
        return 4
    }

    /// The buckets as an array, index as in `bucket(daysPastDue:)`.
    public var values: [Int64] { [current, days1to30, days31to60, days61to90, days91plus] }

    /// Buckets from five values in `bucket(daysPastDue:)` order.
    public init(_ v: some Collection<Int64>) {
        var it = v.makeIterator()
        current = it.next() ?? 0
        days1to30 = it.next() ?? 0
        days31to60 = it.next() ?? 0
        days61to90 = it.next() ?? 0
        days91plus = it.next() ?? 0
    }

    /// Adds `amount` (cents) at `daysPastDue`.
    public mutating func add(_ amount: Int64, daysPastDue: Int) {
        switch Self.bucket(daysPastDue: daysPastDue) {
        case 0: current += amount
        case 1: days1to30 += amount
        case 2: days31to60 += amount
        case 3: days61to90 += amount
        default: days91plus += amount
        }
    }
}
