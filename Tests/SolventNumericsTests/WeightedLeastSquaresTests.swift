import Testing
@testable import SolventNumerics

@Suite struct WeightedLeastSquaresTests {
    func data(seed: UInt64, rows: Int = 60) -> (Matrix, [Double]) {
        var x = randomMatrix(rows, 4, seed: seed)
        var g = Xoshiro256StarStar(seed: seed + 100)
        for i in 0..<rows { x[i, 0] = 1 }
        let y = (0..<rows).map { i in 2 + 3 * x[i, 1] - x[i, 2] + 0.5 * x[i, 3] + g.normal(sd: 0.1) }
        return (x, y)
    }

    @Test func weightsEqualRepetition() throws {
        let (x, y) = data(seed: 1)
        var w = [Double](repeating: 1, count: 60)
        w[3] = 3; w[10] = 2
        var rows = (0..<60).map { x.row($0) }, ys = y
        for (i, k) in [(3, 2), (10, 1)] { for _ in 0..<k { rows.append(x.row(i)); ys.append(y[i]) } }
        let weighted = try WeightedLeastSquares().fit(x: x, y: y, weights: w)
        let repeated = try WeightedLeastSquares().fit(x: Matrix(rowArrays: rows), y: ys)
        #expect(maxRelativeDifference(weighted.coefficients.map { $0! }, repeated.coefficients.map { $0! }) < 1e-12)
        #expect(abs(weighted.residualSumOfSquares - repeated.residualSumOfSquares) < 1e-12)
    }

    @Test func zeroWeightIsRowRemoval() throws {
        let (x, y) = data(seed: 2)
        var w = [Double](repeating: 1, count: 60)
        w[5] = 0
        let kept = (0..<60).filter { $0 != 5 }
        let a = try WeightedLeastSquares().fit(x: x, y: y, weights: w)
        let b = try WeightedLeastSquares().fit(x: Matrix(rowArrays: kept.map { x.row($0) }), y: kept.map { y[$0] })
        #expect(a == b)
        #expect(a.residualDegreesOfFreedom == 55)
    }

    @Test func rowOrderDoesNotMatter() throws {
        let (x, y) = data(seed: 3)
        var g = Xoshiro256StarStar(seed: 3)
        let perm = Array(0..<60).shuffled(using: &g)
        let a = try WeightedLeastSquares().fit(x: x, y: y)
        let b = try WeightedLeastSquares().fit(x: Matrix(rowArrays: perm.map { x.row($0) }), y: perm.map { y[$0] })
        #expect(maxRelativeDifference(a.coefficients.map { $0! }, b.coefficients.map { $0! }) < 1e-12)
        #expect(try WeightedLeastSquares().fit(x: x, y: y) == a)   // fitting twice: the same
    }

    @Test func collinearColumnsAreAliasedNotSplit() throws {
        let (x0, y) = data(seed: 4)
        // Column 4 duplicates column 2, column 5 = 2·col1 − col3, column 6 constant (dummy trap with the intercept).
        var cols = (0..<4).map { x0.column($0) }
        cols.append(cols[2])
        cols.append(zip(cols[1], cols[3]).map { 2 * $0 - $1 })
        cols.append([Double](repeating: 5, count: 60))
        let fit = try WeightedLeastSquares().fit(x: Matrix(columnArrays: cols), y: y)
        #expect(fit.aliased == [4, 5, 6])
        #expect(fit.coefficients[4] == nil && fit.standardErrors[6] == nil)
        let reduced = try WeightedLeastSquares().fit(x: x0, y: y)
        #expect(maxRelativeDifference(fit.coefficients.prefix(4).map { $0! }, reduced.coefficients.map { $0! }) < 1e-10)
        #expect(fit.rank == 4)
    }

    @Test func allZeroColumnIsAliased() throws {
        let (x0, y) = data(seed: 5)
        var cols = (0..<4).map { x0.column($0) }
        cols.insert([Double](repeating: 0, count: 60), at: 2)
        let fit = try WeightedLeastSquares().fit(x: Matrix(columnArrays: cols), y: y)
        #expect(fit.aliased == [2])
    }

    @Test func badInputGetsTypedErrors() throws {
        let (x, y) = data(seed: 6, rows: 10)
        let wls = WeightedLeastSquares()
        #expect(throws: NumericError.shapeMismatch("x has 10 rows, y has 3 values")) { try wls.fit(x: x, y: [1, 2, 3]) }
        #expect(throws: NumericError.shapeMismatch("x has 10 rows, weights has 2 values")) {
            try wls.fit(x: x, y: y, weights: [1, 1])
        }
        var w = [Double](repeating: 1, count: 10)
        w[7] = -1
        #expect(throws: NumericError.invalidArgument("weights must be ≥ 0; weight 7 is -1.0")) {
            try wls.fit(x: x, y: y, weights: w)
        }
        #expect(throws: NumericError.invalidArgument("every weight is 0")) {
            try wls.fit(x: x, y: y, weights: [Double](repeating: 0, count: 10))
        }
        var yBad = y
        yBad[4] = .nan
        // NaN ≠ NaN, so compare the message.
        #expect { try wls.fit(x: x, y: yBad) } throws: { "\($0)" == "non-finite value nan in y at row 4, column 0" }
        #expect(throws: NumericError.empty("least squares with 0 rows")) {
            try wls.fit(x: Matrix(rows: 0, columns: 2), y: [])
        }
        let one = try wls.fit(x: Matrix(rowArrays: [[1, 2]]), y: [3])
        #expect(one.rank == 1 && one.residualDegreesOfFreedom == 0 && one.standardErrors[0] == nil)
    }

    @Test func exactFitHasZeroResidual() throws {
        let x = try Matrix(rowArrays: [[1, 0], [1, 1], [1, 2], [1, 3]])
        let fit = try WeightedLeastSquares().fit(x: x, y: [1, 3, 5, 7])
        #expect(fit.coefficients[0]! == 1 && fit.coefficients[1]! == 2)
        #expect(fit.residualSumOfSquares == 0 && fit.rSquared == 1)
    }
}
