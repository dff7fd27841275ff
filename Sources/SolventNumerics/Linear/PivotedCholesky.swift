import CLAPACK

/// Cholesky with complete (diagonal) pivoting, PᵀAP = RᵀR (LAPACK `dpstrf`),
/// for positive semidefinite matrices: it stops when the remaining diagonal
/// falls below `tolerance`, and the number of steps taken is the numerical rank.
///
/// Used to find aliased columns of a Gram matrix XᵀWX. The default tolerance
/// is LAPACK's, n·ε·max(diag A).
public struct PivotedCholesky: Sendable {
    /// R (rank × rank leading block is the factor of the pivoted, full-rank part).
    public let factor: Matrix
    /// `pivots[k]` = the original (0-based) index of the k-th pivoted column.
    public let pivots: [Int]
    /// The numerical rank.
    public let rank: Int

    /// - Parameter tolerance: stop when a pivot falls below this (absolute);
    ///   nil for LAPACK's default n·ε·max(diag A).
    public init(_ a: Matrix, tolerance: Double? = nil) throws(NumericError) {
        try a.requireSquare("PivotedCholesky: A")
        try a.requireFinite("PivotedCholesky: A")
        let n = a.columns
        guard n > 0 else { throw .empty("PivotedCholesky of a 0×0 matrix") }
        var r = a
        r.symmetrizeFromUpper()
        var piv = [lapack_int_t](repeating: 0, count: n)
        var rank: lapack_int_t = 0
        let info = LAPACKE_dpstrf(LAPACK_COL_MAJOR, upperChar, li(n), &r.storage, li(n),
                                  &piv, &rank, tolerance ?? -1)
        // INFO = 1 means "rank deficient or indefinite": that is the answer, not a failure.
        try LAPACKInfo.check(info, "dpstrf", .informational)
        r.zeroStrictLower()
        for j in Int(rank)..<n {
            for i in Int(rank)...j { r[i, j] = 0 }
        }
        factor = r
        pivots = piv.map { Int($0) - 1 }
        self.rank = Int(rank)
    }
}
