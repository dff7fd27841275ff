/// Why a typed parser rejected a field's text. The reader's
/// `CSVReader.error(_:field:of:)` adds `file:line:column` and the column name.
public struct ValueParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rejected text (at most 64 characters, longer text is cut with `…`).
    public let value: String
    /// What is wrong, in words ("exponent not allowed", "no such date: …").
    public let reason: String

    public init(value: String, reason: String) {
        self.value = value.count > 64 ? String(value.prefix(64)) + "…" : value
        self.reason = reason
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>, _ reason: String) {
        self.init(value: String(decoding: bytes, as: UTF8.self), reason: reason)
    }

    public var description: String { "\"\(value)\": \(reason)" }
}

/// Text helpers shared by the parsers.
enum FieldText {
    /// `bytes` without leading and trailing ASCII spaces (0x20).
    ///
    /// The rule for typed columns (amounts, dates, booleans, codes): surrounding
    /// spaces are not part of the value, quoted or not. Identifier columns keep
    /// their text exactly, leading zeros and spaces included.
    @inline(__always)
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let base = bytes.baseAddress else { return bytes }
        var lo = 0, hi = bytes.count
        while lo < hi && base[lo] == 0x20 { lo += 1 }
        while hi > lo && base[hi - 1] == 0x20 { hi -= 1 }
        return UnsafeBufferPointer(start: base + lo, count: hi - lo)
    }

    /// Runs `body` on the UTF-8 bytes of `text`.
    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws(ValueParseError) -> R)
        throws(ValueParseError) -> R {
        var copy = text
        let result = copy.withUTF8 { bytes in
            Result { () throws(ValueParseError) -> R in try body(bytes) }
        }
        return try result.get()
    }
}
