import CLAPACK
import Foundation

/// The Cholesky factorisation A = RᵀR of a symmetric positive definite matrix
/// (LAPACK `dpotrf`, upper triangle), for solving A x = b without an inverse.
///
/// The caller's matrix is copied before LAPACK overwrites it. Only the upper
/// triangle of `a` is read. Fails with `.notPositiveDefinite(order:)` when a
/// leading minor is not positive definite.
public struct Cholesky: Sendable {
    /// The factor R (upper triangular; the strict lower triangle is zero).
    public let factor: Matrix
    /// ‖A‖₁ of the factored matrix, kept for the condition estimate.
    let oneNorm: Double

    public init(_ a: Matrix) throws(NumericError) {
        try a.requireSquare("Cholesky: A")
        try a.requireFinite("Cholesky: A")
        let n = a.columns
        guard n > 0 else { throw .empty("Cholesky of a 0×0 matrix") }
        var r = a
        r.symmetrizeFromUpper()
        oneNorm = r.oneNorm
        let info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, upperChar, li(n), &r.storage, li(n))
        try LAPACKInfo.check(info, "dpotrf", .notPositiveDefinite)
        r.zeroStrictLower()
        factor = r
    }

    /// Solves A x = b.
    public func solve(_ b: [Double]) throws(NumericError) -> [Double] {
        try solve(Matrix(unchecked: b.count, 1, b)).storage
    }

    /// Solves A X = B for every column of B (`dpotrs`).
    public func solve(_ b: Matrix) throws(NumericError) -> Matrix {
        let n = factor.rows
        guard b.rows == n else { throw .shapeMismatch("Cholesky.solve: A is \(n)×\(n), B has \(b.rows) rows") }
        try b.requireFinite("Cholesky.solve: B")
        var x = b
        if b.columns == 0 { return x }
        let info = LAPACKE_dpotrs(LAPACK_COL_MAJOR, upperChar, li(n), li(b.columns),
                                  factor.storage, li(n), &x.storage, li(n))
        try LAPACKInfo.check(info, "dpotrs", .singular)
        return x
    }

    /// log det A = 2 Σ log R_ii.
    public var logDeterminant: Double {
        (0..<factor.rows).reduce(0) { $0 + 2 * log(factor[$1, $1]) }
    }

    /// Estimate of 1/κ₁(A) (`dpocon`); near 0 means numerically singular.
    public func reciprocalCondition() throws(NumericError) -> Double {
        var rcond = 0.0
        let n = factor.rows
        let info = LAPACKE_dpocon(LAPACK_COL_MAJOR, upperChar, li(n), factor.storage, li(n), oneNorm, &rcond)
        try LAPACKInfo.check(info, "dpocon", .noConvergence)
        return rcond
    }

    /// The diagonal of A⁻¹ (variances for standard errors), by solving against
    /// the identity: the one place where entries of an inverse are the quantity asked for.
    public func inverseDiagonal() throws(NumericError) -> [Double] {
        let n = factor.rows
        let inv = try solve(Matrix.identity(n))
        return (0..<n).map { inv[$0, $0] }
    }
}

extension Matrix {
    /// ‖A‖₁: the largest absolute column sum.
    public var oneNorm: Double {
        var best = 0.0
        for j in 0..<columns {
            var s = 0.0
            for i in 0..<rows { s += abs(storage[i + j * rows]) }
            best = max(best, s)
        }
        return best
    }

    /// Sets the entries below the diagonal to zero.
    mutating func zeroStrictLower() {
        for j in 0..<columns {
            for i in (j + 1)..<max(rows, j + 1) { storage[i + j * rows] = 0 }
        }
    }
}

