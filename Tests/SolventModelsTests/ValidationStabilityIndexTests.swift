import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

/// PSI and CSI on examples worked by hand, the share floor, tied cuts, the reading, the errors.
@Suite struct ValidationStabilityIndexTests {
    private let oneToTen = (1...10).map(Double.init)

    /// Expected 1…10 in 2 bins: the median is h = 9·½ = 4.5 → 5.5, bins (−∞, 5.5] and (5.5, ∞).
    /// Actual 1…8: 5 and 3 rows, shares ⅝ and ⅜ against ½ and ½.
    @Test func psiOfTwoBinsByHand() throws {
        let s = try StabilityIndex.population(expected: oneToTen, actual: (1...8).map(Double.init), bins: 2)
        #expect(s.bins.map(\.label) == ["(-inf, 5.5]", "(5.5, +inf)"])
        #expect(s.bins.map(\.lower) == [nil, 5.5])
        #expect(s.bins.map(\.upper) == [5.5, nil])
        #expect(s.bins.map(\.expectedCount) == [5, 5])
        #expect(s.bins.map(\.actualCount) == [5, 3])
        #expect(s.bins.map(\.expectedShare) == [0.5, 0.5])
        #expect(s.bins.map(\.actualShare) == [0.625, 0.375])
        let total = 0.125 * log(1.25) + 0.125 * log(0.5 / 0.375)
        #expect(abs(s.total - total) < 1e-15)
        #expect(abs(s.total - 0.0638532) < 1e-7)
        #expect(s.stability == .stable)
    }

    /// An empty actual bin is floored at 1e-4: (1e-4 − ½)·ln(1e-4/½) = 4.26, finite.
    @Test func anEmptyBinIsFlooredAndFinite() throws {
        let s = try StabilityIndex.population(expected: oneToTen, actual: [1, 2, 3], bins: 2)
        #expect(StabilityIndex.shareFloor == 1e-4)
        #expect(s.bins.map(\.actualShare) == [1, 0])
        let total = 0.5 * log(2) + (1e-4 - 0.5) * log(1e-4 / 0.5)
        #expect(abs(s.total - total) < 1e-14)
        #expect(s.total.isFinite)
        #expect(s.stability == .shifted)
    }

    /// Ties merge cuts: of the deciles of [1 ×8, 2, 3] (h = 0.9, 1.8, …, 8.1) the first
    /// seven are 1, then 1 + 0.2·1 ≈ 1.2 and 2 + 0.1·1 ≈ 2.1, so 4 bins, not 10. The cuts are
    /// numpy's to the bit: `np.quantile(x, np.arange(1, 10) / 10)`.
    @Test func tiedCutsAreMerged() throws {
        let expected: [Double] = [3, 1, 1, 1, 2, 1, 1, 1, 1, 1]
        let s = try StabilityIndex.population(expected: expected, actual: [1, 1.1, 1.5, 5])
        #expect(s.bins.map(\.upper) == [1, 1.2000000000000002, 2.0999999999999996, nil])
        #expect(s.bins.map(\.expectedCount) == [8, 0, 1, 1])
        #expect(s.bins.map(\.actualCount) == [1, 1, 1, 1])
        #expect(s.bins[1].label == "(1.0, 1.2000000000000002]")
        #expect(StabilityIndex.defaultBins == 10)
    }

    @Test func quantilesAreNumpysLinearInterpolation() {
        let x: [Double] = [1, 2, 4, 8]
        #expect(SampleQuantile.linear(sorted: x, 0) == 1)
        #expect(SampleQuantile.linear(sorted: x, 1) == 8)
        #expect(SampleQuantile.linear(sorted: x, 0.5) == 3)          // h = 1.5
        #expect(SampleQuantile.linear(sorted: x, 0.25) == 1.75)      // h = 0.75: 2 − 1·0.25
        #expect(SampleQuantile.linear(sorted: [7], 0.3) == 7)
    }

    @Test func theSameSampleIsStable() throws {
        let s = try StabilityIndex.population(expected: oneToTen, actual: oneToTen.reversed())
        #expect(s.total == 0)
        #expect(s.bins.count == 9 + 1)
        #expect(s.stability == .stable)
    }

    @Test func theConventionalReading() {
        #expect(StabilityIndex.Stability(index: 0.0999) == .stable)
        #expect(StabilityIndex.Stability(index: 0.1) == .monitor)
        #expect(StabilityIndex.Stability(index: 0.25) == .monitor)
        #expect(StabilityIndex.Stability(index: 0.2501) == .shifted)
    }

    /// Labels a, b (expected), then c (only in actual): e = ½, ½, 0 and a = ¼, ½, ¼.
    @Test func csiByHand() throws {
        let s = try StabilityIndex.characteristic(expected: ["a", "b", "a", "b"], actual: ["c", "b", "a", "b"])
        #expect(s.bins.map(\.label) == ["a", "b", "c"])
        #expect(s.bins.allSatisfy { $0.lower == nil && $0.upper == nil })
        #expect(s.bins.map(\.expectedShare) == [0.5, 0.5, 0])
        #expect(s.bins.map(\.actualShare) == [0.25, 0.5, 0.25])
        let total = -0.25 * log(0.5) + 0 + (0.25 - 1e-4) * log(0.25 / 1e-4)
        #expect(abs(s.total - total) < 1e-15)
        #expect(s.stability == .shifted)
    }

    @Test func csiPerFeature() throws {
        let out = try StabilityIndex.characteristic(
            expected: ["region": ["n", "s"], "size": ["L", "S", "S"]],
            actual: ["region": ["n", "s"], "size": ["L", "L", "S"]])
        #expect(out["region"]?.total == 0)
        #expect((out["size"]?.total ?? 0) > 0)
        let mismatch = #expect(throws: ModelError.self) {
            try StabilityIndex.characteristic(expected: ["a": ["x"], "b": ["x"]], actual: ["b": ["x"], "c": ["x"]])
        }
        #expect(mismatch == .featureMismatch(missing: ["a"], extra: ["c"]))
        let empty = #expect(throws: ModelError.self) {
            try StabilityIndex.characteristic(expected: ["a": ["x"]], actual: ["a": []])
        }
        #expect(empty?.description == "not enough data: no actual rows for feature 'a'")
    }

    @Test func errorsSayWhatIsWrong() {
        func message(_ body: () throws(ModelError) -> StabilityIndex) -> String? {
            do { _ = try body(); return nil } catch { return error.description }
        }
        #expect(message { () throws(ModelError) in try .population(expected: oneToTen, actual: [1], bins: 1) }
                == "invalid argument: bins must be at least 2, got 1")
        #expect(message { () throws(ModelError) in try .population(expected: [], actual: [1]) }
                == "not enough data: no expected scores")
        #expect(message { () throws(ModelError) in try .population(expected: [1], actual: []) }
                == "not enough data: no actual scores")
        #expect(message { () throws(ModelError) in try .population(expected: [1, .nan], actual: [1]) }
                == "non-finite value nan in column 'expected score' at row 2")
        #expect(message { () throws(ModelError) in try .population(expected: [1], actual: [1, 2, -.infinity]) }
                == "non-finite value -inf in column 'actual score' at row 3")
        #expect(message { () throws(ModelError) in try .characteristic(expected: [], actual: ["a"]) }
                == "not enough data: no expected rows")
    }
}
