import SolventNumerics

/// Which design columns are aliased — linear combinations of earlier ones on
/// the rows that carry weight — found as R's `glm` does: in column order, the
/// later column of a collinear set is the one dropped (reported, coefficient
/// absent), never a minimum-norm split between them.
///
/// Algorithm: a Cholesky factorisation of the weighted Gram (information)
/// matrix G = XᵀWX scaled to unit diagonal, S = D^{-1/2} G D^{-1/2}, taken
/// in column order without pivoting. Before column j is factored, its
/// squared residual after projection on the kept earlier columns is
/// r²ⱼ = Sⱼⱼ − Σₖ Lⱼₖ² (the share of the column left unexplained). Column j
/// is aliased when r²ⱼ ≤ `tolerance` (default 1e-10, i.e. a residual below
/// 1e-5 of the column's norm); it is then skipped and the factorisation goes
/// on with the others. A column with no weight at all (Gⱼⱼ = 0: all zero on
/// the weighted rows, or a level never seen) is aliased too.
///
/// R's `dqrdc2` works on X itself with a 1e-11 norm tolerance; working on the
/// Gram matrix (one pass over the data instead of a QR of n × p) squares the
/// scale, so the threshold is 1e-5 in norm: a column closer than that to the
/// span of the earlier ones would give a coefficient with a standard error
/// 10⁵ times its own scale, which no credit model should report.
struct ColumnAliasing: Sendable, Hashable {
    /// Indices of the columns kept, in order.
    let kept: [Int]
    /// Indices of the aliased columns, in order.
    let aliased: [Int]

    static let defaultTolerance = 1e-10

    init(information g: Matrix, tolerance: Double = ColumnAliasing.defaultTolerance) {
        let p = g.columns
        var scale = [Double](repeating: 0, count: p)
        for j in 0..<p { scale[j] = g[j, j] > 0 ? 1 / g[j, j].squareRoot() : 0 }
        // l[j][k]: row j of the in-order factor restricted to kept columns k.
        var l = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        var kept: [Int] = [], aliased: [Int] = []
        for j in 0..<p {
            guard scale[j] > 0 else { aliased.append(j); continue }
            var r2 = 1.0
            for k in kept { r2 -= l[j][k] * l[j][k] }
            guard r2 > tolerance else { aliased.append(j); continue }
            let d = r2.squareRoot()
            l[j][j] = d
            // Column j of L below the diagonal: for later i, L_ij = (S_ij − Σ_k L_ik L_jk) / L_jj.
            for i in (j + 1)..<max(p, j + 1) where scale[i] > 0 {
                var v = g[i, j] * scale[i] * scale[j]
                for k in kept { v -= l[i][k] * l[j][k] }
                l[i][j] = v / d
            }
            kept.append(j)
        }
        self.kept = kept
        self.aliased = aliased
    }
}
