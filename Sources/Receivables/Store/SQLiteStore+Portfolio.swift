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
            let currencies = try String.fetchAll(db, sql: "SELECT DISTINCT currency FROM invoices ORDER BY currency")
            let reporting = rates.values.first?.reporting ?? (currencies.count == 1 ? currencies[0] : "EUR")
            data.reportingCurrency = reporting
            var factors: [String: Double] = [reporting: 1]
            for (code, r) in rates where r.reporting == reporting { factors[code] = r.rate }
            if let missing = currencies.first(where: { factors[$0] == nil }) {
                let n = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invoices WHERE currency = ?", arguments: [missing]) ?? 0
                throw PortfolioError(message: "\(n) invoice(s) are in \(missing) but there is no rate from \(missing) to \(reporting): ingest invoices with a profile whose [rates] gives \(missing)")
            }
            let db = db.sqliteConnection
            let customers = KeyTable(expectedCount: 1024)
            try Self.each(db, "SELECT customer_id, name, country, sector, size_class, region, payment_terms_days, category, created_on FROM customers ORDER BY customer_id") { s in
                let id = Self.text(s, 0) ?? ""
                _ = customers.insertIfAbsent(id, value: Int32(data.customers.count))
                data.customers.append(.init(id: id, name: Self.text(s, 1), country: Self.text(s, 2), sector: Self.text(s, 3),
                                            sizeClass: Self.text(s, 4), region: Self.text(s, 5), paymentTermsDays: Self.int(s, 6).map(Int.init),
                                            category: Self.text(s, 7), createdOn: Self.date(s, 8)))
            }
            let invoiceIndex = KeyTable(expectedCount: 1024)
            var invoiceCurrencyFactor: [Double] = []
            try Self.each(db, "SELECT invoice_id, customer_id, issue_date, due_date, amount, currency, channel FROM invoices ORDER BY customer_id, issue_date, invoice_id") { s in
                guard let c = Self.text(s, 1).flatMap(customers.value(for:)),
                      let issue = Self.date(s, 2), let due = Self.date(s, 3) else { return }
                let id = Self.text(s, 0) ?? ""
                let currency = Self.text(s, 5) ?? reporting
                let factor = factors[currency] ?? 1
                _ = invoiceIndex.insertIfAbsent(id, value: Int32(data.invoices.count))
                invoiceCurrencyFactor.append(factor)
                data.invoices.append(.init(id: id, customer: c, issueDate: issue, dueDate: due,
                                           amount: Self.convert(sqlite3_column_int64(s, 4), factor),
                                           currency: currency, channel: Self.text(s, 6)))
            }
            try Self.each(db, "SELECT invoice_id, paid_on, amount FROM payments") { s in
                guard let i = Self.text(s, 0).flatMap(invoiceIndex.value(for:)), let paid = Self.date(s, 1) else { return }
                data.payments.append(.init(invoice: i, paidOn: paid,
                                           amount: Self.convert(sqlite3_column_int64(s, 2), invoiceCurrencyFactor[Int(i)])))
            }
            data.payments.sort { ($0.invoice, $0.paidOn.dayNumber) < ($1.invoice, $1.paidOn.dayNumber) }
            let reportingFactor = 1.0
            try Self.each(db, "SELECT customer_id, agency, rated_on, score, rating, scale_min, scale_max, recommended_limit FROM ratings ORDER BY customer_id, rated_on, agency") { s in
                guard let c = Self.text(s, 0).flatMap(customers.value(for:)), let on = Self.date(s, 2) else { return }
                data.ratings.append(.init(customer: c, agency: Self.text(s, 1) ?? "", ratedOn: on,
                                          score: Self.text(s, 3).flatMap(Double.init), rating: Self.text(s, 4),
                                          scaleMin: Self.text(s, 5).flatMap(Double.init), scaleMax: Self.text(s, 6).flatMap(Double.init),
                                          recommendedLimit: Self.int(s, 7).map { Self.convert($0, reportingFactor) }))
            }
            try Self.each(db, "SELECT customer_id, insurer, valid_from, valid_to, limit_amount FROM limits ORDER BY customer_id, valid_from, insurer") { s in
                guard let c = Self.text(s, 0).flatMap(customers.value(for:)), let from = Self.date(s, 2) else { return }
                data.limits.append(.init(customer: c, insurer: Self.text(s, 1) ?? "", validFrom: from, validTo: Self.date(s, 3),
                                         amount: sqlite3_column_int64(s, 4)))
            }
            try Self.each(db, "SELECT invoice_id, opened_on, resolved_on, reason FROM disputes") { s in
                guard let i = Self.text(s, 0).flatMap(invoiceIndex.value(for:)), let opened = Self.date(s, 1) else { return }
                data.disputes.append(.init(invoice: i, openedOn: opened, resolvedOn: Self.date(s, 2), reason: Self.text(s, 3)))
            }
            data.disputes.sort { ($0.invoice, $0.openedOn.dayNumber) < ($1.invoice, $1.openedOn.dayNumber) }
            try Self.each(db, "SELECT customer_id, ordered_on, amount, status FROM orders ORDER BY customer_id, ordered_on, order_id") { s in
                guard let c = Self.text(s, 0).flatMap(customers.value(for:)), let on = Self.date(s, 1) else { return }
                data.orders.append(.init(customer: c, orderedOn: on, amount: sqlite3_column_int64(s, 2), status: Self.text(s, 3) ?? ""))
            }
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
