import Foundation
import Testing
@testable import SolventNumerics

@Suite struct FactorizationTests {
    /// LAPACK-style scaled residual ‖RᵀR − A‖₁ / (n‖A‖₁ε).
    @Test func choleskyScaledResidualIsSmall() throws {
        for n in [1, 5, 32, 100] {
            let a = randomSPD(n, seed: UInt64(n))
            let c = try Cholesky(a)
            let rtr = try BLAS.gemm(c.factor, c.factor, transposeA: true)
            var diff = rtr
            for k in 0..<diff.storage.count { diff.storage[k] -= a.storage[k] }
            let scaled = diff.oneNorm / (Double(n) * a.oneNorm * .ulpOfOne)
            #expect(scaled < 30, "n = \(n): scaled residual \(scaled)")
            let b = (0..<n).map { Double($0) - 2.5 }
            let x = try c.solve(b)
            #expect(maxRelativeDifference(try BLAS.gemv(a, x), b) < 1e-10)
            #expect(try c.reciprocalCondition() > 0)
        }
    }

    @Test func choleskyRejectsIndefiniteAndNonFinite() throws {
        let a = try Matrix(rowArrays: [[1, 2], [2, 1]])
        #expect(throws: NumericError.notPositiveDefinite(routine: "dpotrf", order: 2)) { try Cholesky(a) }
        var b = randomSPD(3, seed: 1)
        b[1, 2] = .infinity
        #expect(throws: NumericError.nonFinite(what: "Cholesky: A", row: 1, column: 2, value: .infinity)) {
            try Cholesky(b)
        }
        #expect(throws: NumericError.shapeMismatch("Cholesky: A must be square, is 2×3")) {
            try Cholesky(Matrix(rows: 2, columns: 3))
        }
    }

    @Test func logDeterminantMatchesEigenvalues() throws {
        let a = randomSPD(6, seed: 4)
        let eig = try SymmetricEigen(a)
        let fromEig = eig.values.reduce(0) { $0 + Foundation.log($1) }
        #expect(abs(try Cholesky(a).logDeterminant - fromEig) < 1e-12 * abs(fromEig))
    }

    @Test func pivotedCholeskyFindsTheRank() throws {
        var x = randomMatrix(50, 5, seed: 5)
        for i in 0..<50 { x[i, 4] = x[i, 1] + 2 * x[i, 2] }   // column 4 dependent
        let p = try PivotedCholesky(try BLAS.syrk(x))
        #expect(p.rank == 4)
        #expect(Set(p.pivots) == Set(0..<5))
        let full = try PivotedCholesky(randomSPD(5, seed: 6))
        #expect(full.rank == 5)
    }

    @Test func pivotedQRFindsTheRankAndSolves() throws {
        var x = randomMatrix(40, 4, seed: 7)
        let qrFull = try PivotedQR(x)
        #expect(qrFull.rank == 4)
        let beta = [1.0, -2, 0.5, 3]
        let y = try BLAS.gemv(x, beta)
        #expect(maxRelativeDifference(try qrFull.solveLeastSquares(y), beta) < 1e-12)
        for i in 0..<40 { x[i, 3] = x[i, 0] - x[i, 1] }
        #expect(try PivotedQR(x).rank == 3)
        // Q is orthogonal: Qᵀ(Q v) = v.
        let v = (0..<40).map { Double($0) }
        #expect(maxRelativeDifference(try qrFull.multiplyQTransposed(try qrFull.multiplyQ(v)), v) < 1e-12)
        #expect(try qrFull.reciprocalCondition() > 0.01)
    }

    @Test func symmetricEigenReconstructs() throws {
        let a = randomSPD(8, seed: 8)
        let e = try SymmetricEigen(a)
        #expect(e.values == e.values.sorted())
        let av = try BLAS.gemm(a, e.vectors)
        for j in 0..<8 { for i in 0..<8 {
            #expect(abs(av[i, j] - e.values[j] * e.vectors[i, j]) < 1e-11 * e.values.last!)
        } }
        let vtv = try BLAS.gemm(e.vectors, e.vectors, transposeA: true)
        #expect(maxAbsDifference(vtv, .identity(8)) < 1e-13)
        #expect(e.conditionNumber >= 1)
    }

    @Test func luSolvesAndReportsSingularity() throws {
        let a = randomMatrix(10, 10, seed: 9)
        let b = randomMatrix(10, 2, seed: 10)
        let x = try a.solve(b)
        #expect(maxAbsDifference(try BLAS.gemm(a, x), b) < 1e-10)
        let lu = try LUFactorization(a)
        #expect(maxAbsDifference(try lu.solve(b), x) < 1e-10)
        #expect(try lu.reciprocalCondition() > 0)
        let singular = try Matrix(rowArrays: [[1, 2], [2, 4]])
        #expect(throws: NumericError.singular(routine: "dgetrf", index: 2)) { try LUFactorization(singular) }
        #expect(throws: NumericError.singular(routine: "dgesv", index: 2)) {
            try singular.solve(Matrix(rows: 2, columns: 1, repeating: 1))
        }
    }

    @Test func factorizationsLeaveInputsAlone() throws {
        let a = randomSPD(7, seed: 11)
        let copy = a
        _ = try Cholesky(a); _ = try PivotedCholesky(a); _ = try PivotedQR(a)
        _ = try SymmetricEigen(a); _ = try LUFactorization(a); _ = try a.solve(a)
        #expect(a == copy)
    }
}
