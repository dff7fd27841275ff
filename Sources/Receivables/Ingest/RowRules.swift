/// The validation rules across fields and records of a source kind:
/// unique keys within the file (the first occurrence wins; a later one is
/// rejected naming both lines — done here, not by the database, so every
/// store behaves the same), references to stored records, date order,
/// currency codes and minor units, and amount signs.
///
/// Rules read a row's `Cell`s: keys and references are hashed from the
/// field bytes, dates compared as day numbers, currencies looked up by
/// table index. `FieldValue`s and `String`s are made only for the
/// messages of rejected rows (and for keys of more than one column).
struct RowRules {
    let kind: SourceKind
    let schema: SourceSchema
    let decoder: CellDecoder
    /// Stored customer ids (for kinds that reference customers).
    private let customers: KeyTable
    /// Stored invoices (for payments and disputes): id → position in `invoiceFacts`.
    private let invoices: KeyTable
    private let invoiceFacts: [InvoiceFact]
    /// Keys seen in this file → the line of their first occurrence.
    private let seen: SeenKeys
    private let keyIndices: [Int]
    /// The key column when the key is one column (the usual case), else -1.
    private let singleKey: Int
    /// Column positions, resolved once: `check` runs for every row.
    private let c: Columns
    /// The references' cell positions and targets, as plain arrays for the row loop.
    private let references: [Reference]
    private let referenceColumns: [Int]
    private let referencesCustomers: [Bool]
    private let defaultCurrencyUnits: Int?
    /// The first reference's last lookup (rows of one customer or invoice come together).
    private let lastReference = LastLookup()
    private let currencyMinorUnits = CurrencyCodes.minorUnits

    /// - Parameter expectedRows: a guess of the file's rows, to size the key table.
    init(kind: SourceKind, decoder: CellDecoder, store: any ReceivablesStore, expectedRows: Int = 1024) throws {
        self.kind = kind
        let schema = kind.schema
        self.schema = schema
        self.decoder = decoder
        let targets = Set(schema.references.map(\.target))
        let customerKeys = targets.contains(.customers) ? try store.keys(of: .customers) : []
        let customers = KeyTable(expectedCount: customerKeys.count)
        for key in customerKeys { _ = customers.insertIfAbsent(key, value: 0) }
        self.customers = customers
        let facts = targets.contains(.invoices) ? try store.invoiceFacts() : [:]
        let invoices = KeyTable(expectedCount: facts.count)
        var invoiceFacts: [InvoiceFact] = []
        invoiceFacts.reserveCapacity(facts.count)
        for (id, fact) in facts {
            _ = invoices.insertIfAbsent(id, value: Int32(invoiceFacts.count))
            invoiceFacts.append(fact)
        }
        self.invoices = invoices
        self.invoiceFacts = invoiceFacts
        seen = SeenKeys(expectedCount: expectedRows)
        c = Columns(schema)
        keyIndices = schema.key.compactMap(schema.index(of:))
        singleKey = keyIndices.count == 1 ? keyIndices[0] : -1
        references = schema.references.filter { schema.index(of: $0.column) != nil }
        referenceColumns = references.compactMap { schema.index(of: $0.column) }
        referencesCustomers = references.map { $0.target == .customers }
        defaultCurrencyUnits = ISO4217.minorUnits(decoder.defaultCurrency)
    }

    /// Whether keys are hashed (they came out of order; see `SeenKeys`): then `keyHash` and `touch` pay.
    var hashesKeys: Bool { seen.isHashing }

    /// The hash of the row's key when it is one column of text (the usual case), else 0;
    /// `check` takes it back. Computed while the group is parsed, for `touch`.
    @inline(__always)
    func keyHash(_ cells: UnsafePointer<Cell>) -> UInt64 {
        singleKey >= 0 && cells[singleKey].kind == .bytes ? KeyTable.hash(cells[singleKey].bytes) : 0
    }

    /// The hash of the row's (first) reference when it is text and not the last one
    /// looked up, else 0; `check` takes it back.
    @inline(__always)
    func referenceHash(_ cells: UnsafePointer<Cell>) -> UInt64 {
        guard let slot = referenceColumns.first, cells[slot].kind == .bytes else { return 0 }
        let bytes = cells[slot].bytes
        if bytes.count <= 16 && lastReference.isLast(packed: CodeTable.packPadded(bytes)) { return 0 }
        return KeyTable.hash(bytes)
    }

    /// Reference lookups so far that missed the last-lookup cache (went to the table).
    var referenceMisses: Int { lastReference.misses }

    /// Loads the key-table slots and records a group of rows will read, each kind of
    /// access in one tight loop (see `KeyTable.touch`), so that the misses overlap.
    /// Nil hashes: nothing of that kind to load (keys not hashed; no reference hash but 0).
    func touch(keyHashes: UnsafePointer<UInt64>?, referenceHashes: UnsafePointer<UInt64>?, count: Int) {
        if let keyHashes { seen.table.touch(hashes: keyHashes, count: count) }
        guard let referenceHashes, let toCustomers = referencesCustomers.first else { return }
        let table = toCustomers ? customers : invoices
        table.touch(hashes: referenceHashes, count: count)
        table.touchRecords(hashes: referenceHashes, count: count)
    }

    /// Checks a row whose values all parsed; fills defaults (currency). Appends its rejects.
    /// `keyHash` is `keyHash(cells)` (nil: not computed), `referenceHash` is `referenceHash(cells)`.
    func check(_ cells: UnsafeMutablePointer<Cell>, keyHash: UInt64?, referenceHash: UInt64, line: Int,
               rejects: inout [Reject]) {
        func fieldValue(_ k: Int) -> FieldValue { decoder.value(cells[k], column: k) }
        func reject(_ column: String, _ value: FieldValue, _ rule: String, _ message: String) {
            rejects.append(Reject(line: line, column: column, value: value.description, rule: rule, message: message))
        }

        checkKey(cells, keyHash, line: line, &rejects)
        // The stored invoice a payment or dispute refers to (position in `invoiceFacts`), looked up once.
        var invoiceFact = -1
        for r in 0..<referenceColumns.count {
            let slot = referenceColumns[r], toCustomers = referencesCustomers[r]
            let cell = cells[slot]
            let position: Int32?
            if cell.kind == .bytes {
                if r == 0 && cell.bytes.count <= 16 {
                    // Cell bytes lie in the reader's buffer, so they may be packed as padded words.
                    position = lastReference.value(for: cell.bytes, packed: CodeTable.packPadded(cell.bytes),
                                                   in: toCustomers ? customers : invoices, hash: referenceHash)
                } else {
                    if r == 0 { lastReference.countMiss() }
                    let h = KeyTable.hash(cell.bytes)
                    position = toCustomers ? customers.value(for: cell.bytes, hash: h) : invoices.value(for: cell.bytes, hash: h)
                }
            } else {
                guard let id = fieldValue(slot).text else { continue }
                position = toCustomers ? customers.value(for: id) : invoices.value(for: id)
            }
            if let position {
                if !toCustomers { invoiceFact = Int(position) }
            } else {
                let reference = references[r]
                let singular = toCustomers ? "customer" : "invoice"
                let v = fieldValue(slot)
                reject(reference.column, v, "unknown_\(singular)",
                       "\(reference.column) \(v.text ?? "") is not a stored \(singular) (ingest \(reference.target.rawValue) first)")
            }
        }
        switch kind {
        case .customers:
            if let terms = integer(cells, c.paymentTermsDays), !(0...365).contains(terms) {
                reject("payment_terms_days", .integer(terms), "terms_range", "payment_terms_days \(terms) is outside 0…365")
            }
        case .invoices:
            ordered(cells, c.issueDate, "issue_date", before: c.dueDate, "due_date", "due_before_issue", &rejects, line)
            if let i = c.currency, cells[i].kind == .null { cells[i] = Cell(kind: .defaultCurrency, number: 0) }
            if let amount = money(cells, c.amount) {
                if amount == 0 { reject("amount", .money(amount), "zero_amount", "amount is zero") }
                if currencyUnits(cells) == 0, amount % 100 != 0 {
                    let currency = c.currency.flatMap { fieldValue($0).text } ?? decoder.defaultCurrency
                    reject("amount", .money(amount), "minor_units", "\(currency) has no minor unit; amount \(FieldValue.money(amount)) has cents")
                }
            }
        case .payments:
            let invoice = invoiceFact >= 0 ? invoiceFacts[invoiceFact] : nil
            if let amount = money(cells, c.amount), let invoice, amount == 0 || (amount < 0) != invoice.isCreditNote {
                reject("amount", .money(amount), "amount_sign", invoice.isCreditNote
                       ? "amount \(FieldValue.money(amount)) must be negative: it settles a credit note"
                       : "amount \(FieldValue.money(amount)) must be positive (refunds are credit notes with negative payments)")
            }
            if let issued = invoice?.issueDate, let paid = date(cells, c.paidOn), paid < issued,
               let id = c.invoiceId.flatMap({ fieldValue($0).text }) {
                reject("paid_on", .date(paid), "payment_before_invoice", "paid_on \(paid) is before invoice \(id)'s issue date \(issued)")
            }
        case .disputes:
            if invoiceFact >= 0, let opened = date(cells, c.openedOn), opened < invoiceFacts[invoiceFact].issueDate,
               let id = c.invoiceId.flatMap({ fieldValue($0).text }) {
                let issued = invoiceFacts[invoiceFact].issueDate
                reject("opened_on", .date(opened), "dispute_before_invoice", "opened_on \(opened) is before invoice \(id)'s issue date \(issued)")
            }
            ordered(cells, c.openedOn, "opened_on", before: c.resolvedOn, "resolved_on", "resolved_before_opened", &rejects, line)
        case .ratings:
            let decimal = { (k: Int?) -> Double? in k.flatMap { fieldValue($0).text }.flatMap(Double.init) }
            if let lo = decimal(c.scaleMin), let hi = decimal(c.scaleMax) {
                if lo >= hi {
                    reject("scale_max", fieldValue(c.scaleMax ?? 0), "scale_order", "scale_max \(hi) is not above scale_min \(lo)")
                } else if let score = decimal(c.score), score < lo || score > hi {
                    reject("score", fieldValue(c.score ?? 0), "score_range", "score \(score) is outside the scale \(lo)…\(hi)")
                }
            }
            nonNegative(cells, "recommended_limit", c.recommendedLimit, &rejects, line)
        case .limits:
            nonNegative(cells, "limit_amount", c.limitAmount, &rejects, line)
            ordered(cells, c.validFrom, "valid_from", before: c.validTo, "valid_to", "valid_to_before_from", &rejects, line)
        case .orders:
            nonNegative(cells, "amount", c.amount, &rejects, line)
        case .opportunities:
            nonNegative(cells, "expected_amount", c.expectedAmount, &rejects, line)
        }
    }

    /// Records the row's key; a key seen before is rejected with both lines.
    @inline(__always)
    private func checkKey(_ cells: UnsafeMutablePointer<Cell>, _ keyHash: UInt64?, line: Int, _ rejects: inout [Reject]) {
        let first: Int32?
        var key = ""
        if singleKey >= 0 && cells[singleKey].kind == .bytes {
            let bytes = cells[singleKey].bytes
            // Cell bytes lie in the reader's buffer, so a short key may be packed as padded words.
            first = seen.insertIfAbsent(bytes, packed: bytes.count <= 16 ? CodeTable.packPadded(bytes) : nil,
                                        hash: keyHash, line: Int32(clamping: line))
            if first != nil { key = String(decoding: bytes, as: UTF8.self) }
        } else {
            key = singleKey >= 0 ? (decoder.value(cells[singleKey], column: singleKey).text ?? "")
                : keyIndices.map { decoder.value(cells[$0], column: $0).description }.joined(separator: "\u{1F}")
            first = seen.insertIfAbsent(key, line: Int32(clamping: line))
        }
        guard let first else { return }
        let shown = key.replacingOccurrences(of: "\u{1F}", with: "|")
        rejects.append(Reject(line: line, column: schema.key.joined(separator: "+"), value: shown, rule: "duplicate_key",
                              message: "duplicate key \(shown): first at line \(first), again at line \(line)"))
    }

    /// Decimals of the invoice's currency (nil: not an ISO 4217 code).
    @inline(__always)
    private func currencyUnits(_ cells: UnsafePointer<Cell>) -> Int? {
        guard let i = c.currency else { return defaultCurrencyUnits }
        switch cells[i].kind {
        case .currency: return Int(currencyMinorUnits[Int(cells[i].number)])
        case .defaultCurrency, .null: return defaultCurrencyUnits
        default: return decoder.value(cells[i], column: i).text.flatMap(ISO4217.minorUnits)
        }
    }

    @inline(__always)
    private func date(_ cells: UnsafePointer<Cell>, _ k: Int?) -> CalendarDate? {
        guard let k, cells[k].kind == .date else { return nil }
        return CalendarDate(dayNumber: Int(cells[k].number))
    }

    @inline(__always)
    private func money(_ cells: UnsafePointer<Cell>, _ k: Int?) -> Int64? {
        guard let k, cells[k].kind == .money else { return nil }
        return cells[k].number
    }

    @inline(__always)
    private func integer(_ cells: UnsafePointer<Cell>, _ k: Int?) -> Int64? {
        guard let k, cells[k].kind == .integer else { return nil }
        return cells[k].number
    }

    private func ordered(_ cells: UnsafePointer<Cell>, _ a: Int?, _ aName: String, before b: Int?, _ bName: String,
                         _ rule: String, _ rejects: inout [Reject], _ line: Int) {
        guard let first = date(cells, a), let second = date(cells, b), second < first else { return }
        rejects.append(Reject(line: line, column: bName, value: second.description, rule: rule,
                              message: "\(bName) \(second) is before \(aName) \(first)"))
    }

    private func nonNegative(_ cells: UnsafePointer<Cell>, _ name: String, _ k: Int?, _ rejects: inout [Reject], _ line: Int) {
        guard let m = money(cells, k), m < 0 else { return }
        let v = FieldValue.money(m)
        rejects.append(Reject(line: line, column: name, value: v.description, rule: "amount_sign",
                              message: "\(name) must not be negative, is \(v)"))
    }
}

/// The positions of the columns the rules read (nil where the kind has no such column).
private struct Columns {
    let amount, currency, dueDate, expectedAmount, invoiceId, issueDate, limitAmount, openedOn, paidOn, paymentTermsDays, recommendedLimit, resolvedOn, scaleMax, scaleMin, score, validFrom, validTo: Int?

    init(_ schema: SourceSchema) {
        amount = schema.index(of: "amount")
        currency = schema.index(of: "currency")
        dueDate = schema.index(of: "due_date")
        expectedAmount = schema.index(of: "expected_amount")
        invoiceId = schema.index(of: "invoice_id")
        issueDate = schema.index(of: "issue_date")
        limitAmount = schema.index(of: "limit_amount")
        openedOn = schema.index(of: "opened_on")
        paidOn = schema.index(of: "paid_on")
        paymentTermsDays = schema.index(of: "payment_terms_days")
        recommendedLimit = schema.index(of: "recommended_limit")
        resolvedOn = schema.index(of: "resolved_on")
        scaleMax = schema.index(of: "scale_max")
        scaleMin = schema.index(of: "scale_min")
        score = schema.index(of: "score")
        validFrom = schema.index(of: "valid_from")
        validTo = schema.index(of: "valid_to")
    }
}
