/// A calendar date in the business time zone: no time, no zone, no DST.
///
/// Stored as the day number since 1970-01-01 (proleptic Gregorian), so days
/// between dates are exact integer differences, never seconds / 86400
/// (DESIGN.md, conventions). Conversions use Hinnant's `days_from_civil`
/// and `civil_from_days` algorithms, valid for years 1…9999 here.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let dayNumber: Int

    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// The date `year-month-day`, or nil when it does not exist (31 February, month 13, year 0).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDate.daysIn(year: year, month: month) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        dayNumber = era * 146_097 + doe - 719_468
    }

    /// (year, month, day) of this date.
    public var components: (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        let w = (dayNumber + 3) % 7   // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The date `n` days later (earlier for negative `n`).
    public func adding(days n: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + n) }

    /// The same day `n` months later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb).
    public func adding(months n: Int) -> CalendarDate {
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + n
        let ny = total / 12, nm = total % 12 + 1
        return CalendarDate(year: ny, month: nm, day: min(d, CalendarDate.daysIn(year: ny, month: nm)))!
    }

    /// Calendar days from `self` to `other` (positive when `other` is later).
    public func days(to other: CalendarDate) -> Int { other.dayNumber - dayNumber }

    /// The first day of this date's month.
    public var startOfMonth: CalendarDate { CalendarDate(dayNumber: dayNumber - day + 1) }

    /// The last day of this date's month.
    public var endOfMonth: CalendarDate {
        let (y, m, d) = components
        return CalendarDate(dayNumber: dayNumber - d + CalendarDate.daysIn(year: y, month: m))
    }

    /// The ISO form `yyyy-MM-dd`.
    public var description: String {
        let (y, m, d) = components
        return String(y).leftPadded(4) + "-" + String(m).leftPadded(2) + "-" + String(d).leftPadded(2)
    }

    /// Calls `body` with the ISO form's 10 bytes, without allocating a `String`.
    public func withISOBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let (y, m, d) = components
        let bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
            UInt8(48 + y / 1000 % 10), UInt8(48 + y / 100 % 10), UInt8(48 + y / 10 % 10), UInt8(48 + y % 10), 45,
            UInt8(48 + m / 10), UInt8(48 + m % 10), 45, UInt8(48 + d / 10), UInt8(48 + d % 10))
        return try withUnsafeBytes(of: bytes) { raw in
            try body(raw.bindMemory(to: UInt8.self))
        }
    }

    /// Parses exactly `yyyy-MM-dd` (four, two and two digits); nil otherwise.
    public init?(iso text: some StringProtocol) {
        var copy = String(text)
        guard let date = copy.withUTF8({ CalendarDate(iso: $0) }) else { return nil }
        self = date
    }

    /// Parses exactly `yyyy-MM-dd` from UTF-8 bytes; nil otherwise.
    public init?(iso u: UnsafeBufferPointer<UInt8>) {
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for k in r {
                guard u[k] >= 48 && u[k] <= 57 else { return nil }
                v = v * 10 + Int(u[k] - 48)
            }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.dayNumber < b.dayNumber }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let d = CalendarDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "expected a date yyyy-MM-dd, got \"\(text)\""))
        }
        self = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
