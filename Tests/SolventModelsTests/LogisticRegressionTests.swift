import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

/// Seeded synthetic data: intercept, three correlated features, 0/1 labels.
func logisticData(rows n: Int, seed: UInt64 = 7) -> (x: Matrix, y: [Double], names: [String]) {
    var g = Xoshiro256StarStar(seed: seed)
    var columns: [[Double]] = [[Double](repeating: 1, count: n), [], [], []]
    var y: [Double] = []
    for _ in 0..<n {
        let a = g.normal(), b = 0.6 * a + 0.8 * g.normal(), c = 3 * g.normal()
        columns[1].append(a); columns[2].append(b); columns[3].append(c)
        let eta = -1.5 + 0.8 * a - 0.5 * b + 0.1 * c
        y.append(g.nextUnitDouble() < 1 / (1 + exp(-eta)) ? 1 : 0)
    }
    // Matrix(columnArrays:) cannot fail here: the columns have equal lengths.
    return (try! Matrix(columnArrays: columns), y, ["(Intercept)", "a", "b", "c"])
}

func estimates(_ m: LogisticModel) -> [Double] { m.coefficients.map { $0.estimate ?? .nan } }

func maxRelativeDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) / max(abs($1), 1e-300) }.max() ?? 0
}

@Suite struct LogisticRegressionTests {
    /// One binary feature: the MLE is the empirical log-odds of each group.
    @Test func saturatedTwoByTwoTableByHand() throws {
        // x = 0: 3 of 10 positive; x = 1: 6 of 8 positive.
        var rows: [[Double]] = [], y: [Double] = []
        for i in 0..<10 { rows.append([1, 0]); y.append(i < 3 ? 1 : 0) }
        for i in 0..<8 { rows.append([1, 1]); y.append(i < 6 ? 1 : 0) }
        let m = try LogisticRegression().fit(Matrix(rowArrays: rows), y, names: ["(Intercept)", "x"])
        let b0 = log(3.0 / 7), b1 = log(6.0 / 2) - log(3.0 / 7)
        #expect(abs(estimates(m)[0] - b0) < 1e-10)
        #expect(abs(estimates(m)[1] - b1) < 1e-10)
        // se² = 1/(n p (1-p)) per group: Var(b0) = 1/(10·0.3·0.7), Var(b1) = that + 1/(8·0.75·0.25).
        #expect(abs(m.coefficients[0].stdError! - (1 / 2.1).squareRoot()) < 1e-9)
        #expect(abs(m.coefficients[1].stdError! - (1 / 2.1 + 1 / 1.5).squareRoot()) < 1e-9)
        #expect(m.converged && m.warnings.isEmpty)
        // ℓ by hand, and the null model: 9 of 18.
        let ll = 3 * log(0.3) + 7 * log(0.7) + 6 * log(0.75) + 2 * log(0.25)
        #expect(abs(m.logLikelihood - ll) < 1e-10)
        #expect(abs(m.nullLogLikelihood - 18 * log(0.5)) < 1e-10)
        #expect(abs(m.aic - (-2 * ll + 4)) < 1e-9)
        #expect(abs(m.bic - (-2 * ll + 2 * log(18))) < 1e-9)
        #expect(m.likelihoodRatioDF == 1 && m.dfResidual == 16)
    }

    @Test func weightsEqualRepetition() throws {
        let (x, y, names) = logisticData(rows: 300)
        var g = Xoshiro256StarStar(seed: 3)
        let w = (0..<300).map { _ in Double(Int(g.nextUnitDouble() * 4)) }  // 0, 1, 2 or 3
        var repeated: [Int] = []
        for (i, k) in w.enumerated() { repeated += [Int](repeating: i, count: Int(k)) }
        let weighted = try LogisticRegression().fit(x, y, names: names, weights: w)
        let copies = try LogisticRegression().fit(x.selectingRows(repeated), repeated.map { y[$0] }, names: names)
        #expect(maxRelativeDifference(estimates(weighted), estimates(copies)) < 1e-10)
        #expect(abs(weighted.deviance - copies.deviance) < 1e-8)
        #expect(weighted.rows == w.filter { $0 > 0 }.count)
    }

    @Test func rowOrderThreadsAndRepeatsGiveTheSameModel() throws {
        let (x, y, names) = logisticData(rows: 2000)
        let first = try LogisticRegression().fit(x, y, names: names)
        let again = try LogisticRegression().fit(x, y, names: names)
        #expect(first == again)
        var g = Xoshiro256StarStar(seed: 11)
        let order = Array(0..<2000).shuffled(using: &g)
        let permuted = try LogisticRegression().fit(x.selectingRows(order), order.map { y[$0] }, names: names)
        #expect(maxRelativeDifference(estimates(permuted), estimates(first)) < 1e-10)
        let saved = BLAS.threadCount
        BLAS.setThreadCount(1)
        let oneThread = try LogisticRegression().fit(x, y, names: names)
        BLAS.setThreadCount(saved)
        #expect(maxRelativeDifference(estimates(oneThread), estimates(first)) < 1e-10)
    }

    @Test func inputsAreNotChanged() throws {
        let (x, y, names) = logisticData(rows: 500)
        let (x0, y0) = (x, y)
        _ = try LogisticRegression(penalty: .firth).fit(x, y, names: names)
        _ = try LogisticRegression().fit(x, y, names: names)
        #expect(x == x0 && y == y0)
    }

    /// The warm start on a 16th of the rows reaches the same optimum as Newton from the start.
    @Test func warmStartReachesTheSameOptimum() throws {
        let (x, y, names) = logisticData(rows: 240_000, seed: 5)
        let warm = try LogisticRegression().fit(x, y, names: names)
        let cold = try LogisticRegression(warmStart: false).fit(x, y, names: names)
        let tight = try LogisticRegression(tolerance: 1e-15, warmStart: false).fit(x, y, names: names)
        #expect(warm.notes.contains { $0.hasPrefix("warm start") })
        #expect(maxRelativeDifference(estimates(warm), estimates(tight)) < 1e-8)
        #expect(maxRelativeDifference(estimates(cold), estimates(tight)) < 1e-8)
        // Standard errors come from the information before the last step (≤ 1e-3 of a standard error).
        #expect(maxRelativeDifference(warm.coefficients.map { $0.stdError! }, cold.coefficients.map { $0.stdError! }) < 1e-6)
        #expect(abs(warm.deviance - cold.deviance) / cold.deviance < 1e-12)
    }

    @Test func aNonConvergedFitSaysSo() throws {
        let (x, y, names) = logisticData(rows: 500)
        let m = try LogisticRegression(maxIterations: 1).fit(x, y, names: names)
        #expect(!m.converged)
        #expect(m.warnings.contains("the fit did not converge in 1 iterations"))
    }
}
