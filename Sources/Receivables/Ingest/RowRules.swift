/// The validation rules across fields and records of a source kind:
/// unique keys within the file (the first occurrence wins; a later one is
/// rejected naming both lines — done here, not by the database, so every
/// store behaves the same), references to stored records, date order,
/// currency codes and minor units, and amount signs.
struct RowRules {
    let kind: SourceKind
    let schema: SourceSchema
    let defaultCurrency: String
    /// Stored customer ids (for kinds that reference customers).
    private let customers: KeyTable
    /// Stored invoices (for payments and disputes): id → position in `invoiceFacts`.
    private let invoices: KeyTable
    private let invoiceFacts: [InvoiceFact]
    /// Keys seen in this file → the line of their first occurrence.
    private let seen: KeyTable
    private let keyIndices: [Int]
    /// Column positions, resolved once: `check` runs for every row.
    private let c: Columns
    private let referenceSlots: [(index: Int, reference: Reference)]

    /// - Parameter expectedRows: a guess of the file's rows, to size the key table.
    init(kind: SourceKind, defaultCurrency: String, store: any ReceivablesStore, expectedRows: Int = 1024) throws {
        self.kind = kind
        let schema = kind.schema
        self.schema = schema
        self.defaultCurrency = defaultCurrency
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
        seen = KeyTable(expectedCount: expectedRows)
        c = Columns(schema)
        keyIndices = schema.key.compactMap(schema.index(of:))
        referenceSlots = schema.references.compactMap { r in schema.index(of: r.column).map { ($0, r) } }
    }

    private func invoice(_ id: String) -> InvoiceFact? {
        invoices.value(for: id).map { invoiceFacts[Int($0)] }
    }

    /// Checks a row whose values all parsed; fills defaults (currency). Returns its rejects.
    func check(_ values: inout [FieldValue], line: Int) -> [Reject] {
        var rejects: [Reject] = []
        func reject(_ column: String, _ value: FieldValue, _ rule: String, _ message: String) {
            rejects.append(Reject(line: line, column: column, value: value.description, rule: rule, message: message))
        }
        func value(_ position: Int?) -> FieldValue { position.map { values[$0] } ?? .null }

        let key = keyIndices.count == 1 ? (values[keyIndices[0]].text ?? "")
            : keyIndices.map { values[$0].description }.joined(separator: "\u{1F}")
        if let first = seen.insertIfAbsent(key, value: Int32(clamping: line)) {
            reject(schema.key.joined(separator: "+"), .text(key.replacingOccurrences(of: "\u{1F}", with: "|")),
                   "duplicate_key", "duplicate key \(key.replacingOccurrences(of: "\u{1F}", with: "|")): first at line \(first), again at line \(line)")
        }
        for (slot, reference) in referenceSlots {
            let v = values[slot]
            guard let id = v.text else { continue }
            let known = reference.target == .customers ? customers.value(for: id) != nil : invoices.value(for: id) != nil
            if !known {
                let singular = reference.target == .customers ? "customer" : "invoice"
                reject(reference.column, v, "unknown_\(singular)",
                       "\(reference.column) \(id) is not a stored \(singular) (ingest \(reference.target.rawValue) first)")
            }
        }
        switch kind {
        case .customers:
            if let terms = value(c.paymentTermsDays).integer, !(0...365).contains(terms) {
                reject("payment_terms_days", .integer(terms), "terms_range", "payment_terms_days \(terms) is outside 0…365")
            }
        case .invoices:
            ordered(value(c.issueDate), "issue_date", before: value(c.dueDate), "due_date", "due_before_issue", &rejects, line)
            if value(c.currency) == .null, let i = c.currency { values[i] = .text(defaultCurrency) }
            let currency = value(c.currency).text ?? defaultCurrency
            if let amount = value(c.amount).money {
                if amount == 0 { reject("amount", .money(amount), "zero_amount", "amount is zero") }
                if let units = ISO4217.minorUnits(currency), units == 0, amount % 100 != 0 {
                    reject("amount", .money(amount), "minor_units", "\(currency) has no minor unit; amount \(FieldValue.money(amount)) has cents")
                }
            }
        case .payments:
            let invoice = value(c.invoiceId).text.flatMap(invoice)
            if let amount = value(c.amount).money, let invoice, amount == 0 || (amount < 0) != invoice.isCreditNote {
                reject("amount", .money(amount), "amount_sign", invoice.isCreditNote
                       ? "amount \(FieldValue.money(amount)) must be negative: it settles a credit note"
                       : "amount \(FieldValue.money(amount)) must be positive (refunds are credit notes with negative payments)")
            }
            if let id = value(c.invoiceId).text, let issued = invoice?.issueDate, let paid = value(c.paidOn).date, paid < issued {
                reject("paid_on", .date(paid), "payment_before_invoice", "paid_on \(paid) is before invoice \(id)'s issue date \(issued)")
            }
        case .disputes:
            if let id = value(c.invoiceId).text, let issued = invoice(id)?.issueDate, let opened = value(c.openedOn).date, opened < issued {
                reject("opened_on", .date(opened), "dispute_before_invoice", "opened_on \(opened) is before invoice \(id)'s issue date \(issued)")
            }
            ordered(value(c.openedOn), "opened_on", before: value(c.resolvedOn), "resolved_on", "resolved_before_opened", &rejects, line)
        case .ratings:
            if let lo = value(c.scaleMin).decimal, let hi = value(c.scaleMax).decimal {
                if lo >= hi {
                    reject("scale_max", value(c.scaleMax), "scale_order", "scale_max \(hi) is not above scale_min \(lo)")
                } else if let score = value(c.score).decimal, score < lo || score > hi {
                    reject("score", value(c.score), "score_range", "score \(score) is outside the scale \(lo)…\(hi)")
                }
            }
            nonNegative("recommended_limit", value(c.recommendedLimit), &rejects, line)
        case .limits:
            nonNegative("limit_amount", value(c.limitAmount), &rejects, line)
            ordered(value(c.validFrom), "valid_from", before: value(c.validTo), "valid_to", "valid_to_before_from", &rejects, line)
        case .orders:
            nonNegative("amount", value(c.amount), &rejects, line)
        case .opportunities:
            nonNegative("expected_amount", value(c.expectedAmount), &rejects, line)
        }
        return rejects
    }

    private func ordered(_ a: FieldValue, _ aName: String, before b: FieldValue, _ bName: String, _ rule: String,
                         _ rejects: inout [Reject], _ line: Int) {
        guard let first = a.date, let second = b.date, second < first else { return }
        rejects.append(Reject(line: line, column: bName, value: second.description, rule: rule,
                              message: "\(bName) \(second) is before \(aName) \(first)"))
    }

    private func nonNegative(_ name: String, _ v: FieldValue, _ rejects: inout [Reject], _ line: Int) {
        guard let m = v.money, m < 0 else { return }
        rejects.append(Reject(line: line, column: name, value: v.description, rule: "amount_sign",
                              message: "\(name) must not be negative, is \(v)"))
    }
}

extension FieldValue {
    var integer: Int64? { if case .integer(let i) = self { return i } else { return nil } }
    /// A decimal column's value as a Double, for comparisons only.
    var decimal: Double? { text.flatMap(Double.init) }
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
