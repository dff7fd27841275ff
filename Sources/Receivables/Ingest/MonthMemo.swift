/// The months a file's dates have already read, keyed by a date's text with its
/// day digits blanked: for a profile with one fixed-width date layout
/// (`yyyy-MM-dd`, `dd-MM-yyyy`, `yyyyMMdd`, ... — `DateParser.FixedLayout`).
///
/// Two fields of the layout's width that agree outside the two day digits have
/// the same literals and the same year and month digits, so once one of them
/// read as a date of month `m` of year `y`, the other one is a date exactly
/// when its day digits `d` are two ASCII digits with `1 ≤ d ≤ daysIn(y, m)`,
/// and then it is day `first(y, m) + d - 1`: the parser's own answer without
/// the parser. A file of two years of invoices holds about thirty months, so
/// the table (2^8 entries of 24 bytes, 6 KiB) stays in the first-level cache;
/// `DateMemo`, keyed by the whole text, needed 96 KiB for its few thousand dates.
/// Anything else (another width, a month not seen yet, a day the month does
/// not have) goes to the parser, which also names what is wrong.
struct MonthMemo {
    struct Entry {
        var low: UInt64
        var high: UInt64
        /// Day number of the month's day 0 (the day before the 1st).
        var dayZero: Int32
        /// Days in the month; 0 in an empty entry, which so never answers.
        var days: Int32
    }

    static let bits = 8
    let entries: UnsafeMutablePointer<Entry>
    /// The layout's width in bytes (at most 16), and where its two day digits are.
    let length: Int
    let day: Int
    /// Both words of a packed field with the day digits' bits cleared.
    private let lowMask: UInt64
    private let highMask: UInt64

    /// A memo for fields of `length` bytes (1…16) whose day digits are at `day` and `day + 1`.
    init(length: Int, day: Int) {
        precondition(length >= 2 && length <= 16 && day >= 0 && day + 2 <= length, "MonthMemo: bad layout")
        self.length = length
        self.day = day
        var mask = (low: ~UInt64(0), high: ~UInt64(0))
        for i in day..<(day + 2) {
            if i < 8 { mask.low &= ~(UInt64(0xFF) << UInt64(8 * i)) } else { mask.high &= ~(UInt64(0xFF) << UInt64(8 * (i - 8))) }
        }
        lowMask = mask.low
        highMask = mask.high
        entries = .allocate(capacity: 1 << Self.bits)
        entries.initialize(repeating: Entry(low: 0, high: 0, dayZero: 0, days: 0), count: 1 << Self.bits)
    }

    func deallocate() { entries.deallocate() }

    /// A memo for `parser`'s layout when it is fixed and at most 16 bytes wide; else nil.
    init?(for parser: DateParser?) {
        guard let f = parser?.fixed, f.length <= 16, f.day + 2 <= f.length else { return nil }
        self.init(length: f.length, day: f.day)
    }

    /// The entry for `field` (exactly `length` bytes, followed by readable memory:
    /// a `CSVRecord` field) and its key.
    @inline(__always)
    private func slot(_ field: UnsafeBufferPointer<UInt8>) -> (UnsafeMutablePointer<Entry>, UInt64, UInt64) {
        let key = CodeTable.packPadded(field)
        let low = key.low & lowMask, high = key.high & highMask
        return (entries + CodeTable.slot(low: low, high: high, bits: Self.bits), low, high)
    }

    /// The two day digits' value, or -1 when they are not two ASCII digits.
    @inline(__always)
    private func dayDigits(_ field: UnsafeBufferPointer<UInt8>) -> Int {
        guard let p = field.baseAddress else { return -1 }
        let a = p[day] &- 48, b = p[day &+ 1] &- 48
        return a < 10 && b < 10 ? Int(a) &* 10 &+ Int(b) : -1
    }

    /// The day number of `field` (exactly `length` bytes) if its month is stored
    /// and its day digits name a day of that month; else nil.
    @inline(__always)
    func dayNumber(_ field: UnsafeBufferPointer<UInt8>) -> Int? {
        let (e, low, high) = slot(field)
        guard e.pointee.low == low, e.pointee.high == high else { return nil }
        let d = dayDigits(field)
        guard d >= 1, d <= Int(e.pointee.days) else { return nil }
        return Int(e.pointee.dayZero) &+ d
    }

    /// Keeps the month of `field` (exactly `length` bytes), which the layout's parser read as `dayNumber`.
    func store(_ field: UnsafeBufferPointer<UInt8>, dayNumber: Int) {
        let date = CalendarDate(dayNumber: dayNumber)
        let (year, month, d) = date.components
        // The parser read the day from the day digits; anything else is not this layout.
        guard dayDigits(field) == d, let dayZero = Int32(exactly: dayNumber - d) else { return }
        let (e, low, high) = slot(field)
        e.pointee = Entry(low: low, high: high, dayZero: dayZero, days: Int32(CalendarDate.daysIn(year: year, month: month)))
    }
}
