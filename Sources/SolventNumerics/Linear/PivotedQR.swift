import CLAPACK

/// QR with column pivoting, AP = QR (LAPACK `dgeqp3`), the rank-revealing
/// factorisation: |R₁₁| ≥ |R₂₂| ≥ …, and the numerical rank is the number
/// of diagonal entries above `relativeTolerance · |R₁₁|`.
///
/// Q stays in Householder form; `multiplyQTransposed` applies Qᵀ (`dormqr`) and
/// `solveLeastSquares` solves min‖Ax − b‖ on the leading rank columns (`dtrtrs`),
/// leaving the coefficients of the columns beyond the rank at zero (a basic
/// solution, not the minimum-norm one).
public struct PivotedQR: Sendable {
    /// Householder vectors below the diagonal, R on and above it.
    let packed: Matrix
    let tau: [Double]
    /// `pivots[k]` = the original (0-based) column in position k.
    public let pivots: [Int]
    /// The numerical rank at the tolerance given at construction.
    public let rank: Int

    public var rows: Int { packed.rows }
    public var columns: Int { packed.columns }

    /// - Parameters:
    ///   - relativeTolerance: a diagonal |R_kk| ≤ tol·|R_11| counts as zero;
    ///     default max(m, n)·ε, as `numpy.linalg.matrix_rank`.
    ///   - fixedOrder: no pivoting (every column marked initial in `dgeqp3`):
    ///     plain Householder QR in the given column order.
    public init(_ a: Matrix, relativeTolerance: Double? = nil, fixedOrder: Bool = false) throws(NumericError) {
        try a.requireFinite("PivotedQR: A")
        guard a.rows > 0, a.columns > 0 else { throw .empty("PivotedQR of a \(a.rows)×\(a.columns) matrix") }
        var qr = a
        var jpvt = [lapack_int_t](repeating: fixedOrder ? 1 : 0, count: a.columns)
        var tau = [Double](repeating: 0, count: min(a.rows, a.columns))
        let info = LAPACKE_dgeqp3(LAPACK_COL_MAJOR, li(a.rows), li(a.columns), &qr.storage,
                                  li(a.rows), &jpvt, &tau)
        try LAPACKInfo.check(info, "dgeqp3", .noConvergence)
        packed = qr
        self.tau = tau
        pivots = jpvt.map { Int($0) - 1 }
        let tol = (relativeTolerance ?? Double(max(a.rows, a.columns)) * .ulpOfOne) * abs(qr[0, 0])
        rank = (0..<min(a.rows, a.columns)).prefix { abs(qr[$0, $0]) > tol }.count
    }

    /// The upper-triangular R (min(m, n) × n, in pivoted column order).
    public var r: Matrix {
        let k = min(rows, columns)
        var out = Matrix(rows: k, columns: columns)
        for j in 0..<columns {
            for i in 0...min(j, k - 1) { out[i, j] = packed[i, j] }
        }
        return out
    }

    /// Qᵀb for a vector of length m, using the first `reflectors` Householder
    /// reflections (default all).
    public func multiplyQTransposed(_ b: [Double], reflectors: Int? = nil) throws(NumericError) -> [Double] {
        try applyQ(b, transpose: true, reflectors: reflectors ?? tau.count)
    }

    /// Q·c for a vector of length m.
    public func multiplyQ(_ c: [Double], reflectors: Int? = nil) throws(NumericError) -> [Double] {
        try applyQ(c, transpose: false, reflectors: reflectors ?? tau.count)
    }

    func applyQ(_ b: [Double], transpose: Bool, reflectors k: Int) throws(NumericError) -> [Double] {
        guard b.count == rows else { throw .shapeMismatch("PivotedQR: Q is \(rows)×\(rows), vector has \(b.count)") }
        try requireFinite(b, "PivotedQR: vector")
        var out = b
        if k == 0 { return out }
        let info = LAPACKE_dormqr(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")),
                                  CChar(UInt8(ascii: transpose ? "T" : "N")), li(rows), 1, li(k),
                                  packed.storage, li(rows), tau, &out, li(rows))
        try LAPACKInfo.check(info, "dormqr", .noConvergence)
        return out
    }

    /// Solves R₁₁ x = c (or R₁₁ᵀ x = c) for the leading `size` × `size` block of R (`dtrtrs`).
    public func solveR(_ c: [Double], size: Int, transpose: Bool = false) throws(NumericError) -> [Double] {
        guard size <= min(rows, columns), c.count == size else {
            throw .shapeMismatch("PivotedQR.solveR: block \(size), vector \(c.count)")
        }
        var x = c
        if size == 0 { return x }
        let info = LAPACKE_dtrtrs(LAPACK_COL_MAJOR, upperChar, CChar(UInt8(ascii: transpose ? "T" : "N")),
                                  CChar(UInt8(ascii: "N")), li(size), 1, packed.storage, li(rows), &x, li(size))
        try LAPACKInfo.check(info, "dtrtrs", .singular)
        return x
    }

    /// A basic least-squares solution of min‖Ax − b‖ in the original column
    /// order: columns beyond the rank get coefficient 0.
    public func solveLeastSquares(_ b: [Double]) throws(NumericError) -> [Double] {
        let qtb = try multiplyQTransposed(b, reflectors: rank)
        let z = try solveR(Array(qtb.prefix(rank)), size: rank)
        var x = [Double](repeating: 0, count: columns)
        for k in 0..<rank { x[pivots[k]] = z[k] }
        return x
    }

    /// Estimate of 1/κ₁ of the leading rank × rank block of R (`dtrcon`).
    public func reciprocalCondition() throws(NumericError) -> Double {
        var rcond = 0.0
        guard rank > 0 else { return 0 }
        let info = LAPACKE_dtrcon(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "1")), upperChar, CChar(UInt8(ascii: "N")),
                                  li(rank), packed.storage, li(rows), &rcond)
        try LAPACKInfo.check(info, "dtrcon", .noConvergence)
        return rcond
    }
}
