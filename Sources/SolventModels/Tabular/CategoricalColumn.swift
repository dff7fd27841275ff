/// A text column, dictionary-encoded: one code per row into `levels`.
///
/// Built from `[String?]` (or an array literal) and read back through the
/// subscript or `values`; stored as codes because a million rows of a few
/// distinct codes then take 4 MB instead of 16 MB of `String?`, selecting rows
/// copies integers, and the design builder maps each level once instead of
/// hashing a string per row.
///
/// `levels` are distinct (Swift `String` equality, i.e. canonical
/// equivalence), in order of first appearance; a level need not occur in the
/// rows (after `selecting(rows:)` it may not, as R's factors keep their
/// levels): `DesignSpecification(fitting:)` takes only the levels present.
/// Equality compares the rows' values, not the codes.
public struct CategoricalColumn: Sendable, Equatable, ExpressibleByArrayLiteral {
    /// The code of a missing row.
    public static let missingCode: UInt32 = .max

    /// One code per row: an index into `levels`, or `missingCode`.
    public let codes: [UInt32]
    /// The distinct values.
    public let levels: [String]

    /// A column from values (`nil` = missing).
    ///
    /// Values that are all present, ASCII and strictly increasing (an exported
    /// identifier column, say) become their own levels without hashing: a
    /// million-entry dictionary costs far more than the one pass that checks this.
    public init(_ values: [String?]) {
        if let distinct = Self.increasingASCII(values) {
            codes = (0..<UInt32(distinct.count)).map { $0 }
            levels = distinct
            return
        }
        var index: [String: UInt32] = [:]
        var levels: [String] = []
        var codes = [UInt32]()
        codes.reserveCapacity(values.count)
        for v in values {
            guard let v else { codes.append(Self.missingCode); continue }
            if let c = index[v] {
                codes.append(c)
            } else {
                let c = UInt32(levels.count)
                index[v] = c
                levels.append(v)
                codes.append(c)
            }
        }
        self.codes = codes
        self.levels = levels
    }

    /// A column from codes and distinct levels; throws when a code is out of
    /// range, levels repeat, or there are `UInt32.max` levels or more.
    public init(codes: [UInt32], levels: [String]) throws(ModelError) {
        guard levels.count < Int(Self.missingCode) else {
            throw .invalidArgument("a categorical column has \(levels.count) levels, more than \(Self.missingCode - 1)")
        }
        var seen = Set<String>()
        for level in levels where !seen.insert(level).inserted {
            throw .invalidArgument("categorical level '\(level)' is listed twice")
        }
        let n = UInt32(levels.count)
        if let row = codes.firstIndex(where: { $0 >= n && $0 != Self.missingCode }) {
            throw .invalidArgument("categorical code \(codes[row]) at row \(row + 1) is not below the \(n) levels")
        }
        self.codes = codes
        self.levels = levels
    }

    /// The values when all are present, ASCII and strictly increasing by bytes (so distinct), else nil.
    private static func increasingASCII(_ values: [String?]) -> [String]? {
        var out: [String] = []
        out.reserveCapacity(values.count)
        var previous: [UInt8] = []
        for v in values {
            guard var v else { return nil }
            let ok = v.withUTF8 { bytes -> Bool in
                guard bytes.allSatisfy({ $0 < 0x80 }), out.isEmpty || previous.lexicographicallyPrecedes(bytes) else {
                    return false
                }
                previous.removeAll(keepingCapacity: true)
                previous.append(contentsOf: bytes)
                return true
            }
            guard ok else { return nil }
            out.append(v)
        }
        return out
    }

    public init(arrayLiteral elements: String?...) {
        self.init(elements)
    }

    init(uncheckedCodes codes: [UInt32], levels: [String]) {
        self.codes = codes
        self.levels = levels
    }

    /// Rows.
    public var count: Int { codes.count }

    /// The value at `row`, or nil when it is missing.
    public subscript(row: Int) -> String? {
        let c = codes[row]
        return c == Self.missingCode ? nil : levels[Int(c)]
    }

    /// Every row's value (copies; for small tables and tests).
    public var values: [String?] { (0..<count).map { self[$0] } }

    /// Whether any row is missing.
    public var hasMissing: Bool { codes.contains(Self.missingCode) }

    /// The rows `indices`, in that order (indices must be in range); the levels are kept.
    func selecting(rows indices: [Int]) -> CategoricalColumn {
        CategoricalColumn(uncheckedCodes: indices.map { codes[$0] }, levels: levels)
    }

    public static func == (a: CategoricalColumn, b: CategoricalColumn) -> Bool {
        guard a.count == b.count else { return false }
        // Map each of a's levels to b's code for the same text (or none).
        var bIndex: [String: UInt32] = [:]
        for (c, level) in b.levels.enumerated() { bIndex[level] = UInt32(c) }
        let map = a.levels.map { bIndex[$0] }
        for (ca, cb) in zip(a.codes, b.codes) {
            if ca == Self.missingCode || cb == Self.missingCode {
                if ca != cb { return false }
            } else if map[Int(ca)] != cb {
                return false
            }
        }
        return true
    }
}

extension String {
    /// Byte-wise order of the UTF-8 encodings (code-point order, independent of
    /// locale and of Unicode normalisation): the order of categorical levels.
    static func utf8Precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in x.lexicographicallyPrecedes(y) } }
    }
}
