import CLAPACK

/// The one place where LAPACK's `INFO` becomes a Swift error.
enum LAPACKInfo {
    /// What `INFO > 0` means for a routine family.
    enum Meaning {
        case singular          // getrf/gesv/trtrs: U(i,i) or A(i,i) exactly zero
        case notPositiveDefinite // potrf/posv: leading minor not positive definite
        case noConvergence     // syevd and other iterative routines
        case informational     // pstrf: INFO = 1 only says "rank deficient", handled by the caller
    }

    /// Throws the typed error for `info > 0`; stops on `info < 0`, which is an
    /// illegal argument in our own call (LAPACKE also returns it for NaN input,
    /// which `requireFinite` rules out before every call).
    static func check(_ info: lapack_int_t, _ routine: String, _ meaning: Meaning) throws(NumericError) {
        if info == 0 { return }
        if info < 0 {
            preconditionFailure("\(routine): illegal value in argument \(-info) — a bug in Solvent's call")
        }
        switch meaning {
        case .singular: throw .singular(routine: routine, index: Int(info))
        case .notPositiveDefinite: throw .notPositiveDefinite(routine: routine, order: Int(info))
        case .noConvergence: throw .noConvergence(routine: routine, info: Int(info))
        case .informational: return
        }
    }
}

extension Matrix {
    /// Throws `.nonFinite` naming the first NaN/±inf element of this matrix.
    public func requireFinite(_ what: String) throws(NumericError) {
        if let (i, j) = firstNonFinite() {
            throw .nonFinite(what: what, row: i, column: j, value: self[i, j])
        }
    }

    /// Throws `.shapeMismatch` unless the matrix is square.
    func requireSquare(_ what: String) throws(NumericError) {
        guard rows == columns else { throw .shapeMismatch("\(what) must be square, is \(rows)×\(columns)") }
    }
}

/// Throws `.nonFinite` naming the first NaN/±inf element of `v`.
public func requireFinite(_ v: [Double], _ what: String) throws(NumericError) {
    if let k = v.firstIndex(where: { !$0.isFinite }) {
        throw .nonFinite(what: what, row: k, column: 0, value: v[k])
    }
}

/// `Int32` for BLAS/LAPACK dimensions (the Debian builds use 32-bit integers).
@inline(__always)
func li(_ n: Int) -> lapack_int_t {
    precondition(n <= Int(Int32.max), "dimension \(n) exceeds the 32-bit BLAS/LAPACK limit")
    return lapack_int_t(n)
}

let upperChar = CChar(UInt8(ascii: "U"))
let lowerChar = CChar(UInt8(ascii: "L"))
