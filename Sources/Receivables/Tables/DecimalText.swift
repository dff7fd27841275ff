/// The number grammar of `DataTableReader`'s type inference, parsed from
/// field bytes without making a `String`.
///
/// Grammar (the field already trimmed of surrounding ASCII spaces):
///
///     number   = [sign] mantissa [exponent]          sign = "+" | "-"
///     mantissa = digit+ ["." digit*] | "." digit+
///     exponent = ("e" | "E") [sign] digit+
///
/// No hexadecimal (`0x1p3`), no thousands separators (`1,234`), no decimal
/// comma, no `inf`/`nan` spelled as numbers (those are `nonFiniteToken`, a
/// separate and explicit list), no surrounding text. Leading zeros are
/// allowed (`007` is 7; force such a column categorical to keep the text).
///
/// Values are correctly rounded: up to 19 digits (leading zeros counted) with a
/// mantissa ≤ 2^53 and a decimal exponent within ±22 take Clinger's exact
/// fast path (one correctly rounded multiply or divide of two exact doubles);
/// anything else goes through the standard library's `Double(_:)`, which is
/// correctly rounded. A value beyond the double range becomes ±inf (`1e309`)
/// and is kept, so the estimator rejects it naming column and row; one below
/// it becomes ±0.
enum DecimalText {
    /// Powers of ten exactly representable as `Double` (10^0 … 10^22).
    private static let exactPowers: [Double] = (0...22).map { k in
        var p = 1.0
        for _ in 0..<k { p *= 10 }
        return p
    }

    /// The value of `b` when it matches the grammar, else nil. One pass over
    /// the bytes, kept in one function: it runs once per numeric field.
    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let p = b.baseAddress, b.count > 0 else { return nil }
        let n = b.count
        var i = 0
        var negative = false
        if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
            negative = p[0] == UInt8(ascii: "-")
            i = 1
        }
        // Mantissa digits, leading zeros included; more than 19 leave the fast path.
        var mantissa: UInt64 = 0
        let integerStart = i
        while i < n, p[i] &- 48 < 10 {
            mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48)
            i += 1
        }
        var digits = i - integerStart
        var exponent = 0
        if i < n && p[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < n, p[i] &- 48 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48)
                i += 1
            }
            digits += i - fractionStart
            exponent = fractionStart - i
        }
        guard digits > 0 else { return nil }
        if i < n {
            guard p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") else { return nil }
            i += 1
            var expNegative = false
            if i < n && (p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+")) {
                expNegative = p[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < n else { return nil }
            var e = 0
            while i < n {
                let c = p[i]
                guard c &- 48 < 10 else { return nil }
                if e < 100_000 { e = e &* 10 &+ Int(c &- 48) }
                i += 1
            }
            exponent += expNegative ? -e : e
        }
        if digits <= 19 && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            let m = Double(mantissa)
            let v = exponent < 0 ? m / exactPowers[-exponent] : m * exactPowers[exponent]
            return negative ? -v : v
        }
        return slowPath(b)
    }

    /// The standard library's correctly rounded conversion, for the rare long or
    /// extreme values (it gives ±inf past the range, ±0 below it).
    private static func slowPath(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        Double(String(decoding: b, as: UTF8.self))
    }

    /// The value of a non-finite token: `nan` (any case, optional sign) is NaN,
    /// `inf` or `infinity` (any case, optional sign) is ±inf; nil otherwise.
    /// Covers Python's `nan`/`inf`, R's `NaN`/`Inf`, Java's `Infinity`.
    static func nonFiniteToken(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let p = b.baseAddress, b.count >= 3, b.count <= 9 else { return nil }
        var i = 0
        var negative = false
        if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
            negative = p[0] == UInt8(ascii: "-")
            i = 1
        }
        var word: [UInt8] = []
        while i < b.count {
            word.append(p[i] | 0x20)  // ASCII lower case; other bytes cannot spell the words below
            i += 1
        }
        if word == Array("nan".utf8) { return .nan }
        if word == Array("inf".utf8) || word == Array("infinity".utf8) { return negative ? -.infinity : .infinity }
        return nil
    }

    /// Whether `b` (trimmed) is a missing-value token: empty or `NA`.
    @inline(__always)
    static func isMissing(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.count == 0 || (b.count == 2 && b[0] == UInt8(ascii: "N") && b[1] == UInt8(ascii: "A"))
    }
}
