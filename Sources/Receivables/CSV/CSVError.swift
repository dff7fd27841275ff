/// Where something is in a CSV source: physical line, byte column, byte offset.
///
/// `line` counts physical lines from 1 (CRLF, LF and a lone CR each end one
/// line, also inside quoted fields). `column` is the 1-based byte index within
/// that line (a UTF-8 BOM is not counted). `byteOffset` is the 0-based offset
/// from the start of the file (BOM included); in `.cp1252` mode it counts
/// bytes of the decoded UTF-8 stream, except for encoding errors, which give
/// the offset in the original file.
public struct CSVLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var byteOffset: Int

    public init(line: Int, column: Int, byteOffset: Int) {
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
    }

    public var description: String { "\(line):\(column)" }
}

/// A CSV input error with its place in the file, modelled on Go's
/// `encoding/csv` `ParseError`: `description` reads `file:line:column: message`.
///
/// Field-count errors read `file:line: expected N fields, saw M` (the
/// RELIABILITY.md wording): the whole record is at fault, not a column.
public struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// A record (starting at `line`) with a field count other than the header's.
        case fieldCount(expected: Int, saw: Int)
        /// A quoted field still open at the end of the file; the location is its opening quote.
        case unterminatedQuote(openedAtLine: Int)
        /// A `"` inside an unquoted field, or (`afterClosingQuote`) text after a closing quote.
        case strayQuote(afterClosingQuote: Bool)
        /// Bytes that are not well-formed UTF-8 (overlong, surrogate, > U+10FFFF,
        /// truncated, or a stray continuation byte); `bytes` is the bad sequence as examined.
        case invalidUTF8(bytes: [UInt8])
        /// A byte that CP1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).
        case undefinedCP1252(byte: UInt8)
        /// The file holds no header row.
        case missingHeader
        /// Two header columns with the same name (`firstColumn` is 1-based).
        case duplicateColumn(name: String, firstColumn: Int)
        /// A header column whose name is empty (1-based `column`).
        case emptyColumnName(column: Int)
        /// One record larger than `CSVOptions.maxRecordBytes`, usually an unterminated quote.
        case recordTooLarge(limit: Int, insideQuoteOpenedAtLine: Int?)
        /// A field value rejected by a typed parser; `column` is the header name.
        case invalidValue(column: String, ValueParseError)
        /// The file could not be opened or read.
        case io(String)
        /// Unusable `CSVOptions` (the message names the setting).
        case invalidOptions(String)
    }

    public var file: String
    public var line: Int
    public var column: Int
    public var byteOffset: Int
    public var kind: Kind

    public init(file: String, location: CSVLocation, kind: Kind) {
        self.file = file
        self.line = location.line
        self.column = location.column
        self.byteOffset = location.byteOffset
        self.kind = kind
    }

    public var location: CSVLocation { CSVLocation(line: line, column: column, byteOffset: byteOffset) }

    public var message: String {
        switch kind {
        case .fieldCount(let expected, let saw):
            return "expected \(expected) fields, saw \(saw)"
        case .unterminatedQuote(let opened):
            return "unterminated quoted field: the quote opened at line \(opened) is never closed"
        case .strayQuote(let after):
            return after ? "unexpected text after the closing quote of a quoted field"
                         : "bare \" in an unquoted field (quote the whole field and double the quote)"
        case .invalidUTF8(let bytes):
            let hex = bytes.map { hex2($0) }.joined(separator: " ")
            return "invalid UTF-8 sequence \(hex) at byte offset \(byteOffset)"
        case .undefinedCP1252(let byte):
            return "byte 0x\(hex2(byte)) at byte offset \(byteOffset) is undefined in CP1252"
        case .missingHeader:
            return "no header row (the file is empty)"
        case .duplicateColumn(let name, let first):
            return "duplicate column name \"\(name)\" (also column \(first))"
        case .emptyColumnName(let c):
            return "empty column name in header column \(c)"
        case .recordTooLarge(let limit, let opened):
            let hint = opened.map { " (inside the quoted field opened at line \($0): unterminated quote?)" } ?? ""
            return "record exceeds \(limit) bytes\(hint)"
        case .invalidValue(let column, let error):
            return "\(column): \(error)"
        case .io(let m):
            return m
        case .invalidOptions(let m):
            return "invalid CSV options: \(m)"
        }
    }

    public var description: String {
        if case .fieldCount = kind { return "\(file):\(line): \(message)" }
        switch kind {
        case .io, .invalidOptions: return "\(file): \(message)"
        default: break
        }
        return "\(file):\(line):\(column): \(message)"
    }
}

func hex2(_ b: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
}
