/// Parses calendar dates by an exact pattern, such as `yyyy-MM-dd`,
/// `dd-MM-yyyy`, `dd.MM.yyyy` or `M/d/yyyy`.
///
/// Pattern letters (a subset of Unicode TR35, with exact digit counts):
///
/// | letters | digits |
/// |---|---|
/// | `yyyy` | exactly 4 |
/// | `yy` | exactly 2, only with `twoDigitYearPivot` |
/// | `MM`, `dd` | exactly 2 |
/// | `M`, `d` | 1 or 2 |
///
/// Every other character except ASCII letters is a literal that must match
/// exactly. `YYYY` (week-based year), `u`, `D`, `MMM` (month names) and any
/// other letter are rejected when the pattern is built, as is a pattern
/// without exactly one year, month and day, or with a 1-or-2-digit field
/// directly followed by another number. Parsed dates must exist (`31-02-2026`
/// is rejected). Two-digit years map into the 100 years starting at the pivot:
/// pivot 1970 reads `70`…`99` as 1970…1999 and `00`…`69` as 2000…2069.
public struct DateParser: Sendable, Hashable {
    enum Token: Sendable, Hashable {
        case year(digits: Int)
        case month(minDigits: Int)
        case day(minDigits: Int)
        case literal(UInt8)
    }

    /// The pattern as given.
    public let pattern: String
    public let twoDigitYearPivot: Int?
    let tokens: [Token]
    /// Positions for patterns of fixed width with at most two literals (`yyyy-MM-dd`,
    /// `dd.MM.yyyy`, `yyyyMMdd`): the fast path.
    let fixed: FixedLayout?

    struct FixedLayout: Sendable, Hashable {
        var length = 0, year = 0, yearDigits = 4, month = 0, day = 0
        var literalAt = (-1, -1)
        var literal: (UInt8, UInt8) = (0, 0)

        static func == (a: FixedLayout, b: FixedLayout) -> Bool {
            a.length == b.length && a.year == b.year && a.yearDigits == b.yearDigits && a.month == b.month
                && a.day == b.day && a.literalAt == b.literalAt && a.literal == b.literal
        }

        func hash(into h: inout Hasher) {
            h.combine(length)
            h.combine(year)
            h.combine(month)
            h.combine(day)
        }

        init?(_ tokens: [Token]) {
            var literals: [(Int, UInt8)] = []
            for t in tokens {
                switch t {
                case .literal(let c): literals.append((length, c)); length += 1
                case .year(let digits): year = length; yearDigits = digits; length += digits
                case .month(let m): guard m == 2 else { return nil }; month = length; length += 2
                case .day(let m): guard m == 2 else { return nil }; day = length; length += 2
                }
            }
            guard literals.count <= 2 else { return nil }
            if let first = literals.first { literalAt.0 = first.0; literal.0 = first.1 }
            if literals.count == 2 { literalAt.1 = literals[1].0; literal.1 = literals[1].1 }
        }
    }

    /// ISO 8601 `yyyy-MM-dd`.
    public static let iso = DateParser(unchecked: "yyyy-MM-dd",
                                       [.year(digits: 4), .literal(45), .month(minDigits: 2), .literal(45), .day(minDigits: 2)])

    private init(unchecked pattern: String, _ tokens: [Token]) {
        self.pattern = pattern
        self.twoDigitYearPivot = nil
        self.tokens = tokens
        self.fixed = FixedLayout(tokens)
    }

    /// Compiles `pattern`; throws a message naming the first problem.
    public init(pattern: String, twoDigitYearPivot: Int? = nil) throws(ParserConfigurationError) {
        if let pivot = twoDigitYearPivot, !(1...9899).contains(pivot) {
            throw ParserConfigurationError("two-digit year pivot \(pivot) outside 1...9899")
        }
        let chars = Array(pattern.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        var seen: Set<Character> = []
        while i < chars.count {
            let c = chars[i]
            var run = 1
            while i + run < chars.count && chars[i + run] == c { run += 1 }
            let letter = ("a"..."z").contains(c) || ("A"..."Z").contains(c)
            if !letter {
                guard c.isASCII else {
                    throw ParserConfigurationError("date pattern \"\(pattern)\": literal \"\(c)\" is not ASCII")
                }
                for _ in 0..<run { tokens.append(.literal(UInt8(c.value))) }
                i += run
                continue
            }
            let token: Token
            switch (c, run) {
            case ("y", 4): token = .year(digits: 4)
            case ("y", 2):
                guard twoDigitYearPivot != nil else {
                    throw ParserConfigurationError("date pattern \"\(pattern)\": two-digit year \"yy\" needs a "
                                                   + "configured pivot year")
                }
                token = .year(digits: 2)
            case ("y", _):
                throw ParserConfigurationError("date pattern \"\(pattern)\": year must be \"yyyy\" (or \"yy\" with a pivot)")
            case ("M", 1), ("M", 2): token = .month(minDigits: run)
            case ("M", _):
                throw ParserConfigurationError("date pattern \"\(pattern)\": month names (\"MMM\") are not supported")
            case ("d", 1), ("d", 2): token = .day(minDigits: run)
            case ("Y", _):
                throw ParserConfigurationError("date pattern \"\(pattern)\": \"Y\" is the week-based year, "
                                               + "which differs from the calendar year around New Year; use \"yyyy\"")
            case ("D", _):
                throw ParserConfigurationError("date pattern \"\(pattern)\": \"D\" is the day of the year; use \"dd\"")
            case ("m", _):
                throw ParserConfigurationError("date pattern \"\(pattern)\": \"m\" is minutes; use \"MM\" for the month")
            default:
                throw ParserConfigurationError("date pattern \"\(pattern)\": unsupported letter \"\(c)\"; "
                                               + "use yyyy, yy, MM, M, dd, d and literal separators")
            }
            let key = Character(c)
            guard !seen.contains(key) else {
                throw ParserConfigurationError("date pattern \"\(pattern)\": \"\(c)\" appears twice")
            }
            seen.insert(key)
            if let last = tokens.last, DateParser.isVariable(last) {
                throw ParserConfigurationError("date pattern \"\(pattern)\": a one-or-two-digit field must be "
                                               + "followed by a separator")
            }
            if DateParser.isVariable(token), let last = tokens.last, DateParser.isNumber(last) {
                throw ParserConfigurationError("date pattern \"\(pattern)\": a one-or-two-digit field must follow "
                                               + "a separator")
            }
            tokens.append(token)
            i += run
        }
        guard seen == ["y", "M", "d"] else {
            throw ParserConfigurationError("date pattern \"\(pattern)\": needs a year, a month and a day")
        }
        self.pattern = pattern
        self.twoDigitYearPivot = twoDigitYearPivot
        self.tokens = tokens
        self.fixed = FixedLayout(tokens)
    }

    private static func isNumber(_ t: Token) -> Bool {
        if case .literal = t { return false }
        return true
    }

    private static func isVariable(_ t: Token) -> Bool {
        switch t {
        case .month(let m), .day(let m): return m == 1
        default: return false
        }
    }

    /// Parses `text`.
    public func parse(_ text: String) throws(ValueParseError) -> CalendarDate {
        try FieldText.withBytes(text) { (b) throws(ValueParseError) in try parse(b) }
    }

    /// Parses the bytes of one field (surrounding ASCII spaces trimmed).
    ///
    /// Fixed layouts (`yyyy-MM-dd`, `dd.MM.yyyy`, ...) are read inline with
    /// unrolled digit pairs; any text they do not read goes the full way,
    /// which also names what is wrong.
    @inline(__always)
    public func parse(_ field: UnsafeBufferPointer<UInt8>) throws(ValueParseError) -> CalendarDate {
        if let f = fixed, let dayNumber = fixedDayNumber(field, f) { return CalendarDate(dayNumber: dayNumber) }
        return try parseByPattern(field)
    }

    /// The day number of a field in the fixed layout `f`, or nil (not matching, or no such date).
    @inline(__always)
    private func fixedDayNumber(_ field: UnsafeBufferPointer<UInt8>, _ f: FixedLayout) -> Int? {
        guard let base = field.baseAddress else { return nil }
        var lo = 0, hi = field.count
        while lo < hi && base[lo] == 0x20 { lo &+= 1 }
        while hi > lo && base[hi &- 1] == 0x20 { hi &-= 1 }
        let p = base + lo
        guard hi &- lo == f.length, f.literalAt.0 < 0 || p[f.literalAt.0] == f.literal.0,
              f.literalAt.1 < 0 || p[f.literalAt.1] == f.literal.1,
              let y = f.yearDigits == 4 ? DateParser.fourDigits(p, f.year) : DateParser.twoDigits(p, f.year),
              let m = DateParser.twoDigits(p, f.month), let d = DateParser.twoDigits(p, f.day) else { return nil }
        return DateParser.dayNumber(year: f.yearDigits == 2 ? fullYear(y) : y, month: m, day: d)
    }

    @inline(never)
    func parseByPattern(_ field: UnsafeBufferPointer<UInt8>) throws(ValueParseError) -> CalendarDate {
        let text = FieldText.trimmed(field)
        guard let p = text.baseAddress, text.count > 0 else { throw ValueParseError(field, "empty date") }
        let n = text.count
        var i = 0
        var year = 0, month = 0, day = 0
        for token in tokens {
            switch token {
            case .literal(let c):
                guard i < n && p[i] == c else { throw mismatch(field) }
                i += 1
            case .year(let digits):
                guard let v = DateParser.number(p, &i, n, min: digits, max: digits) else { throw mismatch(field) }
                year = digits == 2 ? fullYear(v) : v
            case .month(let minDigits):
                guard let v = DateParser.number(p, &i, n, min: minDigits, max: 2) else { throw mismatch(field) }
                month = v
            case .day(let minDigits):
                guard let v = DateParser.number(p, &i, n, min: minDigits, max: 2) else { throw mismatch(field) }
                day = v
            }
        }
        guard i == n else { throw mismatch(field) }
        return try validDate(field, year: year, month: month, day: day)
    }

    /// The year of two digits `v` in the 100 years from the pivot.
    private func fullYear(_ v: Int) -> Int {
        guard let pivot = twoDigitYearPivot else { return v }
        let year = pivot - pivot % 100 + v
        return year < pivot ? year + 100 : year
    }

    /// Two ASCII digits at `p[at]`, unrolled (the fixed layouts' fast path), or nil.
    @inline(__always)
    private static func twoDigits(_ p: UnsafePointer<UInt8>, _ at: Int) -> Int? {
        let a = p[at] &- 48, b = p[at &+ 1] &- 48
        return a < 10 && b < 10 ? Int(a) &* 10 &+ Int(b) : nil
    }

    @inline(__always)
    private static func fourDigits(_ p: UnsafePointer<UInt8>, _ at: Int) -> Int? {
        guard let high = twoDigits(p, at), let low = twoDigits(p, at &+ 2) else { return nil }
        return high &* 100 &+ low
    }

    @inline(__always)
    private func validDate(_ field: UnsafeBufferPointer<UInt8>, year: Int, month: Int, day: Int)
        throws(ValueParseError) -> CalendarDate {
        if let dayNumber = DateParser.dayNumber(year: year, month: month, day: day) { return CalendarDate(dayNumber: dayNumber) }
        throw invalidDate(field, year: year, month: month, day: day)
    }

    /// Why `year-month-day` is no date (kept out of line: the hot path never builds it).
    @inline(never)
    private func invalidDate(_ field: UnsafeBufferPointer<UInt8>, year: Int, month: Int, day: Int) -> ValueParseError {
        if !(1...12).contains(month) { return ValueParseError(field, "no month \(month)") }
        if year == 0 { return ValueParseError(field, "no year 0") }
        return ValueParseError(field, "no such date: \(CalendarDate.monthName(month)) \(year) has "
                               + "\(CalendarDate.daysIn(year: year, month: month)) days")
    }

    /// Days since 1970-01-01 of an existing date in years 1…9999, else nil: the same
    /// Hinnant `days_from_civil` as `CalendarDate.init(year:month:day:)`, inlined here
    /// because it runs twice per invoice row (tested equal over four centuries).
    @inline(__always)
    static func dayNumber(year: Int, month: Int, day: Int) -> Int? {
        guard year >= 1, year <= 9999, month >= 1, month <= 12, day >= 1 else { return nil }
        let leap = year & 3 == 0 && (year % 100 != 0 || year % 400 == 0)
        // Days in month, two bits per month above 28 (Jan…Dec: 3,0,3,2,3,2,3,3,2,3,2,3).
        let extra = (0b11_10_11_10_11_11_10_11_10_11_00_11 >> (2 &* (month &- 1))) & 3
        guard day <= 28 &+ extra &+ (month == 2 && leap ? 1 : 0) else { return nil }
        let y = month <= 2 ? year &- 1 : year
        let era = y / 400
        let yoe = y &- era &* 400
        let mp = month > 2 ? month &- 3 : month &+ 9
        let doy = (153 &* mp &+ 2) / 5 &+ day &- 1
        let doe = yoe &* 365 &+ yoe / 4 &- yoe / 100 &+ doy
        return era &* 146_097 &+ doe &- 719_468
    }

    private func mismatch(_ field: UnsafeBufferPointer<UInt8>) -> ValueParseError {
        ValueParseError(field, "does not match the date pattern \(pattern)")
    }

    /// Reads `min...max` ASCII digits greedily; nil when fewer than `min`. A digit left over
    /// fails on the next literal or on the end-of-text check.
    @inline(__always)
    private static func number(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int, min: Int, max: Int) -> Int? {
        var v = 0, k = 0
        while k < max && i < n {
            let d = p[i] &- 48
            if d >= 10 { break }
            v = v * 10 + Int(d)
            k += 1
            i += 1
        }
        if k < min { return nil }
        return v
    }
}

extension CalendarDate {
    static func monthName(_ m: Int) -> String {
        let names = ["January", "February", "March", "April", "May", "June", "July",
                     "August", "September", "October", "November", "December"]
        return (1...12).contains(m) ? names[m - 1] : "month \(m)"
    }
}
