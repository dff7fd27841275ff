import Foundation

/// Reads one source file through a profile into rows of typed cells in the
/// kind's canonical column order.
///
/// The header is mapped onto canonical names (profile mapping first, then the
/// name itself); a missing required column stops the file; columns the kind
/// does not know are ignored and listed in `ignoredColumns` (ERP exports carry
/// many). Each value is parsed by its column's type straight from the field's
/// bytes into a `Cell` (no `String`, nothing reference-counted, a plan of
/// plain per-column operations resolved once); a value that does not parse
/// becomes a `Reject` and the row is marked bad, but reading goes on.
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
    let decoder: CellDecoder
    let columnCount: Int

    /// What to do with one canonical column's field: 16 bytes of plain data, read in
    /// place by the row loop (no copy, nothing to retain).
    struct ColumnOp {
        enum Op: UInt8 { case absent, identifier, text, date, amount, integer, decimal, currency, mapped, unmappedCode }
        var op: Op
        var required: Bool
        var foldCase: Bool
        var source: Int32
        /// The column's value-map codes in `packedCodes` (count -1: codes too long to pack; use the map).
        var codeStart: Int32
        var codeCount: Int32
    }

    private let ops: UnsafeMutablePointer<ColumnOp>
    private let packedCodes: UnsafeMutablePointer<CodeTable.PackedKey>
    private let valueMaps: [ValueMap<String>?]
    private let dates: [DateParser]
    private let onlyDate: DateParser?
    private let amounts: AmountParser
    private let decimals: AmountParser
    private let integers: AmountParser
    private let currencyUnits = CurrencyCodes.minorUnits
    private let dateMemo = DateMemo()
    /// With one fixed-width date layout: dates by their month (see `MonthMemo`).
    private let monthMemo: MonthMemo?

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
        let maps: [ValueMap<String>?] = schema.columns.map { spec in
            if let map = profile.values[kind]?[spec.name] { return map }
            if case .code(let allowed) = spec.type {
                return try? ValueMap(allowed.map { ($0, $0) }, caseSensitive: false)
            }
            return nil
        }
        valueMaps = maps
        decoder = CellDecoder(mapValues: maps.map { $0?.values }, defaultCurrency: profile.defaultCurrency)
        columnCount = schema.columns.count
        dates = profile.dates
        onlyDate = profile.dates.count == 1 ? profile.dates[0] : nil
        monthMemo = MonthMemo(for: onlyDate)
        amounts = profile.amounts
        do {
            decimals = try AmountParser(decimalSeparator: profile.amounts.decimalSeparator,
                                        groupingSeparator: profile.amounts.groupingSeparator,
                                        maxDecimals: CellDecoder.decimalScale)
            integers = try AmountParser(decimalSeparator: profile.amounts.decimalSeparator,
                                        groupingSeparator: profile.amounts.groupingSeparator, maxDecimals: 0)
        } catch {
            throw IngestError(file: path, message: error.message)
        }
        let packed = maps.compactMap { $0?.table.packed }.flatMap { $0 }
        packedCodes = .allocate(capacity: max(packed.count, 1))
        packedCodes.initialize(from: packed, count: packed.count)
        ops = .allocate(capacity: max(schema.columns.count, 1))
        var codeStart = 0
        for (k, spec) in schema.columns.enumerated() {
            var op = ColumnOp(op: Self.op(for: spec.type), required: spec.required, foldCase: false,
                              source: Int32(index[k] ?? -1), codeStart: 0, codeCount: 0)
            if let map = maps[k] {
                op.op = .mapped
                op.codeStart = Int32(codeStart)
                op.codeCount = map.table.packed.isEmpty ? -1 : Int32(map.table.packed.count)
                op.foldCase = !map.caseSensitive
                codeStart += map.table.packed.count
            }
            if index[k] == nil { op.op = .absent }
            (ops + k).initialize(to: op)
        }
    }

    deinit {
        ops.deallocate()
        packedCodes.deallocate()
        dateMemo.deallocate()
        monthMemo?.deallocate()
    }

    private static func op(for type: ColumnType) -> ColumnOp.Op {
        switch type {
        case .identifier: return .identifier
        case .text: return .text
        case .date: return .date
        case .amount: return .amount
        case .integer: return .integer
        case .decimal: return .decimal
        case .currency: return .currency
        case .code: return .unmappedCode
        }
    }

    /// What `readRow` found.
    enum RowStatus {
        /// A row whose values all parsed, in the cells.
        case parsed
        /// A row with rejects: a value that does not parse, or the wrong number of fields.
        case rejected
        /// The buffered records are used up (only when `buffered`).
        case bufferEmpty
        case end
    }

    /// Reads the next record and parses it into `cells` (`columnCount` of them),
    /// appending its rejects and setting `line` to its first physical line. With
    /// `buffered`, only a record already in the reader's buffer, so the cells of
    /// the rows read since the last unbuffered call stay valid. A CSV syntax or
    /// encoding error stops the file.
    @inline(__always)
    func readRow(into cells: UnsafeMutablePointer<Cell>, rejects: inout [Reject], line: inout Int,
                 buffered: Bool) throws(IngestError) -> RowStatus {
        let record: CSVRecord
        if let r = reader.nextSimpleRecord() {
            record = r
        } else {
            do {
                guard let r = try reader.nextRawRecord(reading: !buffered) else { return buffered ? .bufferEmpty : .end }
                record = r
            } catch {
                throw IngestError(file: reader.file, message: "\(error.line):\(error.column): \(error.message)")
            }
        }
        line = record.line
        if record.count != reader.expectedFields {
            let error = reader.fieldCountError(record)
            rejects.append(Reject(line: error.line, column: "", value: "", rule: "field_count", message: error.message))
            return .rejected
        }
        return parse(record, into: cells, rejects: &rejects) ? .parsed : .rejected
    }

    /// Parses `record` into `cells` (`columnCount` of them); false, with the
    /// row's rejects appended, when a value does not parse or a required one is empty.
    func parse(_ record: CSVRecord, into cells: UnsafeMutablePointer<Cell>, rejects: inout [Reject]) -> Bool {
        var ok = true
        for k in 0..<columnCount {
            let op = UnsafePointer(ops + k)
            if op.pointee.op == .absent {
                cells[k] = .null
                continue
            }
            let field = record.field(unchecked: Int(op.pointee.source))
            // An optional identifier (a PO number, empty in about half the rows) is stored
            // or null without a branch on its emptiness, which no predictor guesses. The
            // byte read when it is empty lies in the reader's buffer (`CSVRecord`).
            if op.pointee.op == .identifier && !op.pointee.required, let p = field.baseAddress, p[0] != 0x20 {
                let empty = field.count == 0
                cells[k] = Cell(kind: empty ? .null : .bytes, number: 0,
                                bytes: UnsafeBufferPointer(start: empty ? nil : p, count: field.count))
                continue
            }
            // Blank (empty or spaces only), checked without trimming the usual field.
            if field.count == 0 || (field[0] == 0x20 && FieldText.trimmed(field).isEmpty) {
                if op.pointee.required {
                    let name = schema.columns[k].name
                    rejects.append(Reject(line: record.line, column: name, value: "", rule: "required",
                                          message: "\(name) is empty; it is required"))
                    ok = false
                }
                cells[k] = .null
                continue
            }
            do {
                cells[k] = try parse(field, op, column: k)
            } catch {
                let spec = schema.columns[k]
                cells[k] = .null
                ok = false
                rejects.append(Reject(line: record.line, column: spec.name, value: spec.personal ? "[redacted]" : error.value,
                                      rule: Self.rule(for: spec.type), message: "\(spec.name) \(error.description)"))
            }
        }
        return ok
    }

    @inline(__always)
    private func parse(_ field: UnsafeBufferPointer<UInt8>, _ op: UnsafePointer<ColumnOp>,
                       column k: Int) throws(ValueParseError) -> Cell {
        switch op.pointee.op {
        case .identifier:
            return Cell(kind: .bytes, number: 0, bytes: field)
        case .text:
            return Cell(kind: .bytes, number: 0, bytes: FieldText.trimmed(field))
        case .date:
            return Cell(kind: .date, number: Int64(try date(field)))
        case .amount:
            return Cell(kind: .money, number: try amounts.parsePadded(field).minorUnits)
        case .integer:
            return Cell(kind: .integer, number: try integers.parse(field).minorUnits)
        case .decimal:
            return Cell(kind: .decimal, number: try decimals.parse(field).minorUnits)
        case .currency:
            return Cell(kind: .currency, number: Int64(try currency(field, FieldText.trimmed(field))))
        case .mapped:
            return Cell(kind: .mapped, number: Int64(try code(field, FieldText.trimmed(field), op, column: k)))
        case .unmappedCode:
            guard case .code(let allowed) = schema.columns[k].type else { throw ValueParseError(field, "no value map") }
            throw ValueParseError(field, "not one of \(allowed.joined(separator: ", "))")
        case .absent:
            return .null
        }
    }

    /// The day number of a date field: from a memo, else parsed (and remembered).
    @inline(__always)
    private func date(_ field: UnsafeBufferPointer<UInt8>) throws(ValueParseError) -> Int {
        if let monthMemo, field.count == monthMemo.length {
            if let day = monthMemo.dayNumber(field) { return day }
            let day = try parseDate(field).dayNumber
            monthMemo.store(field, dayNumber: day)
            return day
        }
        guard field.count <= 16 else { return try parseDate(field).dayNumber }
        let key = CodeTable.packPadded(field)
        if let day = dateMemo.dayNumber(key) { return day }
        let day = try parseDate(field).dayNumber
        dateMemo.store(key, day)
        return day
    }

    private func parseDate(_ field: UnsafeBufferPointer<UInt8>) throws(ValueParseError) -> CalendarDate {
        if let onlyDate { return try onlyDate.parse(field) }
        var firstError: ValueParseError?
        for parser in dates {
            do { return try parser.parse(field) } catch { firstError = firstError ?? error }
        }
        throw firstError ?? ValueParseError(field, "no date format configured")
    }

    /// The `CurrencyCodes` index of an ISO 4217 code in any case. Non-ASCII text is
    /// upper-cased as a `String` (as `uppercased()` maps `ı` to `I`, `ſ` to `S`).
    @inline(__always)
    private func currency(_ field: UnsafeBufferPointer<UInt8>, _ trimmed: UnsafeBufferPointer<UInt8>)
        throws(ValueParseError) -> Int {
        if trimmed.count == 3, let p = trimmed.baseAddress {
            let i = CurrencyCodes.index(p)
            if i >= 0 && currencyUnits[i] >= 0 { return i }
        }
        if trimmed.contains(where: { $0 >= 0x80 }) {
            let code = String(decoding: trimmed, as: UTF8.self).uppercased()
            let i = CurrencyCodes.index(of: code)
            if ISO4217.isCode(code) && i >= 0 { return i }
        }
        throw ValueParseError(field, "not an ISO 4217 currency code")
    }

    /// The value-map index of the field's code: packed codes compared whole, as `CodeTable.index(of:)` does.
    @inline(__always)
    private func code(_ field: UnsafeBufferPointer<UInt8>, _ trimmed: UnsafeBufferPointer<UInt8>,
                      _ op: UnsafePointer<ColumnOp>, column k: Int) throws(ValueParseError) -> Int {
        let count = Int(op.pointee.codeCount)
        if count > 0 && trimmed.count <= 16 {
            var key = CodeTable.packPadded(trimmed)
            if op.pointee.foldCase { key = CodeTable.PackedKey(low: CodeTable.foldWord(key.low), high: CodeTable.foldWord(key.high), length: key.length) }
            let codes = packedCodes + Int(op.pointee.codeStart)
            for i in 0..<count where codes[i].low == key.low && codes[i].high == key.high && codes[i].length == key.length {
                return i
            }
        }
        guard let map = valueMaps[k] else { throw ValueParseError(field, "no value map") }
        return try map.table.index(of: field)
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
