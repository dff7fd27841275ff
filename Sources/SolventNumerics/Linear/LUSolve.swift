import CLAPACK

/// LU factorisation with partial pivoting, PA = LU (LAPACK `dgetrf`), for
/// solving general square systems (`dgetrs`) and estimating their condition
/// (`dgecon`). An exactly singular matrix gives `.singular(index:)`.
public struct LUFactorization: Sendable {
    let packed: Matrix
    let pivots: [lapack_int_t]
    let oneNorm: Double

    public init(_ a: Matrix) throws(NumericError) {
        try a.requireSquare("LU: A")
        try a.requireFinite("LU: A")
        let n = a.columns
        guard n > 0 else { throw .empty("LU of a 0×0 matrix") }
        var lu = a
        var ipiv = [lapack_int_t](repeating: 0, count: n)
        oneNorm = a.oneNorm
        let info = LAPACKE_dgetrf(LAPACK_COL_MAJOR, li(n), li(n), &lu.storage, li(n), &ipiv)
        try LAPACKInfo.check(info, "dgetrf", .singular)
        packed = lu
        pivots = ipiv
    }

    /// Solves A X = B.
    public func solve(_ b: Matrix) throws(NumericError) -> Matrix {
        let n = packed.rows
        guard b.rows == n else { throw .shapeMismatch("LU.solve: A is \(n)×\(n), B has \(b.rows) rows") }
        try b.requireFinite("LU.solve: B")
        var x = b
        if b.columns == 0 { return x }
        let info = LAPACKE_dgetrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), li(n), li(b.columns),
                                  packed.storage, li(n), pivots, &x.storage, li(n))
        try LAPACKInfo.check(info, "dgetrs", .singular)
        return x
    }

    /// Solves A x = b.
    public func solve(_ b: [Double]) throws(NumericError) -> [Double] {
        try solve(Matrix(unchecked: b.count, 1, b)).storage
    }

    /// Estimate of 1/κ₁(A) (`dgecon`).
    public func reciprocalCondition() throws(NumericError) -> Double {
        var rcond = 0.0
        let n = packed.rows
        let info = LAPACKE_dgecon(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "1")), li(n), packed.storage, li(n),
                                  oneNorm, &rcond)
        try LAPACKInfo.check(info, "dgecon", .noConvergence)
        return rcond
    }
}

extension Matrix {
    /// Solves A X = B by LU with partial pivoting (`dgesv`), without touching A or B.
    public func solve(_ b: Matrix) throws(NumericError) -> Matrix {
        try requireSquare("solve: A")
        try requireFinite("solve: A")
        try b.requireFinite("solve: B")
        guard b.rows == rows else { throw .shapeMismatch("solve: A is \(rows)×\(columns), B is \(b.rows)×\(b.columns)") }
        guard rows > 0 else { throw .empty("solve with a 0×0 matrix") }
        var a = self
        var x = b
        var ipiv = [lapack_int_t](repeating: 0, count: rows)
        if b.columns == 0 { return x }
        let info = LAPACKE_dgesv(LAPACK_COL_MAJOR, li(rows), li(b.columns), &a.storage, li(rows), &ipiv,
                                 &x.storage, li(rows))
        try LAPACKInfo.check(info, "dgesv", .singular)
        return x
    }
}
