import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

/// Brier score and log-loss by hand, and the properties of `BinaryValidation`:
/// weights equal repetition, row order does not matter, inputs give the same value twice.
@Suite struct ValidationBinaryValidationTests {
    @Test func brierAndLogLossOfFourPointsByHand() throws {
        let v = try BinaryValidation(labels: [0, 0, 1, 1], probabilities: [0.1, 0.4, 0.35, 0.8])
        #expect(abs(v.brier - (0.01 + 0.16 + 0.4225 + 0.04) / 4) < 1e-16)
        let logLoss = -(log(0.9) + log(0.6) + log(0.35) + log(0.8)) / 4
        #expect(abs(v.logLoss - logLoss) < 1e-15)
        #expect(abs(v.logLoss - 0.47228795380917615) < 1e-15)     // scikit-learn 1.9.1 log_loss
        #expect(v.rows == 4)
        #expect(v.positives == 2)
        #expect(v.weight == 4)
    }

    /// A probability of 0 for a default is clipped to ε = 1e-15: ln(1e15) ≈ 34.5, not ∞.
    @Test func logLossClipsAtEpsilon() throws {
        let v = try BinaryValidation(labels: [1, 0, 0], probabilities: [0, 0.5, 1])
        #expect(BinaryValidation.logLossEpsilon == 1e-15)
        let expected = -(log(1e-15) + log(0.5) + log1p(-(1 - 1e-15))) / 3
        #expect(abs(v.logLoss - expected) < 1e-13)
        #expect(v.logLoss.isFinite)
        #expect(abs(v.brier - (1 + 0.25 + 1) / 3) < 1e-16)
    }

    @Test func doubleLabelsGiveTheSameAsIntegerLabels() throws {
        let p = [0.1, 0.4, 0.35, 0.8, 0.35]
        let a = try BinaryValidation(labels: [0, 0, 1, 1, 0], probabilities: p)
        let b = try BinaryValidation(labels: [0.0, 0.0, 1.0, 1.0, 0.0], probabilities: p)
        #expect(a == b)
    }

    /// A seeded sample with tied scores, integer weights 0…3.
    private static func sample(rows n: Int, seed: UInt64) -> (y: [Int], p: [Double], w: [Double]) {
        var rng = Xoshiro256StarStar(seed: seed)
        var y: [Int] = [], p: [Double] = [], w: [Double] = []
        for i in 0..<n {
            let score = (rng.uniform(0.01, 0.6) * 50).rounded() / 50       // ties: 30 distinct values
            p.append(score)
            y.append(i < 2 ? i : (rng.bernoulli(score) ? 1 : 0))
            w.append(i < 2 ? 1 : Double(rng.integer(in: 0...3)))
        }
        return (y, p, w)
    }

    /// Every metric (not `rows`, which counts distinct rows) within 1e-12 relative.
    private func expectSameMetrics(_ a: BinaryValidation, _ b: BinaryValidation) {
        func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-12 * max(1, abs(y)) }
        #expect(close(a.weight, b.weight) && close(a.positives, b.positives))
        #expect(close(a.auc, b.auc) && close(a.gini, b.gini))
        #expect(close(a.ks, b.ks) && a.ksThreshold == b.ksThreshold)
        #expect(close(a.brier, b.brier) && close(a.logLoss, b.logLoss))
        #expect(a.hosmerLemeshow?.degreesOfFreedom == b.hosmerLemeshow?.degreesOfFreedom)
        #expect(close(a.hosmerLemeshow?.statistic ?? .nan, b.hosmerLemeshow?.statistic ?? .nan))
        #expect(close(a.hosmerLemeshow?.pValue ?? .nan, b.hosmerLemeshow?.pValue ?? .nan))
        #expect(a.calibration.map(\.group) == b.calibration.map(\.group))
        #expect(a.calibration.map(\.minPredicted) == b.calibration.map(\.minPredicted))
        #expect(a.calibration.map(\.maxPredicted) == b.calibration.map(\.maxPredicted))
        for (g, h) in zip(a.calibration, b.calibration) {
            #expect(close(g.weight, h.weight) && close(g.expectedPositives, h.expectedPositives)
                    && close(g.observedPositives, h.observedPositives) && close(g.meanPredicted, h.meanPredicted)
                    && close(g.observedRate, h.observedRate))
        }
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func weightsEqualRepetition(seed: UInt64) throws {
        let (y, p, w) = Self.sample(rows: 300, seed: seed)
        var ry: [Int] = [], rp: [Double] = []
        for i in y.indices {
            for _ in 0..<Int(w[i]) { ry.append(y[i]); rp.append(p[i]) }
        }
        let weighted = try BinaryValidation(labels: y, probabilities: p, weights: w)
        let repeated = try BinaryValidation(labels: ry, probabilities: rp)
        expectSameMetrics(weighted, repeated)
        #expect(weighted.rows == w.filter { $0 > 0 }.count)
        #expect(repeated.rows == Int(w.reduce(0, +)))
    }

    @Test func zeroWeightIsTheRowRemoved() throws {
        let (y, p, w) = Self.sample(rows: 200, seed: 7)
        let kept = y.indices.filter { w[$0] > 0 }
        let weighted = try BinaryValidation(labels: y, probabilities: p, weights: w)
        let removed = try BinaryValidation(labels: kept.map { y[$0] }, probabilities: kept.map { p[$0] },
                                           weights: kept.map { w[$0] })
        #expect(weighted == removed)
    }

    @Test(arguments: [11 as UInt64, 12])
    func rowOrderDoesNotMatter(seed: UInt64) throws {
        let (y, p, w) = Self.sample(rows: 400, seed: seed)
        var rng = Xoshiro256StarStar(seed: seed + 100)
        let order = Array(y.indices).shuffled(using: &rng)
        let a = try BinaryValidation(labels: y, probabilities: p, weights: w)
        let b = try BinaryValidation(labels: order.map { y[$0] }, probabilities: order.map { p[$0] },
                                     weights: order.map { w[$0] })
        expectSameMetrics(a, b)
        #expect(a.rows == b.rows)
        #expect(a.calibration.map(\.rows) == b.calibration.map(\.rows))
    }

    @Test func computingTwiceGivesTheSameValueAndItRoundTripsThroughJSON() throws {
        let (y, p, w) = Self.sample(rows: 100, seed: 5)
        let a = try BinaryValidation(labels: y, probabilities: p, weights: w)
        let b = try BinaryValidation(labels: y, probabilities: p, weights: w)
        #expect(a == b)
        let decoded = try JSONDecoder().decode(BinaryValidation.self, from: JSONEncoder().encode(a))
        #expect(decoded == a)
    }
}
