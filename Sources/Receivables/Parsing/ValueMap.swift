/// Maps a column's codes onto canonical values (`Yes`/`No` → `true`/`false`,
/// `Paper`/`Electronic` → a channel), from bytes, without a `String` per field.
///
/// Case-insensitive matching folds ASCII letters only; other characters
/// must match exactly. Surrounding ASCII spaces are trimmed. An unknown code
/// is an error that lists the allowed ones.
public struct ValueMap<Value: Sendable & Hashable>: Sendable, Hashable {
    public let caseSensitive: Bool
    /// The codes in the order given.
    public let codes: [String]
    let keys: [[UInt8]]
    let values: [Value]

    /// Throws when two codes are the same (after case folding when insensitive) or a code is empty.
    public init(_ mapping: [(code: String, value: Value)], caseSensitive: Bool = true) throws(ParserConfigurationError) {
        var keys: [[UInt8]] = []
        for (code, _) in mapping {
            let key = caseSensitive ? Array(code.utf8) : Array(code.utf8).map(ValueMap.fold)
            guard !key.isEmpty else { throw ParserConfigurationError("value map: empty code") }
            guard !keys.contains(key) else { throw ParserConfigurationError("value map: code \"\(code)\" given twice") }
            keys.append(key)
        }
        self.caseSensitive = caseSensitive
        self.codes = mapping.map(\.code)
        self.keys = keys
        self.values = mapping.map(\.value)
    }

    public func parse(_ text: String) throws(ValueParseError) -> Value {
        try FieldText.withBytes(text) { (b) throws(ValueParseError) in try parse(b) }
    }

    public func parse(_ field: UnsafeBufferPointer<UInt8>) throws(ValueParseError) -> Value {
        let text = FieldText.trimmed(field)
        for (k, key) in keys.enumerated() where key.count == text.count {
            var equal = true
            for j in 0..<key.count {
                let b = caseSensitive ? text[j] : ValueMap.fold(text[j])
                if b != key[j] { equal = false; break }
            }
            if equal { return values[k] }
        }
        let allowed = codes.map { "\"\($0)\"" }.joined(separator: ", ")
        throw ValueParseError(field, "unknown value; allowed: \(allowed)" + (caseSensitive ? "" : " (any case)"))
    }

    @inline(__always)
    static func fold(_ b: UInt8) -> UInt8 {
        b >= 65 && b <= 90 ? b + 32 : b
    }

    public static func == (a: ValueMap, b: ValueMap) -> Bool {
        a.caseSensitive == b.caseSensitive && a.keys == b.keys && a.values == b.values
    }

    public func hash(into h: inout Hasher) {
        h.combine(caseSensitive)
        h.combine(keys)
        h.combine(values)
    }
}

/// Boolean columns: a `ValueMap<Bool>` from the source's spellings.
public enum BooleanParser {
    /// `true`/`false`, `yes`/`no`, `y`/`n`, `1`/`0`, any case.
    public static let standard: ValueMap<Bool> = {
        let pairs: [(code: String, value: Bool)] = [("true", true), ("false", false), ("yes", true), ("no", false),
                                                   ("y", true), ("n", false), ("1", true), ("0", false)]
        do { return try ValueMap(pairs, caseSensitive: false) } catch { preconditionFailure("\(error)") }
    }()

    /// A map from the given spellings.
    public static func make(true trueCodes: [String], false falseCodes: [String],
                            caseSensitive: Bool = false) throws(ParserConfigurationError) -> ValueMap<Bool> {
        try ValueMap(trueCodes.map { ($0, true) } + falseCodes.map { ($0, false) }, caseSensitive: caseSensitive)
    }
}
