import Dispatch
import GRDB

/// Why the stored data cannot be read as one portfolio.
public struct PortfolioError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension SQLiteStore {
    /// Reads the stored records of `scope` into a `PortfolioData`, amounts
    /// converted to the reporting currency (a profile over ten million invoices
    /// starts here).
    ///
    /// Two readers scan side by side, each in its own read transaction on its
    /// own connection (WAL lets them): one the invoices (whose index from id to
    /// position is built in batches, `KeyTable.insertAll`), then the disputes
    /// that refer to them; the other the payments, then (scope `.all`) the
    /// ratings, limits, orders and opportunities. Both check that they saw the same last ingest as the read
    /// of the customers; if an ingest committed in between, the whole read is
    /// repeated (three tries, then an error asking to run again).
    ///
    /// The reporting currency is the one of the stored rates, else the single
    /// currency of the invoices; invoices in another currency without a rate
    /// are an error naming the currency and how many invoices use it.
    public func loadPortfolio(_ scope: PortfolioScope) throws -> PortfolioData {
        for _ in 0..<3 {
            if let data = try loadPortfolioOnce(scope) { return data }
        }
        throw PortfolioError(message: "the store changed while it was being read (an ingest committed meanwhile), three times: run again once the ingests have finished")
    }

    /// The portfolio, or nil when the store changed between the reads.
    private func loadPortfolioOnce(_ scope: PortfolioScope) throws -> PortfolioData? {
        let (token, rates, customers, customerTable) = try pool.read { db in
            let c = db.sqliteConnection
            let token = try SQLiteRows.lastIngest(c)
            let (rows, index) = try PortfolioReader.customers(c)
            return (token, try PortfolioReader.loadRates(db), rows, index)
        }
        // Only read from here on (KeyTable lookups do not mutate), so both readers may share it.
        nonisolated(unsafe) let customerIndex = customerTable
        let parts = PortfolioParts()
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            do {
                try pool.read { db in
                    let c = db.sqliteConnection
                    guard try SQLiteRows.lastIngest(c) == token else {
                        parts.changed[part] = true
                        return
                    }
                    if part == 0 {
                        try parts.readInvoices(c, customers: customerIndex, rates: rates)
                    } else {
                        try parts.readOthers(c, customers: customerIndex, scope: scope)
                    }
                }
            } catch {
                parts.errors[part] = error
            }
        }
        if let error = parts.errors.compactMap({ $0 }).first { throw error }
        guard !parts.changed.contains(true) else { return nil }
        var data = PortfolioData()
        data.customers = customers
        data.reportingCurrency = parts.reporting
        data.invoices = parts.invoices
        data.payments = parts.joinPayments()
        data.ratings = parts.ratings
        data.limits = parts.limits
        data.disputes = parts.disputes
        data.orders = parts.orders
        data.opportunities = parts.opportunities
        return data
    }
}

/// What the two readers of `loadPortfolio` fill in; each writes its own
/// fields, and they are read only after both have finished.
private final class PortfolioParts: @unchecked Sendable {
    var errors: [(any Error)?] = [nil, nil]
    var changed = [false, false]
    var reporting = "EUR"
    var invoices: [PortfolioData.Invoice] = []
    /// The reporting-currency factor of each invoice (by position in `invoices`); empty when all are 1.
    var invoiceFactor: [Double] = []
    var invoiceIndex = KeyTable()
    var disputes: [PortfolioData.Dispute] = []
    var payments = PortfolioReader.RawPayments()
    var ratings: [PortfolioData.Rating] = []
    var limits: [PortfolioData.CreditLimit] = []
    var orders: [PortfolioData.Order] = []
    var opportunities: [PortfolioData.Opportunity] = []

    /// Invoices converted and sorted by (customer, issue date), their index, the disputes.
    func readInvoices(_ db: OpaquePointer?, customers: KeyTable, rates: [String: (reporting: String, rate: Double)]) throws {
        var (read, ids, currencyCounts) = try PortfolioReader.invoices(db, customers: customers)
        // The reporting currency: the rates', else the invoices' only one.
        let reporting = rates.values.first?.reporting ?? (currencyCounts.count == 1 ? currencyCounts.keys.first ?? "EUR" : "EUR")
        self.reporting = reporting
        var factors: [String: Double] = [reporting: 1]
        for (code, r) in rates where r.reporting == reporting { factors[code] = r.rate }
        if let missing = currencyCounts.keys.sorted().first(where: { factors[$0] == nil }) {
            throw PortfolioError(message: "\(currencyCounts[missing] ?? 0) invoice(s) are in \(missing) but there is no rate from \(missing) to \(reporting): ingest invoices with a profile whose [rates] gives \(missing)")
        }
        if currencyCounts.count > 1 || currencyCounts.keys.first != reporting {
            invoiceFactor = read.map { factors[$0.currency] ?? 1 }
            for k in read.indices { read[k].amount = PortfolioReader.convert(read[k].amount, invoiceFactor[k]) }
        }
        // The index from id to final position; `ids` are in reading order (position[r]: where
        // the r-th invoice read ended up; empty when the sort moved nothing).
        var position: [Int32] = []
        if let moved = PortfolioReader.sort(&read, by: { ($0.customer, $0.issueDate) }) {
            if !invoiceFactor.isEmpty { invoiceFactor = moved.map { invoiceFactor[Int($0)] } }
            position = [Int32](repeating: 0, count: moved.count)
            for (k, from) in moved.enumerated() { position[Int(from)] = Int32(k) }
        }
        invoiceIndex = KeyTable(expectedCount: read.count)
        ids.withKeys { key in invoiceIndex.insertAll(count: ids.count, key: key) { position.isEmpty ? Int32($0) : position[$0] } }
        invoices = read
        disputes = try PortfolioReader.disputes(db, invoices: invoiceIndex)
    }

    func readOthers(_ db: OpaquePointer?, customers: KeyTable, scope: PortfolioScope) throws {
        payments = try PortfolioReader.payments(db)
        guard scope == .all else { return }
        ratings = try PortfolioReader.ratings(db, customers: customers)
        limits = try PortfolioReader.limits(db, customers: customers)
        orders = try PortfolioReader.orders(db, customers: customers)
        opportunities = try PortfolioReader.opportunities(db, customers: customers)
    }

    /// The payments joined to their invoices (looked up on both cores),
    /// converted at their invoice's rate, sorted by (invoice, paid on).
    func joinPayments() -> [PortfolioData.Payment] {
        let raw = payments
        nonisolated(unsafe) let index = invoiceIndex // only looked up from here on
        var invoiceOf = [Int32](repeating: -1, count: raw.count)
        invoiceOf.withUnsafeMutableBufferPointer { out in
            guard let start = out.baseAddress else { return }
            nonisolated(unsafe) let base = start
            let half = raw.count / 2
            DispatchQueue.concurrentPerform(iterations: 2) { part in
                let range = part == 0 ? 0..<half : half..<raw.count
                raw.invoiceIDs.withKeys { key in index.values(range, key: key, into: base + range.lowerBound) }
            }
        }
        var joined: [PortfolioData.Payment] = []
        joined.reserveCapacity(raw.count)
        for k in 0..<raw.count where invoiceOf[k] >= 0 {
            let i = invoiceOf[k]
            joined.append(.init(invoice: i, paidOn: raw.paidOn[k],
                                amount: invoiceFactor.isEmpty ? raw.amount[k] : PortfolioReader.convert(raw.amount[k], invoiceFactor[Int(i)])))
        }
        payments = .init()
        PortfolioReader.sort(&joined) { ($0.invoice, $0.paidOn) }
        return joined
    }
}
