import Foundation
import Testing
@testable import SolventModels

/// The calibration table and Hosmer–Lemeshow on tiny tables worked by hand.
@Suite struct ValidationCalibrationTests {
    /// 6 rows, 3 groups: block midpoints 0.5…5.5 give G·mid/W = 0.25, 0.75 | 1.25, 1.75 | 2.25, 2.75.
    /// Groups (N, E, O): (2, 0.3, 0), (2, 0.7, 1), (2, 1.4, 2);
    /// Ĉ = 0.09/(0.3·0.85) + 0.09/(0.7·0.65) + 0.36/(1.4·0.3) = 6/17 + 18/91 + 6/7 = 2178/1547, df 1.
    @Test func hosmerLemeshowOnATinyTable() throws {
        let v = try BinaryValidation(labels: [0, 0, 1, 0, 1, 1],
                                     probabilities: [0.1, 0.2, 0.3, 0.4, 0.6, 0.8], groups: 3)
        let hl = try #require(v.hosmerLemeshow)
        #expect(abs(hl.statistic - 2178.0 / 1547) < 1e-14)
        #expect(hl.degreesOfFreedom == 1)
        #expect(hl.groupsUsed == 3)
        // χ²(1) upper tail = erfc(√(x/2)).
        #expect(abs(hl.pValue - erfc((hl.statistic / 2).squareRoot())) < 1e-14)
        #expect(v.calibration.map(\.group) == [1, 2, 3])
        #expect(v.calibration.map(\.rows) == [2, 2, 2])
        #expect(v.calibration.map(\.observedPositives) == [0, 1, 2])
        let expected: [Double] = [0.3, 0.7, 1.4]
        for (g, e) in zip(v.calibration, expected) { #expect(abs(g.expectedPositives - e) < 1e-15) }
        #expect(v.calibration.map(\.minPredicted) == [0.1, 0.3, 0.6])
        #expect(v.calibration.map(\.maxPredicted) == [0.2, 0.4, 0.8])
        #expect(v.calibration.map(\.observedRate) == [0, 0.5, 1])
        #expect(abs(v.calibration[2].meanPredicted - 0.7) < 1e-15)
    }

    /// A tie block stays in one group, the group of its weight midpoint: 0.1 ×4 has
    /// midpoint 2 of W = 6, 3·2/6 = 1 → group 2; group 1 stays empty and is not listed.
    /// Two groups used leave no degree of freedom: no Hosmer–Lemeshow test.
    @Test func tiesShareAGroupAndMayLeaveGroupsEmpty() throws {
        let v = try BinaryValidation(labels: [0, 0, 1, 0, 0, 1],
                                     probabilities: [0.1, 0.1, 0.1, 0.1, 0.5, 0.9], groups: 3)
        #expect(v.calibration.map(\.group) == [2, 3])
        #expect(v.calibration.map(\.rows) == [4, 2])
        #expect(v.hosmerLemeshow == nil)
    }

    /// Without ties, n = 25 rows in 10 groups: row k (0-based) has midpoint k + ½ and goes to
    /// group ⌊(k + ½)/2.5⌋ + 1, so the sizes are 2, 3, 2, 3, …
    @Test func groupsAreNearEqualByRank() throws {
        let p = (0..<25).map { Double($0 + 1) / 26 }
        let y = (0..<25).map { $0 % 3 == 0 ? 1 : 0 }
        let v = try BinaryValidation(labels: y, probabilities: p)
        #expect(v.calibration.map(\.rows) == [2, 3, 2, 3, 2, 3, 2, 3, 2, 3])
        #expect(v.hosmerLemeshow?.degreesOfFreedom == 8)
        #expect(v.groups == 10)
    }

    /// Weights move the cuts: the heavy first row (w 4 of W = 6) fills groups 1 and 2
    /// (midpoint 2 → 3·2/6 = 1, group 2).
    @Test func groupsAreCutOnTheWeight() throws {
        let v = try BinaryValidation(labels: [0, 1, 0], probabilities: [0.1, 0.5, 0.9],
                                     weights: [4, 1, 1], groups: 3)
        #expect(v.calibration.map(\.group) == [2, 3])
        #expect(v.calibration.map(\.weight) == [4, 2])
    }

    /// A group whose probabilities are all 0 has no variance: it adds 0 when nothing is observed.
    @Test func zeroVarianceGroupAddsNothingWhenExact() throws {
        let table = [0.0, 0.5, 0.5, 0.5].enumerated().map { g, p in
            BinaryValidation.CalibrationGroup(group: g + 1, rows: 2, weight: 2, minPredicted: p, maxPredicted: p,
                                              meanPredicted: p, observedRate: p, expectedPositives: 2 * p,
                                              observedPositives: 2 * p)
        }
        let hl = try #require(try Calibration(table: table).hosmerLemeshow())
        #expect(hl.statistic == 0)
        #expect(hl.pValue == 1)
        #expect(hl.degreesOfFreedom == 2)
    }

    @Test func fewerThanThreeGroupsIsAnError() {
        let e = #expect(throws: ModelError.self) {
            try BinaryValidation(labels: [0, 1], probabilities: [0.2, 0.8], groups: 2)
        }
        #expect(e?.description
                == "invalid argument: groups must be at least 3 (Hosmer–Lemeshow has groups − 2 degrees of freedom), got 2")
    }
}
