/// A contiguous slab of rows `range` of a column-major matrix, copied into its
/// own column-major buffer so BLAS can work on it with a small leading
/// dimension that stays in cache.
public struct RowBlock: Sendable {
    /// The rows of the parent matrix this block holds.
    public let range: Range<Int>
    /// The block's own `range.count × columns` matrix.
    public let matrix: Matrix
}

extension Matrix {
    /// Rows `range` as a new matrix.
    public func rows(_ range: Range<Int>) -> Matrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "rows \(range) out of 0..<\(rows)")
        let r = range.count
        var s = [Double](repeating: 0, count: r * columns)
        storage.withUnsafeBufferPointer { src in
            s.withUnsafeMutableBufferPointer { dst in
                for j in 0..<columns {
                    let from = src.baseAddress! + j * rows + range.lowerBound
                    (dst.baseAddress! + j * r).update(from: from, count: r)
                }
            }
        }
        return Matrix(unchecked: r, columns, s)
    }

    /// The row ranges of blocks of at most `blockRows` rows covering the matrix.
    public func rowBlockRanges(blockRows: Int) -> [Range<Int>] {
        precondition(blockRows > 0, "blockRows must be > 0, got \(blockRows)")
        return stride(from: 0, to: rows, by: blockRows).map { $0..<Swift.min($0 + blockRows, rows) }
    }

    /// Calls `body` with each block of at most `blockRows` rows, in order,
    /// without materialising more than one block at a time.
    public func forEachRowBlock(blockRows: Int, _ body: (RowBlock) throws -> Void) rethrows {
        for range in rowBlockRanges(blockRows: blockRows) {
            try body(RowBlock(range: range, matrix: rows(range)))
        }
    }
}
