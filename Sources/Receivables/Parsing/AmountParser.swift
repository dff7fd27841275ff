/// Parses money amounts by an explicit grammar into exact minor units.
///
/// Grammar (after trimming surrounding ASCII spaces):
///
///     amount   = [sign] integer [decimal fraction]      sign = "-" | "+"
///     integer  = digit+ | digit{1,3} (group digit{3})+   fraction = digit{1,maxDecimals}
///
/// Grouping is optional, but where a grouping separator appears the first
/// group has 1–3 digits and every later group exactly 3. Digits are required
/// on both sides of the decimal separator (`.5` and `5.` are rejected). More
/// decimals than `maxDecimals` are an error, never rounded. `nan`, `inf`,
/// exponents (`1e309`), hexadecimal (`0x1p3`) and anything else that Swift's
/// `Double(_:)` accepts beyond this grammar are rejected with a reason.
/// Optionally (off by default) a trailing minus `12.50-` or parentheses
/// `(12.50)` mark a negative amount.
///
/// `1.234,56` is 1234.56 under `.dutch` and rejected under `.english`: the
/// two readings never silently swap.
public struct AmountParser: Sendable, Hashable {
    public enum DecimalSeparator: String, Sendable, Hashable, Codable {
        case point = ".", comma = ","
    }

    public enum GroupingSeparator: String, Sendable, Hashable, Codable {
        /// No grouping: `1234.56`.
        case none
        case point = ".", comma = ","
        /// An ASCII space, a no-break space U+00A0 or a narrow no-break space U+202F.
        case space = " "
        case apostrophe = "'"
    }

    public let decimalSeparator: DecimalSeparator
    public let groupingSeparator: GroupingSeparator
    /// Decimals allowed, and the scale of the result (2: cents).
    public let maxDecimals: Int
    public let allowsPlusSign: Bool
    public let allowsTrailingMinus: Bool
    public let allowsParentheses: Bool

    /// Throws when the separators coincide or `maxDecimals` is outside 0…18.
    public init(decimalSeparator: DecimalSeparator = .point, groupingSeparator: GroupingSeparator = .none,
                maxDecimals: Int = 2, allowsPlusSign: Bool = true,
                allowsTrailingMinus: Bool = false, allowsParentheses: Bool = false) throws(ParserConfigurationError) {
        guard decimalSeparator.rawValue != groupingSeparator.rawValue else {
            throw ParserConfigurationError("decimal and grouping separators are both \"\(decimalSeparator.rawValue)\"")
        }
        guard (0...18).contains(maxDecimals) else {
            throw ParserConfigurationError("maxDecimals \(maxDecimals) outside 0...18")
        }
        self.decimalSeparator = decimalSeparator
        self.groupingSeparator = groupingSeparator
        self.maxDecimals = maxDecimals
        self.allowsPlusSign = allowsPlusSign
        self.allowsTrailingMinus = allowsTrailingMinus
        self.allowsParentheses = allowsParentheses
    }

    /// `1234.56`, no grouping.
    public static let plain = AmountParser(uncheckedDecimal: .point, grouping: .none)
    /// `1,234.56` or `1234.56`.
    public static let english = AmountParser(uncheckedDecimal: .point, grouping: .comma)
    /// `1.234,56` or `1234,56` (Dutch, German).
    public static let dutch = AmountParser(uncheckedDecimal: .comma, grouping: .point)

    private init(uncheckedDecimal: DecimalSeparator, grouping: GroupingSeparator) {
        decimalSeparator = uncheckedDecimal
        groupingSeparator = grouping
        maxDecimals = 2
        allowsPlusSign = true
        allowsTrailingMinus = false
        allowsParentheses = false
    }

    /// Parses `text`.
    public func parse(_ text: String) throws(ValueParseError) -> ExactAmount {
        try FieldText.withBytes(text) { (b) throws(ValueParseError) in try parse(b) }
    }

    /// Parses the bytes of one field (a `CSVRecord` field view).
    @inline(__always)
    public func parse(_ field: UnsafeBufferPointer<UInt8>) throws(ValueParseError) -> ExactAmount {
        if let minorUnits = plainMinorUnits(field) { return ExactAmount(minorUnits: minorUnits, scale: maxDecimals) }
        return try parseByGrammar(field)
    }

    /// `parse(field)` for a field followed by at least 8 readable bytes (a `CSVRecord`
    /// field: its reader keeps 64 after any field). The commonest amount, `[-]d{1,8}.dd`
    /// with two decimals allowed, is read without a loop over its digits (whose varying
    /// count the branch predictor cannot guess); everything else goes to `parse`. Same result.
    @inline(__always)
    func parsePadded(_ field: UnsafeBufferPointer<UInt8>) throws(ValueParseError) -> ExactAmount {
        if let minorUnits = centsPadded(field) { return ExactAmount(minorUnits: minorUnits, scale: maxDecimals) }
        return try parse(field)
    }

    /// Minor units of `[-]d{1,8}<decimal>dd` when `maxDecimals` is 2, else nil. The integer
    /// digits are loaded as one word (bytes past them shifted out, ASCII zeros shifted in
    /// as leading digits), checked and converted eight at a time (SWAR: the check and the
    /// three multiply steps of simdjson's `parse_eight_digits_unrolled`).
    @inline(__always)
    private func centsPadded(_ field: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard maxDecimals == 2, let p = field.baseAddress else { return nil }
        let n = field.count
        let negative = n > 0 && p[0] == UInt8(ascii: "-")
        let i = negative ? 1 : 0, digits = n &- 3 &- i
        guard digits >= 1, digits <= 8,
              p[n &- 3] == (decimalSeparator == .point ? UInt8(ascii: ".") : UInt8(ascii: ",")) else { return nil }
        let c1 = p[n &- 2] &- 48, c2 = p[n &- 1] &- 48
        guard c1 < 10, c2 < 10 else { return nil }
        let raw = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
        let zeros: UInt64 = 0x3030_3030_3030_3030
        let w = raw << UInt64(8 &* (8 &- digits)) | zeros >> UInt64(8 &* digits)
        // Every byte in 0x30...0x39: high nibble 3, and adding 6 does not carry into it.
        guard (w & 0xF0F0_F0F0_F0F0_F0F0) | (((w &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4)
                == 0x3333_3333_3333_3333 else { return nil }
        var v = w & 0x0F0F_0F0F_0F0F_0F0F
        v = (v &* 2561) >> 8
        v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
        v = ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
        let cents = Int64(v) &* 100 &+ Int64(c1) &* 10 &+ Int64(c2)
        return negative ? -cents : cents
    }

    /// The usual shape, `[-]digits[<decimal>digits]` with at most 18 digits in all once
    /// scaled, read in one pass: a third of the time of the full grammar, which every
    /// other text (grouping, `+`, parentheses, errors) goes to. Same result where both apply.
    @inline(__always)
    private func plainMinorUnits(_ field: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let p = field.baseAddress else { return nil }
        var i = 0, n = field.count
        while i < n && p[i] == 0x20 { i &+= 1 }
        while n > i && p[n &- 1] == 0x20 { n &-= 1 }
        let negative = i < n && p[i] == UInt8(ascii: "-")
        if negative { i &+= 1 }
        let start = i
        var value: Int64 = 0
        while i < n, case let d = p[i] &- 48, d < 10 {
            value = value &* 10 &+ Int64(d)
            i &+= 1
        }
        let integerDigits = i &- start
        guard integerDigits > 0, integerDigits &+ maxDecimals <= 18 else { return nil }
        var decimals = 0
        if i < n {
            guard p[i] == (decimalSeparator == .point ? UInt8(ascii: ".") : UInt8(ascii: ",")) else { return nil }
            i &+= 1
            while i < n, case let d = p[i] &- 48, d < 10 {
                value = value &* 10 &+ Int64(d)
                i &+= 1
                decimals &+= 1
            }
            guard i == n, decimals > 0, decimals <= maxDecimals else { return nil }
        }
        while decimals < maxDecimals {
            value &*= 10
            decimals &+= 1
        }
        return negative ? -value : value
    }

    @inline(never)
    func parseByGrammar(_ field: UnsafeBufferPointer<UInt8>) throws(ValueParseError) -> ExactAmount {
        let text = FieldText.trimmed(field)
        guard let p = text.baseAddress, text.count > 0 else { throw ValueParseError(field, "empty amount") }
        var i = 0, n = text.count
        var negative = false
        if allowsParentheses && p[0] == UInt8(ascii: "(") {
            guard n >= 2 && p[n - 1] == UInt8(ascii: ")") else { throw ValueParseError(field, "unbalanced parenthesis") }
            negative = true
            i = 1
            n -= 1
        }
        if p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
            if negative { throw ValueParseError(field, "sign inside parentheses") }
            if p[i] == UInt8(ascii: "+") && !allowsPlusSign { throw ValueParseError(field, "plus sign not allowed") }
            negative = p[i] == UInt8(ascii: "-")
            i += 1
        } else if allowsTrailingMinus && !negative && n > 1 && p[n - 1] == UInt8(ascii: "-") {
            negative = true
            n -= 1
        }
        let decimal = UInt8(ascii: decimalSeparator == .point ? "." : ",")
        // Digits accumulate with wrapping arithmetic; `significant` counts digits from the
        // first non-zero one, and 19 of them always fit in UInt64 (10^19 - 1 < 2^64).
        var value: UInt64 = 0
        var significant = 0
        var digits = 0, group = 0, grouped = false
        // Integer part.
        while i < n {
            let c = p[i]
            let d = c &- 48
            if d < 10 {
                value = value &* 10 &+ UInt64(d)
                significant &+= significant != 0 || d != 0 ? 1 : 0
                digits += 1
                group += 1
                i += 1
            } else if c == decimal {
                break
            } else if let width = groupingWidth(p, i, n) {
                if digits == 0 { throw ValueParseError(field, "grouping separator before the first digit") }
                if grouped ? group != 3 : group > 3 {
                    throw ValueParseError(field, "digit groups must have 3 digits after the first group of 1 to 3")
                }
                grouped = true
                group = 0
                i += width
            } else {
                throw ValueParseError(field, unexpected(p, i, n, sawDigits: digits > 0))
            }
        }
        if digits == 0 {
            throw ValueParseError(field, i < n ? "no digits before the decimal separator" : "no digits")
        }
        if grouped && group != 3 {
            throw ValueParseError(field, "digit groups must have 3 digits after the first group of 1 to 3")
        }
        // Fraction.
        var decimals = 0
        if i < n {
            i += 1
            while i < n {
                let d = p[i] &- 48
                if d >= 10 {
                    if p[i] == decimal { throw ValueParseError(field, "more than one decimal separator") }
                    if groupingWidth(p, i, n) != nil { throw ValueParseError(field, "grouping separator in the decimals") }
                    throw ValueParseError(field, unexpected(p, i, n, sawDigits: true))
                }
                value = value &* 10 &+ UInt64(d)
                significant &+= significant != 0 || d != 0 ? 1 : 0
                decimals += 1
                i += 1
            }
            if decimals == 0 { throw ValueParseError(field, "no digits after the decimal separator") }
            if decimals > maxDecimals {
                throw ValueParseError(field, "more than \(maxDecimals) decimals (amounts are not rounded)")
            }
        }
        var overflow = significant > 19
        var k = decimals
        while k < maxDecimals {
            let (m, o) = value.multipliedReportingOverflow(by: 10)
            value = m
            overflow = overflow || o
            k += 1
        }
        guard !overflow, value <= UInt64(Int64.max) else {
            throw ValueParseError(field, "out of range (more than 9223372036854775807 minor units)")
        }
        return ExactAmount(minorUnits: negative ? -Int64(value) : Int64(value), scale: maxDecimals)
    }

    /// Bytes taken by a grouping separator at `p[i]`, or nil when there is none.
    @inline(__always)
    private func groupingWidth(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int? {
        let c = p[i]
        switch groupingSeparator {
        case .none: return nil
        case .point: return c == UInt8(ascii: ".") ? 1 : nil
        case .comma: return c == UInt8(ascii: ",") ? 1 : nil
        case .apostrophe: return c == UInt8(ascii: "'") ? 1 : nil
        case .space:
            if c == 0x20 { return 1 }
            if c == 0xC2 && i + 1 < n && p[i + 1] == 0xA0 { return 2 }
            if c == 0xE2 && i + 2 < n && p[i + 1] == 0x80 && p[i + 2] == 0xAF { return 3 }
            return nil
        }
    }

    /// Names what is wrong at `p[i]`, with the usual suspects called by their names.
    private func unexpected(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, sawDigits: Bool) -> String {
        let rest = String(decoding: UnsafeBufferPointer(start: p + i, count: n - i), as: UTF8.self).lowercased()
        if rest.hasPrefix("nan") { return "not a number (nan is not an amount)" }
        if rest.hasPrefix("inf") { return "infinity is not an amount" }
        if sawDigits && rest.hasPrefix("x") { return "hexadecimal is not allowed" }
        if sawDigits && rest.hasPrefix("e") { return "exponent is not allowed" }
        let c = rest.first.map { String($0) } ?? ""
        if c == "." || c == "," || c == " " || c == "'" {
            return "unexpected \"\(c)\" (decimal separator \"\(decimalSeparator.rawValue)\", "
                + "grouping \(groupingSeparator == .none ? "none" : "\"\(groupingSeparator.rawValue)\""))"
        }
        return "unexpected character \"\(c)\" at position \(i + 1)"
    }
}
