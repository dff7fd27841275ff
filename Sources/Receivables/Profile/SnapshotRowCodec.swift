/// The snapshot encoding of one profile row: a JSON array in catalogue order
/// of numbers (shortest round-trip form), `null` (missing) and strings.
///
/// Decoding is done here rather than by `JSONSerialization`, which on Linux
/// rounds some doubles in the last digit: `Double(String)` is correctly
/// rounded, so a stored row reads back bit-identical.
enum SnapshotRowCodec {
    static func encode(_ table: ProfileTable, row r: Int) -> String {
        var text = ""
        encode(table, row: r, into: &text)
        return text
    }

    /// The row's values as a JSON array, replacing `text` (a buffer reused from row to row:
    /// no string per value, a profile stores ten thousand rows and more).
    static func encode(_ table: ProfileTable, row r: Int, into text: inout String) {
        text.removeAll(keepingCapacity: true)
        text += "["
        for (c, column) in table.columns.enumerated() {
            if c > 0 { text += "," }
            column.appendJSON(row: r, to: &text)
        }
        text += "]"
    }

    /// The values of one encoded row, or nil when it is not such an array.
    static func decode(_ text: String) -> [ProfileValue]? {
        var parser = Parser(bytes: Array(text.utf8))
        return parser.array()
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func array() -> [ProfileValue]? {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return nil }
            i += 1
            var out: [ProfileValue] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return out }
            while true {
                skipSpace()
                guard let v = value() else { return nil }
                out.append(v)
                skipSpace()
                guard i < bytes.count else { return nil }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                guard bytes[i] == UInt8(ascii: "]") else { return nil }
                i += 1
                skipSpace()
                return i == bytes.count ? out : nil
            }
        }

        mutating func value() -> ProfileValue? {
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "n"):
                guard bytes[i...].starts(with: "null".utf8) else { return nil }
                i += 4
                return .missing
            case UInt8(ascii: "\""):
                return string().map(ProfileValue.text)
            default:
                let start = i
                while i < bytes.count, "-+.eE0123456789".utf8.contains(bytes[i]) { i += 1 }
                guard let x = Double(String(decoding: bytes[start..<i], as: UTF8.self)), x.isFinite else { return nil }
                return .number(x)
            }
        }

        mutating func string() -> String? {
            i += 1
            var run = i
            var out = ""
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    out += String(decoding: bytes[run..<i], as: UTF8.self)
                    i += 1
                    return out
                }
                guard b == UInt8(ascii: "\\") else { i += 1; continue }
                out += String(decoding: bytes[run..<i], as: UTF8.self)
                i += 1
                guard i < bytes.count, let scalar = escape() else { return nil }
                out.unicodeScalars.append(scalar)
                run = i
            }
            return nil
        }

        /// The escape after a backslash; `i` moves past it.
        mutating func escape() -> Unicode.Scalar? {
            let c = bytes[i]
            i += 1
            switch c {
            case UInt8(ascii: "\""): return "\""
            case UInt8(ascii: "\\"): return "\\"
            case UInt8(ascii: "/"): return "/"
            case UInt8(ascii: "b"): return "\u{08}"
            case UInt8(ascii: "f"): return "\u{0C}"
            case UInt8(ascii: "n"): return "\n"
            case UInt8(ascii: "r"): return "\r"
            case UInt8(ascii: "t"): return "\t"
            case UInt8(ascii: "u"):
                guard let high = hex4() else { return nil }
                if (0xD800..<0xDC00).contains(high) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { return nil }
                    i += 2
                    guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                    return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                }
                return Unicode.Scalar(high)
            default: return nil
            }
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else { return nil }
            i += 4
            return v
        }
    }
}
