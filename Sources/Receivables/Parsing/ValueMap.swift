/// Maps a column's codes onto canonical values (`Yes`/`No` → `true`/`false`,
/// `Paper`/`Electronic` → a channel), from bytes, without a `String` per field.
///
/// Case-insensitive matching folds ASCII letters only; other characters
/// must match exactly. Surrounding ASCII spaces are trimmed. An unknown code
/// is an error that lists the allowed ones. The lookup is non-generic
/// (`CodeTable`); only the final `values[k]` is generic and inlinable, so
/// callers in other modules get a specialised, metadata-free path.
public struct ValueMap<Value: Sendable & Hashable>: Sendable, Hashable {
    @usableFromInline let table: CodeTable
    @usableFromInline let values: [Value]

    /// Throws when two codes are the same (after case folding when insensitive) or a code is empty.
    public init(_ mapping: [(code: String, value: Value)], caseSensitive: Bool = true) throws(ParserConfigurationError) {
        table = try CodeTable(mapping.map(\.code), caseSensitive: caseSensitive)
        values = mapping.map(\.value)
    }

    public var caseSensitive: Bool { table.caseSensitive }
    /// The codes in the order given.
    public var codes: [String] { table.codes }

    public func parse(_ text: String) throws(ValueParseError) -> Value {
        try FieldText.withBytes(text) { (b) throws(ValueParseError) in try parse(b) }
    }

    @inlinable
    public func parse(_ field: UnsafeBufferPointer<UInt8>) throws(ValueParseError) -> Value {
        values[try table.index(of: field)]
    }
}

/// The code lookup behind `ValueMap`: codes as bytes (ASCII-folded when
/// case-insensitive); when every code has at most 16 bytes each is also held
/// as two zero-padded little-endian words and compared whole.
@usableFromInline
struct CodeTable: Sendable, Hashable {
    struct PackedKey: Sendable, Hashable {
        var low: UInt64, high: UInt64, length: Int
    }

    let caseSensitive: Bool
    let codes: [String]
    let keys: [[UInt8]]
    let packed: [PackedKey]

    init(_ codes: [String], caseSensitive: Bool) throws(ParserConfigurationError) {
        var keys: [[UInt8]] = []
        for code in codes {
            let key = caseSensitive ? Array(code.utf8) : Array(code.utf8).map(CodeTable.fold)
            guard !key.isEmpty else { throw ParserConfigurationError("value map: empty code") }
            guard !keys.contains(key) else { throw ParserConfigurationError("value map: code \"\(code)\" given twice") }
            keys.append(key)
        }
        self.caseSensitive = caseSensitive
        self.codes = codes
        self.keys = keys
        self.packed = keys.allSatisfy { $0.count <= 16 }
            ? keys.map { k in k.withUnsafeBufferPointer { CodeTable.pack($0, fold: false) } } : []
    }

    /// The index of the code matching `field` (trimmed).
    @usableFromInline
    func index(of field: UnsafeBufferPointer<UInt8>) throws(ValueParseError) -> Int {
        let text = FieldText.trimmed(field)
        let fold = !caseSensitive
        if !packed.isEmpty {
            if text.count <= 16 {
                let t = CodeTable.pack(text, fold: fold)
                for k in packed.indices where packed[k] == t { return k }
            }
            throw unknown(field)
        }
        for (k, key) in keys.enumerated() where key.count == text.count {
            var j = 0
            while j < text.count && (fold ? CodeTable.fold(text[j]) : text[j]) == key[j] { j += 1 }
            if j == text.count { return k }
        }
        throw unknown(field)
    }

    private func unknown(_ field: UnsafeBufferPointer<UInt8>) -> ValueParseError {
        let allowed = codes.map { "\"\($0)\"" }.joined(separator: ", ")
        return ValueParseError(field, "unknown value; allowed: \(allowed)" + (caseSensitive ? "" : " (any case)"))
    }

    /// `bytes` (at most 16) as two zero-padded words, ASCII letters folded if asked.
    @inline(__always)
    static func pack(_ bytes: UnsafeBufferPointer<UInt8>, fold: Bool) -> PackedKey {
        guard let base = bytes.baseAddress else { return PackedKey(low: 0, high: 0, length: 0) }
        let p = UnsafeRawPointer(base), n = bytes.count
        var low = n >= 8 ? p.loadUnaligned(as: UInt64.self) : partialWord(p, n)
        var high = n > 8 ? partialWord(p + 8, n - 8) : 0
        if fold {
            low = foldWord(low)
            high = foldWord(high)
        }
        return PackedKey(low: low, high: high, length: n)
    }

    /// One of 2^`bits` slots for a packed key's two words: the index of the ingest's
    /// direct-mapped memos (`DateMemo`, `MonthMemo`), from the top bits of a
    /// multiplicative mix.
    @inline(__always)
    static func slot(low: UInt64, high: UInt64, bits: Int) -> Int {
        let h = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: h >> UInt64(64 - bits))
    }

    /// `pack(bytes, fold: false)` for bytes followed by readable memory: two whole-word
    /// loads masked to the length, no branch on it. Only for a `CSVRecord` field (its
    /// reader keeps at least 16 readable bytes after any field; see
    /// `CSVReader.allocateBuffer`) of at most 16 bytes.
    @inline(__always)
    static func packPadded(_ bytes: UnsafeBufferPointer<UInt8>) -> PackedKey {
        guard let base = bytes.baseAddress else { return PackedKey(low: 0, high: 0, length: 0) }
        let p = UnsafeRawPointer(base), n = bytes.count
        let lowBits = UInt64(min(n, 8) &* 8), highBits = UInt64(max(n &- 8, 0) &* 8)
        let lowMask: UInt64 = lowBits == 64 ? ~0 : ~(~0 &<< lowBits)
        let highMask: UInt64 = highBits == 64 ? ~0 : ~(~0 &<< highBits)
        return PackedKey(low: p.loadUnaligned(as: UInt64.self) & lowMask,
                         high: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self) & highMask, length: n)
    }

    /// The `n` (0…8) bytes at `p` as one zero-padded word, from at most two
    /// overlapping loads (no byte loop, no store-to-load stall).
    @inline(__always)
    static func partialWord(_ p: UnsafeRawPointer, _ n: Int) -> UInt64 {
        if n >= 4 {
            let a = UInt64(p.loadUnaligned(as: UInt32.self))
            let b = UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
            return n == 8 ? a | b << 32 : a | b << UInt64(8 * (n - 4))
        }
        if n >= 2 {
            let a = UInt64(p.loadUnaligned(as: UInt16.self))
            let b = UInt64(p.loadUnaligned(fromByteOffset: n - 2, as: UInt16.self))
            return a | b << UInt64(8 * (n - 2))
        }
        return n == 1 ? UInt64(p.load(as: UInt8.self)) : 0
    }

    /// ASCII `A`…`Z` to lower case in all eight bytes at once; bytes ≥ 0x80 unchanged.
    /// Per byte, `h + (0x80 - c)` sets the high bit when the low seven bits `h` are ≥ `c`
    /// (no carry crosses bytes since `h ≤ 0x7F`).
    @inline(__always)
    static func foldWord(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let h = w & (0x7F &* ones)
        let atLeastA = h &+ ((0x80 - 0x41) &* ones)
        let aboveZ = h &+ ((0x80 - 0x5B) &* ones)
        let upper = atLeastA & ~aboveZ & ~w & (0x80 &* ones)
        return w | (upper >> 2)
    }

    @inline(__always)
    static func fold(_ b: UInt8) -> UInt8 {
        b >= 65 && b <= 90 ? b + 32 : b
    }

    @usableFromInline static func == (a: CodeTable, b: CodeTable) -> Bool {
        a.caseSensitive == b.caseSensitive && a.keys == b.keys
    }

    @usableFromInline func hash(into h: inout Hasher) {
        h.combine(caseSensitive)
        h.combine(keys)
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
