import Foundation

/// The result of `WeightedLeastSquares.fit`: estimates, their standard errors
/// and the fit's diagnostics. Aliased columns have `nil` estimates, as R's `NA`.
public struct LeastSquaresFit: Sendable, Hashable {
    /// β per column of x; nil for an aliased column.
    public let coefficients: [Double?]
    /// Standard errors σ̂·√diag((XᵀWX)⁻¹); nil for an aliased column.
    public let standardErrors: [Double?]
    /// Columns found linearly dependent on earlier ones (0-based), in order.
    public let aliased: [Int]
    /// Number of estimated coefficients.
    public let rank: Int
    /// Rows with weight > 0 minus rank.
    public let residualDegreesOfFreedom: Int
    /// σ̂ = √(Σ wᵢ rᵢ² / df).
    public let residualStandardError: Double
    /// Σ wᵢ rᵢ².
    public let residualSumOfSquares: Double
    /// 1 − RSS/TSS; TSS about the weighted mean when x has a constant column, about 0 otherwise (R's convention).
    public let rSquared: Double
    /// Refinement steps taken after the first QR solve.
    public let refinementSteps: Int
    /// Estimate of 1/κ₁ of the scaled, reduced design's R.
    public let reciprocalCondition: Double

    init(design: WeightedDesign, kept: [Int], scaledSolution z: [Double], qr: PivotedQR,
         weightedResidual: [Double], refinementSteps: Int) throws(NumericError) {
        let p = design.scales.count
        let k = kept.count
        let rss = weightedResidual.reduce(0) { $0 + $1 * $1 }
        let df = design.a.rows - k
        let sigma = df > 0 ? (rss / Double(df)).squareRoot() : .nan
        // diag((RᵀR)⁻¹) = squared row norms of R⁻¹, R⁻¹ by triangular solves.
        var rowNorm2 = [Double](repeating: 0, count: k)
        for c in 0..<k {
            var e = [Double](repeating: 0, count: k)
            e[c] = 1
            let col = try qr.solveR(e, size: k)
            for i in 0..<k { rowNorm2[i] += col[i] * col[i] }
        }
        var beta = [Double?](repeating: nil, count: p)
        var se = [Double?](repeating: nil, count: p)
        for (pos, j) in kept.enumerated() {
            beta[j] = design.scales[j] * z[pos]
            se[j] = df > 0 ? design.scales[j] * sigma * rowNorm2[pos].squareRoot() : nil
        }
        coefficients = beta
        standardErrors = se
        aliased = (0..<p).filter { !kept.contains($0) }
        rank = k
        residualDegreesOfFreedom = df
        residualStandardError = sigma
        residualSumOfSquares = rss
        rSquared = 1 - rss / Self.totalSumOfSquares(design)
        self.refinementSteps = refinementSteps
        reciprocalCondition = try qr.reciprocalCondition()
    }

    static func totalSumOfSquares(_ d: WeightedDesign) -> Double {
        let x = d.xKept
        let hasIntercept = (0..<x.columns).contains { j in
            let first = x[0, j]
            return first != 0 && (0..<x.rows).allSatisfy { x[$0, j] == first }
        }
        var center = 0.0
        if hasIntercept {
            var sw = CompensatedSum(), swy = CompensatedSum()
            for i in d.y.indices { sw.add(d.w[i]); swy.addProduct(d.w[i], d.y[i]) }
            center = swy.value / sw.value
        }
        var tss = CompensatedSum()
        for i in d.y.indices { tss.addProduct(d.w[i], (d.y[i] - center) * (d.y[i] - center)) }
        return tss.value
    }
}
