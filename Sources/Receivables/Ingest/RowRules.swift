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
    let customers: Set<String>
    /// Stored invoices' issue dates and signs (for payments and disputes).
    let invoices: [String: InvoiceFact]
    private var seen: [String: Int] = [:]
    private let keyIndices: [Int]
    private let index: [String: Int]

    init(kind: SourceKind, defaultCurrency: String, store: any ReceivablesStore) throws {
        self.kind = kind
        schema = kind.schema
        self.defaultCurrency = defaultCurrency
        let targets = Set(schema.references.map(\.target))
        customers = targets.contains(.customers) ? try store.keys(of: .customers) : []
        invoices = targets.contains(.invoices) ? try store.invoiceFacts() : [:]
        var index: [String: Int] = [:]
        for (i, c) in schema.columns.enumerated() { index[c.name] = i }
        self.index = index
        keyIndices = schema.key.compactMap { index[$0] }
    }

    /// Checks a row whose values all parsed; fills defaults (currency). Returns its rejects.
    mutating func check(_ values: inout [FieldValue], line: Int) -> [Reject] {
        var rejects: [Reject] = []
        func reject(_ column: String, _ value: FieldValue, _ rule: String, _ message: String) {
            rejects.append(Reject(line: line, column: column, value: value.description, rule: rule, message: message))
        }
        func value(_ name: String) -> FieldValue { index[name].map { values[$0] } ?? .null }

        let key = keyIndices.map { values[$0].description }.joined(separator: "\u{1F}")
        if let first = seen[key] {
            reject(schema.key.joined(separator: "+"), .text(key.replacingOccurrences(of: "\u{1F}", with: "|")),
                   "duplicate_key", "duplicate key \(key.replacingOccurrences(of: "\u{1F}", with: "|")): first at line \(first), again at line \(line)")
        } else {
            seen[key] = line
        }
        for reference in schema.references {
            let v = value(reference.column)
            guard let id = v.text else { continue }
            let known = reference.target == .customers ? customers.contains(id) : invoices[id] != nil
            if !known {
                let singular = reference.target == .customers ? "customer" : "invoice"
                reject(reference.column, v, "unknown_\(singular)",
                       "\(reference.column) \(id) is not a stored \(singular) (ingest \(reference.target.rawValue) first)")
            }
        }
        switch kind {
        case .customers:
            if let terms = value("payment_terms_days").integer, !(0...365).contains(terms) {
                reject("payment_terms_days", .integer(terms), "terms_range", "payment_terms_days \(terms) is outside 0…365")
            }
        case .invoices:
            ordered(value("issue_date"), "issue_date", before: value("due_date"), "due_date", "due_before_issue", &rejects, line)
            if value("currency") == .null, let i = index["currency"] { values[i] = .text(defaultCurrency) }
            let currency = value("currency").text ?? defaultCurrency
            if let amount = value("amount").money {
                if amount == 0 { reject("amount", .money(amount), "zero_amount", "amount is zero") }
                if let units = ISO4217.minorUnits(currency), units == 0, amount % 100 != 0 {
                    reject("amount", .money(amount), "minor_units", "\(currency) has no minor unit; amount \(FieldValue.money(amount)) has cents")
                }
            }
        case .payments:
            let invoice = value("invoice_id").text.flatMap { invoices[$0] }
            if let amount = value("amount").money, let invoice, amount == 0 || (amount < 0) != invoice.isCreditNote {
                reject("amount", .money(amount), "amount_sign", invoice.isCreditNote
                       ? "amount \(FieldValue.money(amount)) must be negative: it settles a credit note"
                       : "amount \(FieldValue.money(amount)) must be positive (refunds are credit notes with negative payments)")
            }
            if let id = value("invoice_id").text, let issued = invoice?.issueDate, let paid = value("paid_on").date, paid < issued {
                reject("paid_on", .date(paid), "payment_before_invoice", "paid_on \(paid) is before invoice \(id)'s issue date \(issued)")
            }
        case .disputes:
            if let id = value("invoice_id").text, let issued = invoices[id]?.issueDate, let opened = value("opened_on").date, opened < issued {
                reject("opened_on", .date(opened), "dispute_before_invoice", "opened_on \(opened) is before invoice \(id)'s issue date \(issued)")
            }
            ordered(value("opened_on"), "opened_on", before: value("resolved_on"), "resolved_on", "resolved_before_opened", &rejects, line)
        case .ratings:
            if let lo = value("scale_min").decimal, let hi = value("scale_max").decimal {
                if lo >= hi {
                    reject("scale_max", value("scale_max"), "scale_order", "scale_max \(hi) is not above scale_min \(lo)")
                } else if let score = value("score").decimal, score < lo || score > hi {
                    reject("score", value("score"), "score_range", "score \(score) is outside the scale \(lo)…\(hi)")
                }
            }
            nonNegative("recommended_limit", value("recommended_limit"), &rejects, line)
        case .limits:
            nonNegative("limit_amount", value("limit_amount"), &rejects, line)
            ordered(value("valid_from"), "valid_from", before: value("valid_to"), "valid_to", "valid_to_before_from", &rejects, line)
        case .orders:
            nonNegative("amount", value("amount"), &rejects, line)
        case .opportunities:
            nonNegative("expected_amount", value("expected_amount"), &rejects, line)
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
