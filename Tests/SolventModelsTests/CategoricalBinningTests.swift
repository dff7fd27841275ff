import Foundation
import Testing
@testable import SolventModels

@Suite struct CategoricalBinningTests {
    func fit(_ table: [(String?, goods: Int, bads: Int)], _ s: WoEBinning = WoEBinning()) throws -> FeatureBinning {
        let (c, y) = countRows(table)
        return try s.fitCategorical(feature: "c", levels: c, labels: y)
    }

    // 148 rows: D and E have 4 rows each (2.7 %), below the 5 % minimum.
    static let table: [(String?, goods: Int, bads: Int)] = [
        ("B", 25, 15), ("A", 40, 10), ("C", 20, 20), ("D", 2, 2), ("E", 3, 1), (nil, 5, 5),
    ]

    @Test func rareLevelsArePooledAndUnseenLevelsGoToOther() throws {
        let b = try fit(Self.table)
        #expect(b.kind == .categorical)
        #expect(b.bins.map(\.label) == ["{A}", "{B}", "{C}", "other {D, E}", "missing"])
        #expect(b.bins[3].goods == 5 && b.bins[3].bads == 3)
        #expect(b.unseenLevelBin == 3)
        #expect(try b.binIndex(for: "Z" as String?) == 3)
        #expect(b.isUnseen("Z") && !b.isUnseen("D") && !b.isUnseen(nil))
        #expect(try b.binIndex(for: "D" as String?) == 3)
        #expect(try b.binIndex(for: nil as String?) == 4)
        let g = 95.0, bad = 53.0
        #expect(abs(b.bins[0].woe - log((40 / g) / (10 / bad))) < 1e-14)
        #expect(try b.woeColumn(["A", nil, "Q"]) == [b.bins[0].woe, b.bins[4].woe, b.bins[3].woe])
    }

    @Test func withoutOtherUnseenLevelsGoToTheWoENearestZero() throws {
        // G = 90, B = 50: WoE A = ln(2.22) = 0.80, B = ln(0.926) = −0.077, C = ln(0.556) = −0.59.
        let b = try fit([("A", 40, 10), ("B", 25, 15), ("C", 20, 20), (nil, 5, 5)])
        #expect(b.bins.map(\.label) == ["{A}", "{B}", "{C}", "missing"])
        #expect(b.unseenLevelBin == 1)
        #expect(try b.binIndex(for: "never seen" as String?) == 1)
    }

    @Test func aLevelOfOneClassJoinsTheNearestBadRate() throws {
        // F is all good (bad rate 0): the nearest bad rate is A's (0.2).
        let b = try fit([("A", 40, 10), ("B", 25, 15), ("C", 20, 20), ("F", 10, 0)])
        #expect(b.bins.map(\.label) == ["{A, F}", "{B}", "{C}", "missing"])
        #expect(b.bins[0].goods == 50 && b.bins.allSatisfy { !$0.adjusted })
    }

    @Test func aPooledOtherOfOneClassMergesToo() throws {
        let b = try fit([("A", 40, 10), ("B", 25, 15), ("C", 20, 20), ("D", 3, 0), ("E", 2, 0)])
        #expect(b.bins.map(\.label) == ["{B}", "{C}", "other {A, D, E}", "missing"])
        #expect(b.unseenLevelBin == 2)
    }

    @Test func maxBinsMergesNeighboursInBadRateOrder() throws {
        let table: [(String?, goods: Int, bads: Int)] = [
            ("E", 20, 30), ("A", 45, 5), ("C", 35, 15), ("B", 44, 6), ("D", 34, 16),
        ]
        #expect(try fit(table).bins.count == 6)
        let b = try fit(table, WoEBinning(maxBins: 3))
        #expect(b.bins.map(\.label) == ["{A, B}", "{C, D}", "{E}", "missing"])
    }

    @Test func onlyMissingLevelsStillScoreEveryLevel() throws {
        let b = try WoEBinning().fitCategorical(feature: "c", levels: [nil, nil, nil], labels: [0, 1, 0])
        #expect(b.bins.map(\.label) == ["other", "missing"])
        #expect(b.unseenLevelBin == 0)
        #expect(try b.woe(for: "A" as String?) == 0)
        #expect(abs(b.informationValue) < 1e-15)
    }

    @Test func lookupErrorsAndCodable() throws {
        let b = try fit(Self.table)
        #expect(throws: ModelError.invalidArgument("feature 'c' is categorical: it takes a level, not the number 3.0")) {
            try b.binIndex(for: 3 as Double?)
        }
        let back = try JSONDecoder().decode(FeatureBinning.self, from: JSONEncoder().encode(b))
        #expect(back == b)
        #expect(try back.binIndex(for: "Z" as String?) == 3)
    }
}
