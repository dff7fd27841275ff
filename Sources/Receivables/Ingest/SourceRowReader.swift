import Foundation

/// Reads one source file through a profile into rows of typed values in the
/// kind's canonical column order.
///
/// The header is mapped onto canonical names (profile mapping first, then the
/// name itself); a missing required column stops the file; columns the kind
/// does not know are ignored and listed in `ignoredColumns` (ERP exports carry
/// many). Each value is parsed by its column's type; a value that does not
/// parse becomes a `Reject` and the row is marked bad, but reading goes on.
/// Field-count errors reject the row; any other CSV error (unterminated
/// quote, invalid UTF-8, a stray quote) stops the file.
final class SourceRowReader {
    let kind: SourceKind
    let schema: SourceSchema
    let reader: CSVReader
    let profile: ImportProfile
    /// For each canonical column, the source field index (nil: absent, value null).
    let sourceIndex: [Int?]
    let ignoredColumns: [String]
    private let valueMaps: [ValueMap<String>?]
    private let decimals: AmountParser
    private let integers: AmountParser

    init(path: String, kind: SourceKind, profile: ImportProfile) throws(IngestError) {
        self.kind = kind
        let schema = kind.schema
        self.schema = schema
        self.profile = profile
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, options: profile.csv)
        } catch {
            throw IngestError(file: path, message: error.description)
        }
        self.reader = reader
        var index = [Int?](repeating: nil, count: schema.columns.count)
        var ignored: [String] = []
        for (i, header) in reader.header.enumerated() {
            let canonical = profile.canonicalName(of: header, kind: kind)
            guard let k = schema.index(of: canonical) else { ignored.append(header); continue }
            guard index[k] == nil else {
                throw IngestError(file: path, message: "two columns map to \(canonical): \"\(reader.header[index[k] ?? 0])\" and \"\(header)\"")
            }
            index[k] = i
        }
        let missing = schema.columns.indices.filter { index[$0] == nil && schema.columns[$0].required }
        guard missing.isEmpty else {
            throw IngestError(file: path, message: "missing required column(s) \(missing.map { schema.columns[$0].name }.joined(separator: ", ")) for \(kind.rawValue); the header has \(reader.header.joined(separator: ", ")) (map them in the profile's [columns.\(kind.rawValue)])")
        }
        sourceIndex = index
        ignoredColumns = ignored
        valueMaps = schema.columns.map { spec in
            if let map = profile.values[kind]?[spec.name] { return map }
            if case .code(let allowed) = spec.type {
                return try? ValueMap(allowed.map { ($0, $0) }, caseSensitive: false)
            }
            return nil
        }
        do {
            decimals = try AmountParser(decimalSeparator: profile.amounts.decimalSeparator,
                                        groupingSeparator: profile.amounts.groupingSeparator, maxDecimals: 6)
            integers = try AmountParser(decimalSeparator: profile.amounts.decimalSeparator,
                                        groupingSeparator: profile.amounts.groupingSeparator, maxDecimals: 0)
        } catch {
            throw IngestError(file: path, message: error.message)
        }
    }

    /// A row: its line, values (canonical order) and the rejects found while parsing it.
    struct Row {
        var line: Int
        var values: [FieldValue]
        var rejects: [Reject]
    }

    /// The next row, or nil at the end of the file.
    func next() throws(IngestError) -> Row? {
        let record: CSVRecord
        do {
            guard let r = try reader.nextRecord() else { return nil }
            record = r
        } catch {
            if case .fieldCount = error.kind {
                return Row(line: error.line, values: [], rejects: [
                    Reject(line: error.line, column: "", value: "", rule: "field_count", message: error.message),
                ])
            }
            throw IngestError(file: reader.file, message: "\(error.line):\(error.column): \(error.message)")
        }
        var row = Row(line: record.line, values: [], rejects: [])
        row.values.reserveCapacity(schema.columns.count)
        for (k, spec) in schema.columns.enumerated() {
            guard let i = sourceIndex[k] else { row.values.append(.null); continue }
            let field = record[i]
            if FieldText.trimmed(field).isEmpty {
                if spec.required {
                    row.rejects.append(Reject(line: record.line, column: spec.name, value: "", rule: "required",
                                              message: "\(spec.name) is empty; it is required"))
                }
                row.values.append(.null)
                continue
            }
            do {
                row.values.append(try parse(field, spec: spec, column: k))
            } catch {
                row.values.append(.null)
                row.rejects.append(Reject(line: record.line, column: spec.name,
                                          value: spec.personal ? "[redacted]" : error.value,
                                          rule: Self.rule(for: spec.type),
                                          message: "\(spec.name) \(error.description)"))
            }
        }
        return row
    }

    private func parse(_ field: UnsafeBufferPointer<UInt8>, spec: ColumnSpec, column k: Int) throws(ValueParseError) -> FieldValue {
        if let map = valueMaps[k] { return .text(try map.parse(field)) }
        switch spec.type {
        case .identifier:
            return .text(String(decoding: field, as: UTF8.self))
        case .text:
            return .text(String(decoding: FieldText.trimmed(field), as: UTF8.self))
        case .date:
            var firstError: ValueParseError?
            for parser in profile.dates {
                do { return .date(try parser.parse(field)) } catch { firstError = firstError ?? error }
            }
            throw firstError ?? ValueParseError(field, "no date format configured")
        case .amount:
            return .money(try profile.amounts.parse(field).minorUnits)
        case .integer:
            return .integer(try integers.parse(field).minorUnits)
        case .decimal:
            return .text(try decimals.parse(field).normalizedText)
        case .currency:
            let code = String(decoding: FieldText.trimmed(field), as: UTF8.self).uppercased()
            guard ISO4217.isCode(code) else { throw ValueParseError(field, "not an ISO 4217 currency code") }
            return .text(code)
        case .code(let allowed):
            throw ValueParseError(field, "not one of \(allowed.joined(separator: ", "))")
        }
    }

    static func rule(for type: ColumnType) -> String {
        switch type {
        case .identifier, .text: return "invalid_text"
        case .date: return "invalid_date"
        case .amount: return "invalid_amount"
        case .integer: return "invalid_integer"
        case .decimal: return "invalid_number"
        case .currency: return "invalid_currency"
        case .code: return "invalid_code"
        }
    }
}

extension ExactAmount {
    /// Decimal text without trailing zeros after the point: `4.50` → `4.5`, `72.000` → `72`.
    var normalizedText: String {
        var text = description
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
