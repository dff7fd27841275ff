import Testing
@testable import SolventNumerics

@Suite(.serialized) struct BLASTests {
    @Test func levelOneMatchesLoops() throws {
        let x = [1.0, -2, 3, 0.5], y = [4.0, 1, -1, 2]
        #expect(try BLAS.dot(x, y) == 4 - 2 - 3 + 1)
        #expect(try BLAS.axpy(2, x, y) == [6, -3, 5, 3])
        #expect(BLAS.scal(-1, x) == [-1, 2, -3, -0.5])
        #expect(abs(BLAS.nrm2([3, 4]) - 5) < 1e-15)
        #expect(BLAS.nrm2([1e300, 1e300]) > 1e300)  // no overflow
        #expect(throws: NumericError.shapeMismatch("dot: x has 4, y has 2")) { try BLAS.dot(x, [1, 2]) }
    }

    @Test func gemvAndGemmMatchNaiveProducts() throws {
        let a = randomMatrix(37, 11, seed: 10), b = randomMatrix(11, 5, seed: 11)
        #expect(maxAbsDifference(try BLAS.gemm(a, b), naiveProduct(a, b)) < 1e-13)
        #expect(maxAbsDifference(try BLAS.gemm(a.transposed, b, transposeA: true), naiveProduct(a, b)) < 1e-13)
        let x = b.column(0)
        let ax = try BLAS.gemv(a, x)
        #expect(maxRelativeDifference(ax, naiveProduct(a, b).column(0)) < 1e-12)
        let atax = try BLAS.gemv(a, ax, transpose: true)
        #expect(atax.count == 11)
        #expect(throws: NumericError.shapeMismatch("gemm: op(A) is 37×11, op(B) is 37×11")) {
            try BLAS.gemm(a, a)
        }
        #expect(throws: NumericError.shapeMismatch("gemv: op(A) is 37×11, x has 3")) {
            try BLAS.gemv(a, [1, 2, 3])
        }
    }

    @Test func syrkIsTheSymmetricGram() throws {
        let a = randomMatrix(200, 7, seed: 12)
        let g = try BLAS.syrk(a)
        #expect(maxAbsDifference(g, naiveProduct(a.transposed, a)) < 1e-12)
        #expect(g == g.transposed)
    }

    @Test func inputsAreNotMutated() throws {
        let a = randomMatrix(50, 6, seed: 13), b = randomMatrix(6, 6, seed: 14)
        let (a0, b0) = (a, b)
        _ = try BLAS.gemm(a, b, beta: 1, c: Matrix(rows: 50, columns: 6, repeating: 1))
        _ = try BLAS.syrk(a, beta: 2, c: b)
        #expect(a == a0 && b == b0)
    }

    @Test func oneAndTwoThreadsAgree() throws {
        let before = BLAS.threadCount
        defer { BLAS.setThreadCount(before) }
        let a = randomMatrix(3000, 40, seed: 15), b = randomMatrix(40, 300, seed: 16)
        BLAS.setThreadCount(1)
        #expect(BLAS.threadCount == 1)
        let g1 = try BLAS.syrk(a), p1 = try BLAS.gemm(a, b)
        let fit1 = try WeightedLeastSquares().fit(x: a, y: a.column(0).map { $0 * $0 })
        BLAS.setThreadCount(2)
        let g2 = try BLAS.syrk(a), p2 = try BLAS.gemm(a, b)
        let fit2 = try WeightedLeastSquares().fit(x: a, y: a.column(0).map { $0 * $0 })
        #expect(maxRelativeDifference(g1.storage, g2.storage) < 1e-10)
        #expect(maxAbsDifference(p1, p2) < 1e-12)
        #expect(maxRelativeDifference(fit1.coefficients.map { $0 ?? 0 }, fit2.coefficients.map { $0 ?? 0 }) < 1e-10)
    }
}

@Suite struct WeightedGramTests {
    @Test func matchesTheNaiveWeightedProduct() throws {
        let x = randomMatrix(5_003, 9, seed: 20)
        var g = Xoshiro256StarStar(seed: 21)
        let w = (0..<5_003).map { _ in g.uniform(0, 2) }
        var wx = x
        for j in 0..<9 { for i in 0..<5_003 { wx[i, j] *= w[i] } }
        let expected = try BLAS.gemm(x, wx, transposeA: true)
        for (blockRows, spans) in [(512, 2), (64, 1), (5_003, 3), (100, 7)] {
            let got = try x.weightedGram(w, blockRows: blockRows, spans: spans)
            #expect(maxAbsDifference(got, expected) < 1e-10 * expected.maxAbs)
            #expect(got == got.transposed)
        }
        #expect(maxAbsDifference(try x.weightedGram(), try BLAS.syrk(x)) < 1e-10 * x.rows.magnitudeDouble)
    }

    @Test func independentOfBLASThreads() throws {
        let before = BLAS.threadCount
        defer { BLAS.setThreadCount(before) }
        let x = randomMatrix(20_000, 12, seed: 22)
        let w = (0..<20_000).map { Double($0 % 7) }
        BLAS.setThreadCount(1)
        let a = try x.weightedGram(w)
        BLAS.setThreadCount(2)
        let b = try x.weightedGram(w)
        #expect(maxRelativeDifference(a.storage, b.storage) < 1e-13)
    }

    @Test func rejectsBadWeights() {
        let x = randomMatrix(10, 2, seed: 23)
        #expect(throws: NumericError.shapeMismatch("weightedGram: X has 10 rows, weights has 3")) {
            try x.weightedGram([1, 2, 3])
        }
        var w = [Double](repeating: 1, count: 10)
        w[2] = -0.5
        #expect(throws: NumericError.invalidArgument("weightedGram: weights must be ≥ 0; weight 2 is -0.5")) {
            try x.weightedGram(w)
        }
    }
}

extension Int { var magnitudeDouble: Double { Double(self) } }
