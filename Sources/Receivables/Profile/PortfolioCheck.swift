/// Checks the orderings and references `PortfolioData` documents and the
/// profile relies on (a customer's records contiguous, payments in date
/// order), so a hand-built portfolio that breaks them gets an error naming
/// the array and position instead of a wrong profile or an out-of-range crash.
/// One linear pass per array.
enum PortfolioCheck {
    static func validate(_ data: PortfolioData) throws(CustomerProfileError) {
        let customers = Int32(clamping: data.customers.count), invoices = Int32(clamping: data.invoices.count)
        try sorted("invoices", data.invoices.map(\.customer), below: customers)
        try sorted("ratings", data.ratings.map(\.customer), below: customers)
        try sorted("limits", data.limits.map(\.customer), below: customers)
        try sorted("orders", data.orders.map(\.customer), below: customers)
        try sorted("opportunities", data.opportunities.map(\.customer), below: customers)
        try sorted("payments", data.payments.map(\.invoice), below: invoices)
        try sorted("disputes", data.disputes.map(\.invoice), below: invoices)
        for k in data.payments.indices.dropFirst() {
            let a = data.payments[k - 1], b = data.payments[k]
            if a.invoice == b.invoice && b.paidOn < a.paidOn {
                throw .invalidPortfolio("payments[\(k)] is paid before payments[\(k - 1)] of the same invoice: sort by (invoice, paid on)")
            }
        }
    }

    /// `keys` ascending and each in 0..<bound.
    private static func sorted(_ name: String, _ keys: [Int32], below bound: Int32) throws(CustomerProfileError) {
        var previous: Int32 = 0
        for (k, key) in keys.enumerated() {
            guard key >= 0 && key < bound else {
                throw .invalidPortfolio("\(name)[\(k)] refers to index \(key), outside 0..<\(bound)")
            }
            guard key >= previous else {
                throw .invalidPortfolio("\(name)[\(k)] (index \(key)) comes after index \(previous): \(name) must be sorted by their owner")
            }
            previous = key
        }
    }
}
