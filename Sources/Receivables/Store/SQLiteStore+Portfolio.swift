import Dispatch
import GRDB
import Synchronization

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
    /// own connection (WAL lets them): one first reads the disputes, the other
    /// (scope `.all`) the ratings, limits, orders and opportunities; then both
    /// read the invoices and then the payments from the two ends of each table
    /// until they meet (`MeetingScans`), so they finish together. Both check
    /// that they saw the same last ingest as the read of the customers; if an
    /// ingest committed in between, the whole read is repeated (three tries,
    /// then an error asking to run again). The invoices are then sorted and
    /// indexed by id, and the payments and disputes joined to them.
    ///
    /// When the store's receivables cache (`ReceivablesCache`, a file beside the
    /// store) was written for the store as it is, the invoices, payments and
    /// disputes come from it instead, and only the customers (and for `.all` the
    /// ratings, limits, orders and opportunities) are read from the tables; a
    /// read from the tables writes the cache for the next one.
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
        let (token, rates, customers, customerTable, hints, key) = try pool.read { db in
            let c = db.sqliteConnection
            let token = try SQLiteRows.lastIngest(c)
            let (rows, index) = try PortfolioReader.customers(c)
            let hints = (invoices: try SQLiteRows.rowHint(c, "invoices"), payments: try SQLiteRows.rowHint(c, "payments"))
            let rates = try PortfolioReader.loadRates(db)
            return (token, rates, rows, index, hints, try Self.cacheKey(c, rates: rates, customers: rows.count))
        }
        // Only read from here on (KeyTable lookups do not mutate), so both readers may share it.
        nonisolated(unsafe) let customerIndex = customerTable
        let cachePath = ReceivablesCache.path(forStore: path)
        if useCache && ReceivablesCache.isCurrent(at: cachePath, key: key) {
            // The cache on one core; for `.all`, the other tables on the other.
            let others = PortfolioParts()
            nonisolated(unsafe) var cached: ReceivablesCache?
            DispatchQueue.concurrentPerform(iterations: scope == .all ? 2 : 1) { part in
                if part == 0 {
                    cached = ReceivablesCache.read(from: cachePath, key: key)
                    return
                }
                do {
                    try pool.read { db in
                        guard try SQLiteRows.lastIngest(db.sqliteConnection) == token else {
                            return others.outcome.withLock { $0.changed = true }
                        }
                        try others.readOthers(db.sqliteConnection, customers: customerIndex)
                    }
                } catch {
                    others.outcome.withLock { $0.error = $0.error ?? error }
                }
            }
            let outcome = others.outcome.withLock { $0 }
            if let error = outcome.error { throw error }
            guard !outcome.changed else { return nil }
            // A cache whose head was current but whose body is damaged: the tables are read below.
            if let cached { return Self.portfolio(customers: customers, receivables: cached, others: others, fromCache: true) }
        }
        let parts = PortfolioParts()
        let invoiceScans = MeetingScans(), paymentScans = MeetingScans()
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            do {
                try pool.read { db in
                    let c = db.sqliteConnection
                    guard try SQLiteRows.lastIngest(c) == token else {
                        parts.outcome.withLock { $0.changed = true }
                        return
                    }
                    let end: MeetingScans.End = part == 0 ? .low : .high
                    if part == 0 {
                        parts.rawDisputes = try PortfolioReader.RawDisputes(c)
                    } else if scope == .all {
                        try parts.readOthers(c, customers: customerIndex)
                    }
                    // The low end reserves for the whole table (the high end's rows join it there), the
                    // high end for a little over half (untouched reserved pages take no memory).
                    let share = { (n: Int) in end == .low ? n : n * 5 / 8 }
                    let order = end == .low ? " ASC" : " DESC"
                    var invoices = PortfolioReader.InvoiceRows(reserving: share(hints.invoices), customers: customerIndex)
                    try invoiceScans.scan(c, PortfolioReader.InvoiceRows.select + order, from: end, into: &invoices)
                    var payments = PortfolioReader.RawPayments(reserving: share(hints.payments))
                    try paymentScans.scan(c, PortfolioReader.RawPayments.select + order, from: end, into: &payments)
                    if end == .low { parts.low = (invoices, payments) } else { parts.high = (invoices, payments) }
                }
            } catch {
                parts.outcome.withLock { $0.error = $0.error ?? error }
            }
        }
        let outcome = parts.outcome.withLock { $0 }
        if let error = outcome.error { throw error }
        guard !outcome.changed else { return nil }
        try parts.indexInvoices(rates: rates)
        let receivables = ReceivablesCache(reportingCurrency: parts.reporting, invoices: parts.invoices,
                                           payments: parts.joinPayments(),
                                           disputes: parts.rawDisputes.joined(to: parts.invoiceIndex, position: parts.position))
        if useCache {
            // A cache that cannot be written (read-only folder, disk full) only means the next read scans again.
            if writesCacheInBackground {
                receivables.writeInBackground(to: cachePath, key: key)
            } else {
                try? receivables.write(to: cachePath, key: key)
            }
        }
        return Self.portfolio(customers: customers, receivables: receivables, others: parts, fromCache: false)
    }

    /// The portfolio from its customers, its receivables (read from the tables or the cache)
    /// and the other sources (empty unless read).
    private static func portfolio(customers: [PortfolioData.Customer], receivables: ReceivablesCache,
                                  others: PortfolioParts, fromCache: Bool) -> PortfolioData {
        var data = PortfolioData()
        data.customers = customers
        data.reportingCurrency = receivables.reportingCurrency
        data.invoices = receivables.invoices
        data.payments = receivables.payments
        data.disputes = receivables.disputes
        data.fromCache = fromCache
        data.ratings = others.ratings
        data.limits = others.limits
        data.orders = others.orders
        data.opportunities = others.opportunities
        return data
    }

    /// The key a cache of the store as it is now would have.
    func cacheKey() throws -> String {
        try pool.read { db in
            try Self.cacheKey(db.sqliteConnection, rates: try PortfolioReader.loadRates(db),
                              customers: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customers") ?? 0)
        }
    }

    /// What a cache of the store's receivables is valid for: the last ingest
    /// (id, file hash, finish time), the rates and the number of customers.
    private static func cacheKey(_ db: OpaquePointer?, rates: [String: (reporting: String, rate: Double)], customers: Int) throws -> String {
        var ingest = "none"
        try SQLiteRows.each(db, "SELECT id, sha256, finished_at FROM ingest_log ORDER BY id DESC LIMIT 1") { s in
            ingest = "\(SQLiteRows.int64(s, 0)) \(SQLiteRows.text(s, 1) ?? "") \(SQLiteRows.text(s, 2) ?? "")"
        }
        let rateText = rates.sorted { $0.key < $1.key }.map { "\($0.key)>\($0.value.reporting)=\($0.value.rate)" }
        return "ingest \(ingest); rates \(rateText.joined(separator: ",")); customers \(customers)"
    }
}

/// What the two readers of `loadPortfolio` fill in; each writes its own
/// fields, and they are read only after both have finished.
private final class PortfolioParts: @unchecked Sendable {
    /// The first error of either reader, and whether either saw another last ingest
    /// (both readers may write it, so behind a lock).
    let outcome = Mutex<(error: (any Error)?, changed: Bool)>((nil, false))
    var reporting = "EUR"
    /// What each end of the meeting scans kept.
    var low = (invoices: PortfolioReader.InvoiceRows(reserving: 0), payments: PortfolioReader.RawPayments())
    var high = (invoices: PortfolioReader.InvoiceRows(reserving: 0), payments: PortfolioReader.RawPayments())
    var rawDisputes = PortfolioReader.RawDisputes()
    var invoices: [PortfolioData.Invoice] = []
    /// The reporting-currency factor of each invoice (by position in `invoices`); empty when all are 1.
    var invoiceFactor: [Double] = []
    /// From an invoice's id to its place in the reading (id) order.
    var invoiceIndex = KeyTable()
    /// `sorted[r]`: where the r-th invoice read ended up (empty when the sort moved nothing).
    var sorted: [Int32] = []
    var ratings: [PortfolioData.Rating] = []
    var limits: [PortfolioData.CreditLimit] = []
    var orders: [PortfolioData.Order] = []
    var opportunities: [PortfolioData.Opportunity] = []

    /// The two readers' invoices in id order, converted and sorted by (customer, issue date), and their index.
    func indexInvoices(rates: [String: (reporting: String, rate: Double)]) throws {
        var (read, readIDs) = PortfolioReader.InvoiceRows.joined(&low.invoices, &high.invoices)
        let currencyCounts = PortfolioReader.InvoiceRows.currencyCounts(read)
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
        // The invoices are sorted on one core while their ids are indexed on the other.
        nonisolated(unsafe) var rows = read, moved: [Int32]?
        read = []
        nonisolated(unsafe) let index = KeyTable(expectedCount: rows.count), ids = readIDs
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                moved = PortfolioReader.sort(&rows, by: { ($0.customer, $0.issueDate) })
            } else {
                _ = ids.withKeys { key in index.insertAll(count: ids.count, key: key) { Int32($0) } }
            }
        }
        if let moved {
            if !invoiceFactor.isEmpty { invoiceFactor = moved.map { invoiceFactor[Int($0)] } }
            sorted = [Int32](repeating: 0, count: moved.count)
            for (k, from) in moved.enumerated() { sorted[Int(from)] = Int32(k) }
        }
        invoiceIndex = index
        invoices = rows
    }

    /// Where the invoice read r-th ended up in `invoices`.
    func position(_ r: Int32) -> Int32 { sorted.isEmpty ? r : sorted[Int(r)] }

    func readOthers(_ db: OpaquePointer?, customers: KeyTable) throws {
        ratings = try PortfolioReader.ratings(db, customers: customers)
        limits = try PortfolioReader.limits(db, customers: customers)
        orders = try PortfolioReader.orders(db, customers: customers)
        opportunities = try PortfolioReader.opportunities(db, customers: customers)
    }

    /// The payments joined to their invoices (looked up on both cores),
    /// converted at their invoice's rate, sorted by (invoice, paid on).
    func joinPayments() -> [PortfolioData.Payment] {
        let raw = PortfolioReader.RawPayments.joined(&low.payments, &high.payments)
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
        let sorted = sorted
        for k in 0..<raw.count where invoiceOf[k] >= 0 {
            let i = sorted.isEmpty ? invoiceOf[k] : sorted[Int(invoiceOf[k])]
            joined.append(.init(invoice: i, paidOn: raw.paidOn[k],
                                amount: invoiceFactor.isEmpty ? raw.amount[k] : PortfolioReader.convert(raw.amount[k], invoiceFactor[Int(i)])))
        }
        PortfolioReader.sort(&joined) { ($0.invoice, $0.paidOn) }
        return joined
    }
}
