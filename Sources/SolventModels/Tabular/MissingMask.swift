/// Which rows of a column are missing, one bit per row.
///
/// A bit set (64 rows per `UInt64` word) rather than `[Bool]`: 125 KB per
/// million rows instead of 1 MB, and `missingCount` is kept so a column
/// without missing values is recognised in O(1) (the design builder then
/// copies its values straight through). Bits past `rowCount` are always 0,
/// so the synthesized `Hashable` compares masks by their rows.
public struct MissingMask: Sendable, Hashable {
    /// Rows covered by the mask.
    public private(set) var rowCount: Int
    /// Rows marked missing.
    public private(set) var missingCount: Int
    @usableFromInline var words: [UInt64]

    /// A mask of `rowCount` rows, none missing.
    public init(rowCount: Int = 0) {
        precondition(rowCount >= 0, "MissingMask(rowCount: \(rowCount)): must be ≥ 0")
        self.rowCount = rowCount
        missingCount = 0
        words = [UInt64](repeating: 0, count: (rowCount + 63) >> 6)
    }

    /// A mask from one flag per row (`true` = missing).
    public init(_ flags: [Bool]) {
        self.init(rowCount: flags.count)
        for (row, flag) in flags.enumerated() where flag { setMissing(row) }
    }

    /// Whether `row` is missing.
    @inlinable
    public subscript(row: Int) -> Bool {
        precondition(row >= 0 && row < rowCount, "row \(row) out of range 0..<\(rowCount)")
        return words[row >> 6] & (1 << UInt64(row & 63)) != 0
    }

    /// Whether any row is missing.
    public var hasMissing: Bool { missingCount > 0 }

    /// The first missing row, or nil.
    public var firstMissing: Int? {
        guard missingCount > 0 else { return nil }
        for (w, word) in words.enumerated() where word != 0 {
            return (w << 6) + word.trailingZeroBitCount
        }
        return nil
    }

    /// Marks `row` missing (no effect when it already is).
    public mutating func setMissing(_ row: Int) {
        precondition(row >= 0 && row < rowCount, "row \(row) out of range 0..<\(rowCount)")
        let bit: UInt64 = 1 << UInt64(row & 63)
        if words[row >> 6] & bit == 0 {
            words[row >> 6] |= bit
            missingCount += 1
        }
    }

    /// Adds one row at the end, missing or not (for readers that build a column row by row).
    public mutating func append(missing: Bool) {
        if rowCount & 63 == 0 { words.append(0) }
        let row = rowCount
        rowCount += 1
        if missing {
            words[row >> 6] |= 1 << UInt64(row & 63)
            missingCount += 1
        }
    }

    /// Reserves room for `rows` rows in total.
    public mutating func reserveCapacity(_ rows: Int) {
        words.reserveCapacity((rows + 63) >> 6)
    }

    /// The mask of the rows `indices`, in that order (indices must be in range).
    func selecting(rows indices: [Int]) -> MissingMask {
        var out = MissingMask(rowCount: indices.count)
        guard missingCount > 0 else { return out }
        for (i, row) in indices.enumerated() where self[row] { out.setMissing(i) }
        return out
    }
}
