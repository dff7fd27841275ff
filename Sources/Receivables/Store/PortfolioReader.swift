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

    /// The invoices one reader of a `MeetingScans` kept, in its scan order
    /// (amounts in their own currency), and their ids' bytes in the same order
    /// (for the index the disputes and payments are joined through).
    struct InvoiceRows: MeetingRows {
        static let select = "SELECT invoice_id, customer_id, issue_date, due_date, amount, currency, channel FROM invoices ORDER BY invoice_id"
        var invoices: [PortfolioData.Invoice] = []
        var ids = KeyBytes()
        private let customers: KeyTable
        private var currencies = TextMemo(), channels = TextMemo()

        init(reserving n: Int, customers: KeyTable = KeyTable(expectedCount: 1)) {
            self.customers = customers
            invoices.reserveCapacity(n)
            ids = KeyBytes(reservingKeys: n)
        }

        /// Keeps the row if its customer is stored and its dates read.
        mutating func read(_ s: OpaquePointer) -> Bool {
            guard let id = R.bytes(s, 0), let c = R.bytes(s, 1).flatMap(customers.value(for:)),
                  let issue = R.date(s, 2), let due = R.date(s, 3) else { return false }
            ids.append(id)
            invoices.append(.init(id: String(decoding: id, as: UTF8.self), customer: c, issueDate: issue, dueDate: due,
                                  amount: R.int64(s, 4), currency: currencies.text(s, 5) ?? "", channel: channels.text(s, 6)))
            return true
        }

        mutating func keep(_ n: Int) {
            invoices.removeLast(invoices.count - n)
            ids.keep(n)
        }

        /// The low end's rows, then the high end's reversed: all of them in key
        /// order, in the low end's storage (both ends are left empty).
        static func joined(_ low: inout InvoiceRows, _ high: inout InvoiceRows) -> (invoices: [PortfolioData.Invoice], ids: KeyBytes) {
            var invoices = low.invoices, ids = low.ids
            low = InvoiceRows(reserving: 0)
            invoices.reserveCapacity(invoices.count + high.invoices.count)
            for k in high.invoices.indices.reversed() { invoices.append(high.invoices[k]) }
            ids.append(reversed: high.ids)
            high = InvoiceRows(reserving: 0)
            return (invoices, ids)
        }

        /// The number of invoices per currency (runs of one memoised `String` compare by their bits).
        static func currencyCounts(_ invoices: [PortfolioData.Invoice]) -> [String: Int] {
            var counts: [String: Int] = [:]
            var start = 0
            while start < invoices.count {
                let currency = invoices[start].currency
                var end = start + 1
                while end < invoices.count && invoices[end].currency == currency { end += 1 }
                counts[currency, default: 0] += end - start
                start = end
            }
            return counts
        }
    }

    /// Payments as one reader of a `MeetingScans` kept them, before they are
    /// joined to their invoices: the invoice ids' bytes end to end (no
    /// `String` per row).
    struct RawPayments: MeetingRows {
        static let select = "SELECT payment_id, invoice_id, paid_on, amount FROM payments ORDER BY payment_id"
        var invoiceIDs = KeyBytes()
        var paidOn: [CalendarDate] = []
        var amount: [Int64] = []

        var count: Int { invoiceIDs.count }

        init(reserving n: Int = 0) {
            invoiceIDs = KeyBytes(reservingKeys: n)
            paidOn.reserveCapacity(n)
            amount.reserveCapacity(n)
        }

        mutating func read(_ s: OpaquePointer) -> Bool {
            guard let id = R.bytes(s, 1), let paid = R.date(s, 2) else { return false }
            invoiceIDs.append(id)
            paidOn.append(paid)
            amount.append(R.int64(s, 3))
            return true
        }

        mutating func keep(_ n: Int) {
            invoiceIDs.keep(n)
            paidOn.removeLast(paidOn.count - n)
            amount.removeLast(amount.count - n)
        }

        /// The low end's rows, then the high end's reversed: all of them in key
        /// order, in the low end's storage (both ends are left empty).
        static func joined(_ low: inout RawPayments, _ high: inout RawPayments) -> RawPayments {
            var all = low
            low = RawPayments()
            all.invoiceIDs.append(reversed: high.invoiceIDs)
            all.paidOn.append(contentsOf: high.paidOn.reversed())
            all.amount.append(contentsOf: high.amount.reversed())
            high = RawPayments()
            return all
        }
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

    /// Disputes as read, before they are joined to their invoices (`invoice` is set by `joined`).
    struct RawDisputes {
        var invoiceIDs = KeyBytes()
        var rows: [PortfolioData.Dispute] = []

        init() {}

        init(_ db: OpaquePointer?) throws {
            try R.each(db, "SELECT invoice_id, opened_on, resolved_on, reason FROM disputes") { s in
                guard let id = R.bytes(s, 0), let opened = R.date(s, 1) else { return }
                invoiceIDs.append(id)
                rows.append(.init(invoice: -1, openedOn: opened, resolvedOn: R.date(s, 2), reason: R.text(s, 3)))
            }
        }

        /// The disputes whose invoice is in `invoices`, sorted by (invoice, opened on);
        /// `position` maps the index's values to positions in the portfolio.
        func joined(to invoices: KeyTable, position: (Int32) -> Int32) -> [PortfolioData.Dispute] {
            var out: [PortfolioData.Dispute] = []
            out.reserveCapacity(rows.count)
            invoiceIDs.withKeys { key in
                for k in rows.indices {
                    guard let i = invoices.value(for: key(k)) else { continue }
                    var row = rows[k]
                    row.invoice = position(i)
                    out.append(row)
                }
            }
            sort(&out) { ($0.invoice, $0.openedOn) }
            return out
        }
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
        var keys = [UInt64]()
        keys.reserveCapacity(rows.count)
        var inOrder = true
        for row in rows {
            let (owner, date) = key(row)
            let packed = packed(owner, date)
            if let last = keys.last, last > packed { inOrder = false }
            keys.append(packed)
        }
        if inOrder { return nil }
        let moved = radixOrder(&keys)
        permute(&rows, moved)
        return moved
    }

    /// The stable sorting permutation of packed (owner, date) keys (`keys[moved[0]]`
    /// first). The owner and day parts are shifted to start at zero and packed
    /// into as few bits as they need (some 40 for ten million invoices over a
    /// few years), with the position below them: one `UInt64` per row whose
    /// order is the (key, position) order, sorted by a least-significant-digit
    /// radix sort over the key's bits, 8 at a time (9.6 million invoices:
    /// about a tenth of a second instead of about one for a comparison sort).
    /// A comparison sort when key and position need more than 64 bits.
    static func radixOrder(_ keys: inout [UInt64]) -> [Int32] {
        let n = keys.count
        guard n > 0 else { return [] }
        var (lowOwner, highOwner) = (UInt64.max, UInt64.min), (lowDay, highDay) = (UInt64.max, UInt64.min)
        for k in keys {
            lowOwner = min(lowOwner, k >> 32); highOwner = max(highOwner, k >> 32)
            lowDay = min(lowDay, k & 0xFFFF_FFFF); highDay = max(highDay, k & 0xFFFF_FFFF)
        }
        let width = { (v: UInt64) in UInt64.bitWidth - v.leadingZeroBitCount }
        let dayBits = width(highDay - lowDay), positionBits = width(UInt64(n - 1))
        let keyBits = dayBits + width(highOwner - lowOwner)
        guard keyBits + positionBits <= 64 else {
            return keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }.map { Int32($0) }
        }
        keys.withUnsafeMutableBufferPointer { k in
            for j in 0..<n {
                let key = ((k[j] >> 32) - lowOwner) << dayBits | ((k[j] & 0xFFFF_FFFF) - lowDay)
                k[j] = key << positionBits | UInt64(j)
            }
        }
        var other = [UInt64](repeating: 0, count: n)
        var shift = positionBits
        while shift < positionBits + keyBits {
            keys.withUnsafeBufferPointer { from in
                other.withUnsafeMutableBufferPointer { to in
                    withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { start in
                        start.initialize(repeating: 0)
                        for key in from { start[Int(truncatingIfNeeded: key >> shift) & 255] += 1 }
                        var sum = 0
                        for d in 0..<256 { (start[d], sum) = (sum, sum + start[d]) }
                        for key in from {
                            let d = Int(truncatingIfNeeded: key >> shift) & 255
                            to[start[d]] = key
                            start[d] += 1
                        }
                    }
                }
            }
            swap(&keys, &other)
            shift += 8
        }
        let mask = UInt64(1) << positionBits - 1
        return keys.map { Int32(truncatingIfNeeded: $0 & mask) }
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
