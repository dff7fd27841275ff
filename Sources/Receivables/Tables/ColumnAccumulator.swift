import SolventModels

/// One column of a `DataTableReader` being read: numbers while every value
/// fits the grammar, text from the first value that does not.
///
/// A column is guessed numeric and parsed straight into `[Double]` (no
/// `String` per field). At the first non-number it turns into text: when
/// every earlier row was missing that costs nothing; otherwise the earlier
/// rows' text is gone (`1.50` was stored as 1.5) and `rereadRows` records how
/// many leading rows the reader must read again as text.
struct ColumnAccumulator {
    enum Mode {
        /// Numeric until a value is not a number.
        case inferred
        /// Numeric; a non-number is an error.
        case numeric
        /// Text (trimmed; empty and `NA` missing).
        case categorical
        /// Text exactly as written (no trimming, no missing tokens).
        case id
    }

    let mode: Mode
    /// Whether values are going to `values` (else to `codes`).
    private(set) var storesNumbers: Bool
    private var values: [Double] = []
    private var missing = MissingMask()
    /// Numbers (non-missing values) stored so far.
    private var numbers = 0
    private var codes: [UInt32] = []
    private var index: [String: UInt32] = [:]
    private var levels: [String] = []
    /// The UTF-8 bytes of the first `fewLevels` levels.
    private var levelBytes: [[UInt8]] = []
    /// The id column's values, row by row (not deduplicated while reading).
    private var ids: [String] = []
    /// Leading rows whose text must be read again (they were stored as numbers).
    private(set) var rereadRows = 0

    init(mode: Mode) {
        self.mode = mode
        storesNumbers = mode == .inferred || mode == .numeric
    }

    /// Adds one row's field; false when a `.numeric` column meets a non-number (nothing is added).
    @inline(__always)
    mutating func add(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        if mode == .id {
            ids.append(String(decoding: field, as: UTF8.self))
            return true
        }
        let text = FieldText.trimmed(field)
        if storesNumbers {
            if DecimalText.isMissing(text) {
                values.append(.nan)
                missing.append(missing: true)
                return true
            }
            if let v = DecimalText.parse(text) ?? DecimalText.nonFiniteToken(text) {
                values.append(v)
                missing.append(missing: false)
                numbers += 1
                return true
            }
            if mode == .numeric { return false }
            becomeText()
        }
        codes.append(DecimalText.isMissing(text) ? CategoricalColumn.missingCode : code(of: text))
        return true
    }

    /// Sets row `row` (below `rereadRows`) from its field, read again as text.
    mutating func reread(row: Int, _ field: UnsafeBufferPointer<UInt8>) {
        let text = FieldText.trimmed(field)
        codes[row] = DecimalText.isMissing(text) ? CategoricalColumn.missingCode : code(of: text)
    }

    /// The finished column (the categorical constructor checks the codes and levels built here).
    func column() throws(ModelError) -> DataTable.Column {
        if mode == .id { return .categorical(CategoricalColumn(ids)) }
        if storesNumbers {
            return .numeric(NumericColumn(values: values, missing: missing))
        }
        return .categorical(try CategoricalColumn(codes: codes, levels: levels))
    }

    /// Turns a numeric guess into text; earlier numbers are marked for a second read.
    private mutating func becomeText() {
        let rows = values.count
        codes = [UInt32](repeating: CategoricalColumn.missingCode, count: rows)
        if numbers > 0 { rereadRows = rows }
        values = []
        missing = MissingMask()
        storesNumbers = false
    }

    /// The code of `text`, adding it as a level when new. While a column has
    /// few levels they are compared byte by byte (no `String`, no hashing);
    /// past `fewLevels` the dictionary answers.
    private mutating func code(of text: UnsafeBufferPointer<UInt8>) -> UInt32 {
        if levels.count <= Self.fewLevels {
            for (c, bytes) in levelBytes.enumerated() where bytes.count == text.count && bytes.elementsEqual(text) { return UInt32(c) }
        }
        let s = String(decoding: text, as: UTF8.self)
        if let c = index[s] { return c }
        precondition(levels.count < Int(CategoricalColumn.missingCode), "more than 2^32 - 1 distinct values in a column")
        let c = UInt32(levels.count)
        index[s] = c
        levels.append(s)
        if levels.count <= Self.fewLevels { levelBytes.append(Array(text)) }
        return c
    }

    /// Levels up to which a linear byte comparison beats hashing a new `String`.
    private static let fewLevels = 16
}
