/// One customer's numeric cells while the profile is computed: a slice of a
/// row-major buffer, NaN standing for "missing" only inside the builder (the
/// table turns it into nil; no feature computation divides without a guard,
/// and a test checks that a cell is missing exactly when its indicator says so).
struct FeatureRow {
    let base: UnsafeMutablePointer<Double>

    subscript(feature: Feature) -> Double? {
        get {
            let v = base[feature.rawValue]
            return v.isNaN ? nil : v
        }
        nonmutating set { base[feature.rawValue] = newValue ?? .nan }
    }

    /// Sets an indicator or flag: 1 for true, 0 for false.
    func flag(_ feature: Feature, _ on: Bool) { base[feature.rawValue] = on ? 1 : 0 }

    /// Sets a count.
    func count(_ feature: Feature, _ n: Int) { base[feature.rawValue] = Double(n) }

    /// Sets an amount from cents, in units of the reporting currency.
    func money(_ feature: Feature, _ cents: Int64) { base[feature.rawValue] = Double(cents) / 100 }
}

/// The as-of date and the window boundaries, as day numbers. A window
/// `(from, asOf]` holds the dates d with from < d ≤ asOf.
struct ProfileDates: Sendable {
    let asOf: Int
    /// as-of − 12 calendar months.
    let yearAgo: Int
    /// as-of − 3 calendar months.
    let quarterAgo: Int

    init(asOf: CalendarDate) {
        self.asOf = asOf.dayNumber
        yearAgo = asOf.adding(months: -12).dayNumber
        quarterAgo = asOf.adding(months: -3).dayNumber
    }

    @inline(__always) func inLastYear(_ day: Int) -> Bool { day > yearAgo && day <= asOf }
}

/// Where one customer's records are in the portfolio's arrays.
struct CustomerRecordRanges {
    var invoices: Range<Int>
    var payments: Range<Int>
    var disputes: Range<Int>
    var ratings: Range<Int>
    var limits: Range<Int>
    var orders: Range<Int>
    var opportunities: Range<Int>
}

/// A positive invoice whose payments covered it on or before the as-of date.
struct PaidInvoice {
    /// Day number of the date the payments first covered the amount.
    var settledOn: Int
    var daysLate: Int
    var daysToPay: Int
    /// Cents, > 0.
    var amount: Int64
    /// Payments up to and including the settling one.
    var payments: Int
}

/// Buffers one worker reuses from customer to customer.
struct ProfileScratch {
    var paid: [PaidInvoice] = []
    /// Day numbers of the positive payments on positive invoices in the last 12 months.
    var paymentDays: [Int] = []
    /// (days late, cents) of the paid invoices of one window, for the weighted median.
    var window: [(days: Int, amount: Int64)] = []
}
