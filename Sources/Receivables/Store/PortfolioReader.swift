import GRDB
import GRDBSQLite

/// The store's tables read into `PortfolioData`'s arrays, one function per
/// table, each a sequential scan in primary-key order followed by an in-memory
/// sort on integer keys (SQLite's `ORDER BY customer_id, issue_date` went
/// through the secondary index and cost ~3.5 s per million invoices).
/// Records are joined to their customer or invoice by position through a
/// `KeyTable`; a row whose reference is not in the store is left out (ingest
/// refuses such rows, so only a store edited by hand has any).
enum PortfolioReader {
    typealias R = SQLiteRows

    /// Customers sorted by id, and the table from id to position.
    static func customers(_ db: OpaquePointer?) throws -> ([PortfolioData.Customer], KeyTable) {
        var rows: [PortfolioData.Customer] = []
        let index = KeyTable(expectedCount: 1024)
        try R.each(db, "SELECT customer_id, name, country, sector, size_class, region, payment_terms_days, category, created_on FROM customers ORDER BY customer_id") { s in
            let id = R.text(s, 0) ?? ""
            _ = index.insertIfAbsent(id, value: Int32(rows.count))
            rows.append(.init(id: id, name: R.text(s, 1), country: R.text(s, 2), sector: R.text(s, 3),
                              sizeClass: R.text(s, 4), region: R.text(s, 5), paymentTermsDays: R.int(s, 6).map(Int.init),
                              category: R.text(s, 7), createdOn: R.date(s, 8)))
        }
        return (rows, index)
    }

    /// Invoices in reading order (amounts in their own currency), their ids'
    /// bytes in the same order (for the index the disputes and payments are
    /// joined through), and the number of invoices per currency.
    static func invoices(_ db: OpaquePointer?, customers: KeyTable) throws -> ([PortfolioData.Invoice], KeyBytes, [String: Int]) {
        let n = try R.rowHint(db, "invoices")
        var invoices: [PortfolioData.Invoice] = []
        invoices.reserveCapacity(n)
        var ids = KeyBytes(reservingKeys: n)
        var currencyCounts: [String: Int] = [:]
        var lastCurrency = "", lastCount = 0
        var currencies = TextMemo(), channels = TextMemo()
        try R.each(db, "SELECT invoice_id, customer_id, issue_date, due_date, amount, currency, channel FROM invoices") { s in
            guard let id = R.bytes(s, 0), let c = R.bytes(s, 1).flatMap(customers.value(for:)),
                  let issue = R.date(s, 2), let due = R.date(s, 3) else { return }
            let currency = currencies.text(s, 5) ?? ""
            if currency != lastCurrency {
                if lastCount > 0 { currencyCounts[lastCurrency, default: 0] += lastCount }
                lastCurrency = currency
                lastCount = 0
            }
            lastCount += 1
            ids.append(id)
            invoices.append(.init(id: String(decoding: id, as: UTF8.self), customer: c, issueDate: issue, dueDate: due,
                                  amount: R.int64(s, 4), currency: lastCurrency, channel: channels.text(s, 6)))
        }
        if lastCount > 0 { currencyCounts[lastCurrency, default: 0] += lastCount }
        return (invoices, ids, currencyCounts)
    }

    /// Payments as read, before they are joined to their invoices: the invoice
    /// ids' bytes end to end (no `String` per row).
    struct RawPayments {
        var invoiceIDs = KeyBytes()
        var paidOn: [CalendarDate] = []
        var amount: [Int64] = []

        var count: Int { invoiceIDs.count }
    }

    static func payments(_ db: OpaquePointer?) throws -> RawPayments {
        var raw = RawPayments()
        let n = try R.rowHint(db, "payments")
        raw.invoiceIDs = KeyBytes(reservingKeys: n)
        raw.paidOn.reserveCapacity(n)
        raw.amount.reserveCapacity(n)
        try R.each(db, "SELECT invoice_id, paid_on, amount FROM payments") { s in
            guard let id = R.bytes(s, 0), let paid = R.date(s, 1) else { return }
            raw.invoiceIDs.append(id)
            raw.paidOn.append(paid)
            raw.amount.append(R.int64(s, 2))
        }
        return raw
    }

    /// Sorted by (customer, rated on), the agency breaking ties (primary-key order).
    static func ratings(_ db: OpaquePointer?, customers: KeyTable) throws -> [PortfolioData.Rating] {
        var rows: [PortfolioData.Rating] = []
        var agencies = TextMemo(), grades = TextMemo()
        try R.each(db, "SELECT customer_id, agency, rated_on, score, rating, scale_min, scale_max, recommended_limit FROM ratings") { s in
            guard let c = R.bytes(s, 0).flatMap(customers.value(for:)), let on = R.date(s, 2) else { return }
            rows.append(.init(customer: c, agency: agencies.text(s, 1) ?? "", ratedOn: on,
                              score: R.text(s, 3).flatMap(Double.init), rating: grades.text(s, 4),
                              scaleMin: R.text(s, 5).flatMap(Double.init), scaleMax: R.text(s, 6).flatMap(Double.init),
                              recommendedLimit: R.int(s, 7)))
        }
        sort(&rows) { ($0.customer, $0.ratedOn) }
        return rows
    }

    /// Sorted by (customer, valid from), the insurer breaking ties.
    static func limits(_ db: OpaquePointer?, customers: KeyTable) throws -> [PortfolioData.CreditLimit] {
        var rows: [PortfolioData.CreditLimit] = []
        try R.each(db, "SELECT customer_id, insurer, valid_from, valid_to, limit_amount FROM limits") { s in
            guard let c = R.bytes(s, 0).flatMap(customers.value(for:)), let from = R.date(s, 2) else { return }
            rows.append(.init(customer: c, insurer: R.text(s, 1) ?? "", validFrom: from, validTo: R.date(s, 3),
                              amount: R.int64(s, 4)))
        }
        sort(&rows) { ($0.customer, $0.validFrom) }
        return rows
    }

    /// Sorted by (invoice, opened on).
    static func disputes(_ db: OpaquePointer?, invoices: KeyTable) throws -> [PortfolioData.Dispute] {
        var rows: [PortfolioData.Dispute] = []
        try R.each(db, "SELECT invoice_id, opened_on, resolved_on, reason FROM disputes") { s in
            guard let i = R.bytes(s, 0).flatMap(invoices.value(for:)), let opened = R.date(s, 1) else { return }
            rows.append(.init(invoice: i, openedOn: opened, resolvedOn: R.date(s, 2), reason: R.text(s, 3)))
        }
        sort(&rows) { ($0.invoice, $0.openedOn) }
        return rows
    }

    /// Sorted by (customer, ordered on).
    static func orders(_ db: OpaquePointer?, customers: KeyTable) throws -> [PortfolioData.Order] {
        var rows: [PortfolioData.Order] = []
        rows.reserveCapacity(try R.rowHint(db, "orders"))
        var statuses = TextMemo()
        try R.each(db, "SELECT customer_id, ordered_on, amount, status FROM orders") { s in
            guard let c = R.bytes(s, 0).flatMap(customers.value(for:)), let on = R.date(s, 1) else { return }
            rows.append(.init(customer: c, orderedOn: on, amount: R.int64(s, 2), status: statuses.text(s, 3) ?? ""))
        }
        sort(&rows) { ($0.customer, $0.orderedOn) }
        return rows
    }

    static func opportunities(_ db: OpaquePointer?, customers: KeyTable) throws -> [PortfolioData.Opportunity] {
        var rows: [PortfolioData.Opportunity] = []
        try R.each(db, "SELECT customer_id, stage, expected_amount, expected_close FROM opportunities ORDER BY customer_id, opportunity_id") { s in
            guard let c = R.bytes(s, 0).flatMap(customers.value(for:)) else { return }
            rows.append(.init(customer: c, stage: R.text(s, 1), expectedAmount: R.int(s, 2), expectedClose: R.date(s, 3)))
        }
        return rows
    }

    /// The stored rates as numbers (a rate that is not a number is left out).
    static func loadRates(_ db: Database) throws -> [String: (reporting: String, rate: Double)] {
        try SQLiteStore.rates(db).compactMapValues { r in Double(r.rate).map { (r.reporting, $0) } }
    }

    /// Sorts `rows` by (owner, date) in place, ties kept in reading order, and
    /// returns the permutation applied (`rows[k]` was at `moved[k]`), or nil when
    /// the rows were already in order (invoices numbered customer by customer are).
    /// In place because the rows are the bulk of the memory: a sorted copy of ten
    /// million invoices would be 800 MB more at the peak.
    @discardableResult
    static func sort<T>(_ rows: inout [T], by key: (T) -> (Int32, CalendarDate)) -> [Int32]? {
        let n = rows.count
        var keyed = [(UInt64, Int32)]()
        keyed.reserveCapacity(n)
        var inOrder = true
        for k in 0..<n {
            let (owner, date) = key(rows[k])
            let packed = packed(owner, date)
            if let last = keyed.last, last.0 > packed { inOrder = false }
            keyed.append((packed, Int32(k)))
        }
        if inOrder { return nil }
        keyed.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        let moved = keyed.map(\.1)
        keyed = []
        permute(&rows, moved)
        return moved
    }

    /// Rearranges `rows` so that `rows[k]` becomes the old `rows[moved[k]]`,
    /// following the permutation's cycles (one element held aside at a time).
    static func permute<T>(_ rows: inout [T], _ moved: [Int32]) {
        var done = [Bool](repeating: false, count: rows.count)
        rows.withUnsafeMutableBufferPointer { r in
            for start in 0..<r.count where !done[start] {
                done[start] = true
                var k = start
                var from = Int(moved[k])
                guard from != start else { continue }
                let held = r[start]
                while from != start {
                    r[k] = r[from]
                    done[from] = true
                    k = from
                    from = Int(moved[k])
                }
                r[k] = held
            }
        }
    }

    /// An (owner, date) pair as one integer that sorts like the pair (owners are
    /// positions, ≥ 0; the day number's sign bit is flipped so that dates before
    /// 1970 sort first).
    @inline(__always)
    static func packed(_ owner: Int32, _ date: CalendarDate) -> UInt64 {
        let day = UInt32(bitPattern: Int32(truncatingIfNeeded: date.dayNumber)) ^ 0x8000_0000
        return (UInt64(UInt32(bitPattern: owner)) << 32) | UInt64(day)
    }

    /// Cents × rate, rounded half away from zero to the cent.
    @inline(__always)
    static func convert(_ cents: Int64, _ factor: Double) -> Int64 {
        factor == 1 ? cents : Int64((Double(cents) * factor).rounded())
    }
}
