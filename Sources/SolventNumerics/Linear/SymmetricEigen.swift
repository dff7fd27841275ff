import CLAPACK

/// Eigen-decomposition of a symmetric matrix, A = V Λ Vᵀ (LAPACK `dsyevd`,
/// divide and conquer). Eigenvalues ascending; eigenvectors orthonormal, in
/// the columns of `vectors`. Only the upper triangle of `a` is read.
public struct SymmetricEigen: Sendable {
    public let values: [Double]
    public let vectors: Matrix

    public init(_ a: Matrix) throws(NumericError) {
        try a.requireSquare("SymmetricEigen: A")
        try a.requireFinite("SymmetricEigen: A")
        let n = a.columns
        guard n > 0 else { throw .empty("SymmetricEigen of a 0×0 matrix") }
        var v = a
        v.symmetrizeFromUpper()
        var w = [Double](repeating: 0, count: n)
        let info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), upperChar, li(n),
                                  &v.storage, li(n), &w)
        try LAPACKInfo.check(info, "dsyevd", .noConvergence)
        values = w
        vectors = v
    }

    /// κ₂ = |λ|max / |λ|min (infinite when an eigenvalue is 0).
    public var conditionNumber: Double {
        let mags = values.map(abs)
        guard let lo = mags.min(), let hi = mags.max() else { return .nan }
        return lo == 0 ? .infinity : hi / lo
    }
}
