import Foundation
@testable import Receivables

/// The String-based ingest that the byte-level one replaced (`SourceRowReader`
/// and `RowRules` before cells), kept as the oracle of the equivalence tests:
/// a `String` per field, a `[FieldValue]` per row, dictionaries for keys.
/// Returns, per row in file order, its line and either its stored values or its rejects.
struct IngestReference {
    struct Row: Equatable {
        var line: Int
        var values: [FieldValue]?
        var rejects: [Reject]
    }

    let kind: SourceKind
    let profile: ImportProfile
    let customers: Set<String>
    let invoices: [String: InvoiceFact]

    func rows(path: String) throws -> [Row] {
        let schema = kind.schema
        let reader = try CSVReader(path: path, options: profile.csv)
        var index = [Int?](repeating: nil, count: schema.columns.count)
        for (i, header) in reader.header.enumerated() {
            if let k = schema.index(of: profile.canonicalName(of: header, kind: kind)) { index[k] = i }
        }
        let maps: [ValueMap<String>?] = schema.columns.map { spec in
            if let map = profile.values[kind]?[spec.name] { return map }
            if case .code(let allowed) = spec.type { return try? ValueMap(allowed.map { ($0, $0) }, caseSensitive: false) }
            return nil
        }
        var seen: [String: Int] = [:]
        var out: [Row] = []
        while true {
            let next: Result<CSVRecord?, CSVError> = Result { () throws(CSVError) in try reader.nextRecord() }
            let record: CSVRecord
            switch next {
            case .success(let r?):
                record = r
            case .success(nil):
                return out
            case .failure(let error):
                guard case .fieldCount = error.kind else { throw error }
                out.append(Row(line: error.line, values: nil, rejects: [
                    Reject(line: error.line, column: "", value: "", rule: "field_count", message: error.message)]))
                continue
            }
            var values: [FieldValue] = []
            var rejects: [Reject] = []
            for (k, spec) in schema.columns.enumerated() {
                guard let i = index[k] else { values.append(.null); continue }
                let field = record[i]
                if FieldText.trimmed(field).isEmpty {
                    if spec.required {
                        rejects.append(Reject(line: record.line, column: spec.name, value: "", rule: "required",
                                              message: "\(spec.name) is empty; it is required"))
                    }
                    values.append(.null)
                    continue
                }
                do {
                    values.append(try parse(field, spec: spec, map: maps[k]))
                } catch {
                    values.append(.null)
                    rejects.append(Reject(line: record.line, column: spec.name, value: spec.personal ? "[redacted]" : error.value,
                                          rule: SourceRowReader.rule(for: spec.type), message: "\(spec.name) \(error.description)"))
                }
            }
            if rejects.isEmpty { rejects = check(&values, line: record.line, seen: &seen) }
            out.append(Row(line: record.line, values: rejects.isEmpty ? values : nil, rejects: rejects))
        }
    }

    private func parse(_ field: UnsafeBufferPointer<UInt8>, spec: ColumnSpec, map: ValueMap<String>?) throws(ValueParseError) -> FieldValue {
        if let map { return .text(try map.parse(field)) }
        let a = profile.amounts
        switch spec.type {
        case .identifier: return .text(String(decoding: field, as: UTF8.self))
        case .text: return .text(String(decoding: FieldText.trimmed(field), as: UTF8.self))
        case .date:
            var firstError: ValueParseError?
            for parser in profile.dates {
                do { return .date(try parser.parse(field)) } catch { firstError = firstError ?? error }
            }
            throw firstError ?? ValueParseError(field, "no date format configured")
        case .amount: return .money(try a.parse(field).minorUnits)
        case .integer:
            let p = try! AmountParser(decimalSeparator: a.decimalSeparator, groupingSeparator: a.groupingSeparator, maxDecimals: 0)
            return .integer(try p.parse(field).minorUnits)
        case .decimal:
            let p = try! AmountParser(decimalSeparator: a.decimalSeparator, groupingSeparator: a.groupingSeparator, maxDecimals: 6)
            return .text(try p.parse(field).normalizedText)
        case .currency:
            let code = String(decoding: FieldText.trimmed(field), as: UTF8.self).uppercased()
            guard ISO4217.isCode(code) else { throw ValueParseError(field, "not an ISO 4217 currency code") }
            return .text(code)
        case .code(let allowed): throw ValueParseError(field, "not one of \(allowed.joined(separator: ", "))")
        }
    }

    private func check(_ values: inout [FieldValue], line: Int, seen: inout [String: Int]) -> [Reject] {
        let schema = kind.schema
        var rejects: [Reject] = []
        func reject(_ column: String, _ value: FieldValue, _ rule: String, _ message: String) {
            rejects.append(Reject(line: line, column: column, value: value.description, rule: rule, message: message))
        }
        func value(_ name: String) -> FieldValue { schema.index(of: name).map { values[$0] } ?? .null }
        func ordered(_ a: String, before b: String, _ rule: String) {
            guard let first = value(a).date, let second = value(b).date, second < first else { return }
            reject(b, .date(second), rule, "\(b) \(second) is before \(a) \(first)")
        }
        func nonNegative(_ name: String) {
            guard let m = value(name).money, m < 0 else { return }
            reject(name, value(name), "amount_sign", "\(name) must not be negative, is \(value(name))")
        }
        func decimal(_ name: String) -> Double? { value(name).text.flatMap(Double.init) }
        let keys = schema.key.compactMap(schema.index(of:))
        let key = keys.count == 1 ? (values[keys[0]].text ?? "") : keys.map { values[$0].description }.joined(separator: "\u{1F}")
        if let first = seen[key] {
            let shown = key.replacingOccurrences(of: "\u{1F}", with: "|")
            reject(schema.key.joined(separator: "+"), .text(shown), "duplicate_key", "duplicate key \(shown): first at line \(first), again at line \(line)")
        } else {
            seen[key] = line
        }
        for reference in schema.references {
            guard let id = value(reference.column).text else { continue }
            let known = reference.target == .customers ? customers.contains(id) : invoices[id] != nil
            if !known {
                let singular = reference.target == .customers ? "customer" : "invoice"
                reject(reference.column, value(reference.column), "unknown_\(singular)",
                       "\(reference.column) \(id) is not a stored \(singular) (ingest \(reference.target.rawValue) first)")
            }
        }
        switch kind {
        case .customers:
            if case .integer(let terms) = value("payment_terms_days"), !(0...365).contains(terms) {
                reject("payment_terms_days", .integer(terms), "terms_range", "payment_terms_days \(terms) is outside 0…365")
            }
        case .invoices:
            ordered("issue_date", before: "due_date", "due_before_issue")
            if value("currency") == .null, let i = schema.index(of: "currency") { values[i] = .text(profile.defaultCurrency) }
            let currency = value("currency").text ?? profile.defaultCurrency
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
            ordered("opened_on", before: "resolved_on", "resolved_before_opened")
        case .ratings:
            if let lo = decimal("scale_min"), let hi = decimal("scale_max") {
                if lo >= hi {
                    reject("scale_max", value("scale_max"), "scale_order", "scale_max \(hi) is not above scale_min \(lo)")
                } else if let score = decimal("score"), score < lo || score > hi {
                    reject("score", value("score"), "score_range", "score \(score) is outside the scale \(lo)…\(hi)")
                }
            }
            nonNegative("recommended_limit")
        case .limits:
            nonNegative("limit_amount")
            ordered("valid_from", before: "valid_to", "valid_to_before_from")
        case .orders: nonNegative("amount")
        case .opportunities: nonNegative("expected_amount")
        }
        return rejects
    }
}
