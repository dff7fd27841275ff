import CLAPACK

/// BLAS levels 1–3 over `Matrix` and `[Double]`, column-major throughout.
/// Inputs are never modified; outputs are new values. Every routine checks
/// shapes and throws `.shapeMismatch` with both shapes.
public enum BLAS {
    /// The OpenBLAS thread count. Results agree across thread counts to
    /// rounding (the kernels may sum in another order, ~1e-15 relative).
    public static var threadCount: Int {
        get { Int(openblas_get_num_threads()) }
    }

    /// Sets the number of OpenBLAS threads (≥ 1) for all later calls.
    public static func setThreadCount(_ n: Int) {
        precondition(n >= 1, "BLAS thread count must be ≥ 1, got \(n)")
        openblas_set_num_threads(Int32(n))
    }

    /// The OpenBLAS kernel and build, for benchmark output.
    public static var configuration: String {
        let core = openblas_get_corename().map { String(cString: $0) } ?? "?"
        let config = openblas_get_config().map { String(cString: $0) } ?? "?"
        return "\(core); \(config)"
    }

    // MARK: level 1

    /// xᵀy.
    public static func dot(_ x: [Double], _ y: [Double]) throws(NumericError) -> Double {
        guard x.count == y.count else { throw .shapeMismatch("dot: x has \(x.count), y has \(y.count)") }
        return cblas_ddot(li(x.count), x, 1, y, 1)
    }

    /// a·x + y.
    public static func axpy(_ a: Double, _ x: [Double], _ y: [Double]) throws(NumericError) -> [Double] {
        guard x.count == y.count else { throw .shapeMismatch("axpy: x has \(x.count), y has \(y.count)") }
        var out = y
        cblas_daxpy(li(x.count), a, x, 1, &out, 1)
        return out
    }

    /// a·x.
    public static func scal(_ a: Double, _ x: [Double]) -> [Double] {
        var out = x
        cblas_dscal(li(x.count), a, &out, 1)
        return out
    }

    /// ‖x‖₂, computed without overflow (BLAS scaling).
    public static func nrm2(_ x: [Double]) -> Double {
        cblas_dnrm2(li(x.count), x, 1)
    }

    // MARK: level 2

    /// α·op(A)·x + β·y, op(A) = A or Aᵀ.
    public static func gemv(_ a: Matrix, _ x: [Double], transpose: Bool = false,
                            alpha: Double = 1, beta: Double = 0, y: [Double]? = nil) throws(NumericError) -> [Double] {
        let (outLen, inLen) = transpose ? (a.columns, a.rows) : (a.rows, a.columns)
        guard x.count == inLen else {
            throw .shapeMismatch("gemv: op(A) is \(outLen)×\(inLen), x has \(x.count)")
        }
        var out = y ?? [Double](repeating: 0, count: outLen)
        guard out.count == outLen else { throw .shapeMismatch("gemv: y has \(out.count), op(A) has \(outLen) rows") }
        if outLen == 0 { return out }
        if inLen == 0 { return scal(beta, out) }
        cblas_dgemv(CblasColMajor, transpose ? CblasTrans : CblasNoTrans, li(a.rows), li(a.columns),
                    alpha, a.storage, li(max(a.rows, 1)), x, 1, beta, &out, 1)
        return out
    }

    // MARK: level 3

    /// α·op(A)·op(B) (+ β·C when `c` is given).
    public static func gemm(_ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false,
                            alpha: Double = 1, beta: Double = 0, c: Matrix? = nil) throws(NumericError) -> Matrix {
        let (m, ka) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
        let (kb, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
        guard ka == kb else {
            throw .shapeMismatch("gemm: op(A) is \(m)×\(ka), op(B) is \(kb)×\(n)")
        }
        var out = c ?? Matrix(rows: m, columns: n)
        guard out.rows == m, out.columns == n else {
            throw .shapeMismatch("gemm: C is \(out.rows)×\(out.columns), op(A)·op(B) is \(m)×\(n)")
        }
        if m == 0 || n == 0 { return out }
        if ka == 0 { return Matrix(unchecked: m, n, scal(beta, out.storage)) }
        cblas_dgemm(CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    li(m), li(n), li(ka), alpha, a.storage, li(max(a.rows, 1)), b.storage, li(max(b.rows, 1)),
                    beta, &out.storage, li(max(m, 1)))
        return out
    }

    /// α·AᵀA + β·C as a full symmetric matrix: `dsyrk` on the upper triangle,
    /// mirrored to the lower, so the result is exactly symmetric.
    public static func syrk(_ a: Matrix, alpha: Double = 1, beta: Double = 0, c: Matrix? = nil) throws(NumericError) -> Matrix {
        let n = a.columns
        var out = c ?? Matrix(rows: n, columns: n)
        guard out.rows == n, out.columns == n else {
            throw .shapeMismatch("syrk: C is \(out.rows)×\(out.columns), AᵀA is \(n)×\(n)")
        }
        if n == 0 { return out }
        if a.rows > 0 {
            cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, li(n), li(a.rows), alpha,
                        a.storage, li(max(a.rows, 1)), beta, &out.storage, li(n))
        } else {
            out.storage = scal(beta, out.storage)
        }
        out.symmetrizeFromUpper()
        return out
    }
}

extension Matrix {
    /// Copies the upper triangle onto the lower one.
    mutating func symmetrizeFromUpper() {
        for j in 0..<columns {
            for i in (j + 1)..<max(rows, j + 1) { storage[i + j * rows] = storage[j + i * rows] }
        }
    }
}
