/// One canonical column's value as parsed from a source field, without a `String`.
///
/// Why: a dry run of a million invoices spent most of its time making a
/// `String` per identifier, a `[FieldValue]` per row and reference-counting
/// them. A cell is a plain value (nothing reference-counted): numbers are
/// parsed from the bytes, text stays a view into the reader's buffer, valid
/// until the reader next reads input (`CSVReader.nextBufferedRecord()`). The
/// store's `FieldValue`s are made only for rows that are stored and for the
/// values a reject names (`CellDecoder`).
struct Cell {
    enum Kind: UInt8 {
        case null
        /// Text in `bytes`: as written for identifiers, trimmed for free text.
        case bytes
        /// `number` is the day number (`CalendarDate.dayNumber`).
        case date
        /// `number` is minor units (`FieldValue.money`).
        case money
        case integer
        /// `number` is minor units at scale `CellDecoder.decimalScale`; stored as normalised decimal text.
        case decimal
        /// An ISO 4217 code; `number` is its `CurrencyCodes` index.
        case currency
        /// The profile's default currency, filled in for an invoice without one.
        case defaultCurrency
        /// Value `number` of the column's value map.
        case mapped
    }

    var kind: Kind
    var number: Int64
    var bytes: UnsafeBufferPointer<UInt8>

    static var null: Cell { Cell(kind: .null, number: 0) }

    @inline(__always)
    init(kind: Kind, number: Int64, bytes: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)) {
        self.kind = kind
        self.number = number
        self.bytes = bytes
    }
}

/// Turns cells into the store's `FieldValue`s: exactly the values the
/// `String`-based reader made (identifiers as written, text trimmed, codes
/// mapped, decimals normalised, currency codes upper case).
struct CellDecoder: Sendable {
    /// Decimal columns (scores, scale bounds) are read with up to 6 decimals.
    static let decimalScale = 6
    /// Per canonical column, the values of its value map (nil: no map).
    let mapValues: [[String]?]
    let defaultCurrency: String

    func value(_ cell: Cell, column k: Int) -> FieldValue {
        switch cell.kind {
        case .null: return .null
        case .bytes: return .text(String(decoding: cell.bytes, as: UTF8.self))
        case .date: return .date(CalendarDate(dayNumber: Int(cell.number)))
        case .money: return .money(cell.number)
        case .integer: return .integer(cell.number)
        case .decimal: return .text(ExactAmount(minorUnits: cell.number, scale: Self.decimalScale).normalizedText)
        case .currency: return .text(CurrencyCodes.code(Int(cell.number)))
        case .defaultCurrency: return .text(defaultCurrency)
        case .mapped: return .text(mapValues[k].map { $0[Int(cell.number)] } ?? "")
        }
    }

    /// The row as the store takes it.
    func values(_ cells: UnsafePointer<Cell>, count: Int) -> [FieldValue] {
        (0..<count).map { value(cells[$0], column: $0) }
    }
}

/// ISO 4217 codes looked up from bytes: three ASCII letters index a table of
/// 26³ minor-unit counts, built once from `ISO4217`. Replaces upper-casing a
/// `String` and hashing it into a `Set` for every invoice row.
enum CurrencyCodes {
    /// Minor units of each active code by `index`; -1 for three letters that are no code.
    static let minorUnits: [Int8] = {
        var table = [Int8](repeating: -1, count: 26 * 26 * 26)
        for code in ISO4217.codes {
            let b = Array(code.utf8)
            guard b.count == 3, let units = ISO4217.minorUnits(code) else { continue }
            let i = (Int(b[0]) - 65) * 676 + (Int(b[1]) - 65) * 26 + (Int(b[2]) - 65)
            if (0..<table.count).contains(i) { table[i] = Int8(units) }
        }
        return table
    }()

    /// The table index of three ASCII letters (either case) at `p`, or -1.
    @inline(__always)
    static func index(_ p: UnsafePointer<UInt8>) -> Int {
        let a = Int((p[0] | 0x20) &- 0x61), b = Int((p[1] | 0x20) &- 0x61), c = Int((p[2] | 0x20) &- 0x61)
        guard a < 26, b < 26, c < 26 else { return -1 }
        return a &* 676 &+ b &* 26 &+ c
    }

    /// The upper-case code of a table index.
    static func code(_ index: Int) -> String {
        let letters = [index / 676, index / 26 % 26, index % 26].map { UInt8(65 + $0) }
        return String(decoding: letters, as: UTF8.self)
    }

    /// The index of `code` (an upper-case code from `ISO4217`), or -1.
    static func index(of code: String) -> Int {
        let b = Array(code.utf8)
        guard b.count == 3 else { return -1 }
        return b.withUnsafeBufferPointer { p in p.baseAddress.map(index) ?? -1 }
    }
}
