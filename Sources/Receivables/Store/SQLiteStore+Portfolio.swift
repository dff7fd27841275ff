import Foundation
import GRDB
import GRDBSQLite

/// Why the stored data cannot be read as one portfolio.
public struct PortfolioError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension SQLiteStore {
    /// Reads every stored record into a `PortfolioData`, amounts converted to
    /// the reporting currency. Rows go through SQLite's C API (a profile over
    /// ten million invoices starts here).
    ///
    /// The reporting currency is the one of the stored rates, else the single
    /// currency of the invoices; invoices in another currency without a rate
    /// are an error naming the currency and how many invoices use it.
    public func loadPortfolio() throws -> PortfolioData {
        try pool.read { db in
            var data = PortfolioData()
            let rates = try Self.loadRates(db)
            let db = db.sqliteConnection
            let customers = KeyTable(expectedCount: 1024)
            try Self.each(db, "SELECT customer_id, name, country, sector, size_class, region, payment_terms_days, category, created_on FROM customers ORDER BY customer_id") { s in
                let id = Self.text(s, 0) ?? ""
                _ = customers.insertIfAbsent(id, value: Int32(data.customers.count))
                data.customers.append(.init(id: id, name: Self.text(s, 1), country: Self.text(s, 2), sector: Self.text(s, 3),
                                            sizeClass: Self.text(s, 4), region: Self.text(s, 5), paymentTermsDays: Self.int(s, 6).map(Int.init),
                                            category: Self.text(s, 7), createdOn: Self.date(s, 8)))
            }
            // Read in primary-key order (a sequential scan) and sort in memory by
            // integer keys: SQLite's ORDER BY customer_id, issue_date went through
            // the secondary index and cost ~3.5 s per million invoices.
            var invoices: [PortfolioData.Invoice] = []
            invoices.reserveCapacity(try Self.count(db, "invoices"))
            var currencyCounts: [String: Int] = [:]
            var lastCurrency = "", lastCount = 0
            try Self.each(db, "SELECT invoice_id, customer_id, issue_date, due_date, amount, currency, channel FROM invoices") { s in
                guard let c = Self.text(s, 1).flatMap(customers.value(for:)),
                      let issue = Self.date(s, 2), let due = Self.date(s, 3) else { return }
                let currency = Self.text(s, 5) ?? ""
                if currency != lastCurrency {
                    if lastCount > 0 { currencyCounts[lastCurrency, default: 0] += lastCount }
                    lastCurrency = currency
                    lastCount = 0
                }
                lastCount += 1
                invoices.append(.init(id: Self.text(s, 0) ?? "", customer: c, issueDate: issue, dueDate: due,
                                      amount: sqlite3_column_int64(s, 4), currency: lastCurrency, channel: Self.text(s, 6)))
            }
            if lastCount > 0 { currencyCounts[lastCurrency, default: 0] += lastCount }
            // The reporting currency: the rates', else the invoices' only one.
            let reporting = rates.values.first?.reporting ?? (currencyCounts.count == 1 ? currencyCounts.keys.first ?? "EUR" : "EUR")
            data.reportingCurrency = reporting
            var factors: [String: Double] = [reporting: 1]
            for (code, r) in rates where r.reporting == reporting { factors[code] = r.rate }
            if let missing = currencyCounts.keys.sorted().first(where: { factors[$0] == nil }) {
                throw PortfolioError(message: "\(currencyCounts[missing] ?? 0) invoice(s) are in \(missing) but there is no rate from \(missing) to \(reporting): ingest invoices with a profile whose [rates] gives \(missing)")
            }
            var factorOf = [Double](repeating: 1, count: invoices.count)
            if currencyCounts.count > 1 || currencyCounts.keys.first != reporting {
                for k in invoices.indices {
                    let f = factors[invoices[k].currency] ?? 1
                    factorOf[k] = f
                    invoices[k].amount = Self.convert(invoices[k].amount, f)
                }
            }
            let invoiceOrder = Self.order(invoices.count) { (UInt64(UInt32(invoices[$0].customer)) << 32) | UInt64(UInt32(bitPattern: Int32(invoices[$0].issueDate.dayNumber))) }
            data.invoices = invoiceOrder.map { invoices[$0] }
            let invoiceFactor = invoiceOrder.map { factorOf[$0] }
            invoices = []
            let invoiceIndex = KeyTable(expectedCount: data.invoices.count)
            for (i, invoice) in data.invoices.enumerated() { _ = invoiceIndex.insertIfAbsent(invoice.id, value: Int32(i)) }
            data.payments.reserveCapacity(try Self.count(db, "payments"))
            try Self.each(db, "SELECT invoice_id, paid_on, amount FROM payments") { s in
                guard let i = Self.text(s, 0).flatMap(invoiceIndex.value(for:)), let paid = Self.date(s, 1) else { return }
                data.payments.append(.init(invoice: i, paidOn: paid,
                                           amount: Self.convert(sqlite3_column_int64(s, 2), invoiceFactor[Int(i)])))
            }
            let payments = data.payments
            data.payments = Self.order(payments.count) { (UInt64(UInt32(payments[$0].invoice)) << 32) | UInt64(UInt32(bitPattern: Int32(payments[$0].paidOn.dayNumber))) }.map { payments[$0] }
            try Self.each(db, "SELECT customer_id, agency, rated_on, score, rating, scale_min, scale_max, recommended_limit FROM ratings") { s in
                guard let c = Self.text(s, 0).flatMap(customers.value(for:)), let on = Self.date(s, 2) else { return }
                data.ratings.append(.init(customer: c, agency: Self.text(s, 1) ?? "", ratedOn: on,
                                          score: Self.text(s, 3).flatMap(Double.init), rating: Self.text(s, 4),
                                          scaleMin: Self.text(s, 5).flatMap(Double.init), scaleMax: Self.text(s, 6).flatMap(Double.init),
                                          recommendedLimit: Self.int(s, 7)))
            }
            // Primary-key order is (customer, agency, date): re-sorted by (customer, date) with the
            // agency breaking ties; limits likewise by (customer, valid from, insurer).
            let ratings = data.ratings
            data.ratings = Self.order(ratings.count) { (UInt64(UInt32(ratings[$0].customer)) << 32) | UInt64(UInt32(bitPattern: Int32(ratings[$0].ratedOn.dayNumber))) }.map { ratings[$0] }
            try Self.each(db, "SELECT customer_id, insurer, valid_from, valid_to, limit_amount FROM limits") { s in
                guard let c = Self.text(s, 0).flatMap(customers.value(for:)), let from = Self.date(s, 2) else { return }
                data.limits.append(.init(customer: c, insurer: Self.text(s, 1) ?? "", validFrom: from, validTo: Self.date(s, 3),
                                         amount: sqlite3_column_int64(s, 4)))
            }
            let limits = data.limits
            data.limits = Self.order(limits.count) { (UInt64(UInt32(limits[$0].customer)) << 32) | UInt64(UInt32(bitPattern: Int32(limits[$0].validFrom.dayNumber))) }.map { limits[$0] }
            try Self.each(db, "SELECT invoice_id, opened_on, resolved_on, reason FROM disputes") { s in
                guard let i = Self.text(s, 0).flatMap(invoiceIndex.value(for:)), let opened = Self.date(s, 1) else { return }
                data.disputes.append(.init(invoice: i, openedOn: opened, resolvedOn: Self.date(s, 2), reason: Self.text(s, 3)))
            }
            let disputes = data.disputes
            data.disputes = Self.order(disputes.count) { (UInt64(UInt32(disputes[$0].invoice)) << 32) | UInt64(UInt32(bitPattern: Int32(disputes[$0].openedOn.dayNumber))) }.map { disputes[$0] }
            var orders: [PortfolioData.Order] = []
            orders.reserveCapacity(try Self.count(db, "orders"))
            try Self.each(db, "SELECT customer_id, ordered_on, amount, status FROM orders") { s in
                guard let c = Self.text(s, 0).flatMap(customers.value(for:)), let on = Self.date(s, 1) else { return }
                orders.append(.init(customer: c, orderedOn: on, amount: sqlite3_column_int64(s, 2), status: Self.text(s, 3) ?? ""))
            }
            data.orders = Self.order(orders.count) { (UInt64(UInt32(orders[$0].customer)) << 32) | UInt64(UInt32(bitPattern: Int32(orders[$0].orderedOn.dayNumber))) }.map { orders[$0] }
            try Self.each(db, "SELECT customer_id, stage, expected_amount, expected_close FROM opportunities ORDER BY customer_id, opportunity_id") { s in
                guard let c = Self.text(s, 0).flatMap(customers.value(for:)) else { return }
                data.opportunities.append(.init(customer: c, stage: Self.text(s, 1), expectedAmount: Self.int(s, 2),
                                                expectedClose: Self.date(s, 3)))
            }
            return data
        }
    }

    static func loadRates(_ db: Database) throws -> [String: (reporting: String, rate: Double)] {
        var out: [String: (reporting: String, rate: Double)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT currency, reporting_currency, rate FROM currency_rates") {
            let rate: String = row[2]
            if let r = Double(rate) { out[row[0]] = (row[1], r) }
        }
        return out
    }

    /// The positions 0..<n ordered by `key`, ties kept in reading (primary-key) order.
    static func order(_ n: Int, key: (Int) -> UInt64) -> [Int] {
        var keyed = (0..<n).map { (key($0), Int32($0)) }
        keyed.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return keyed.map { Int($0.1) }
    }

    static func count(_ db: OpaquePointer?, _ table: String) throws -> Int {
        var n = 0
        try each(db, "SELECT COUNT(*) FROM \(table)") { n = Int(sqlite3_column_int64($0, 0)) }
        return n
    }

    /// Cents × rate, rounded half away from zero to the cent.
    @inline(__always)
    static func convert(_ cents: Int64, _ factor: Double) -> Int64 {
        factor == 1 ? cents : Int64((Double(cents) * factor).rounded())
    }

    /// Steps a read-only statement, calling `body` for each row.
    static func each(_ db: OpaquePointer?, _ sql: String, _ body: (OpaquePointer) throws -> Void) throws {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw PortfolioError(message: "store query failed: \(String(cString: sqlite3_errmsg(db)))")
        }
        defer { sqlite3_finalize(statement) }
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else {
                throw PortfolioError(message: "store read failed: \(String(cString: sqlite3_errmsg(db)))")
            }
            try body(statement)
        }
    }

    @inline(__always)
    static func text(_ s: OpaquePointer, _ i: Int32) -> String? {
        guard let p = sqlite3_column_text(s, i) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(s, i))), as: UTF8.self)
    }

    @inline(__always)
    static func int(_ s: OpaquePointer, _ i: Int32) -> Int64? {
        sqlite3_column_type(s, i) == SQLITE_NULL ? nil : sqlite3_column_int64(s, i)
    }

    @inline(__always)
    static func date(_ s: OpaquePointer, _ i: Int32) -> CalendarDate? {
        guard let p = sqlite3_column_text(s, i), sqlite3_column_bytes(s, i) == 10 else { return nil }
        return CalendarDate(iso: UnsafeBufferPointer(start: p, count: 10))
    }
}
