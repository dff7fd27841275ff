import Foundation
import Testing
@testable import SolventModels

@Suite struct FeatureBinningTests {
    /// G = 98 goods, B = 64 bads. −1 is all bad; 777 is declared but never seen.
    static let table: [(Double?, goods: Int, bads: Int)] = [
        (1, 30, 5), (2, 25, 10), (3, 20, 15), (4, 15, 20), (-1, 0, 6), (9999, 3, 3), (nil, 5, 5),
    ]

    func specialBinning() throws -> FeatureBinning {
        let (x, y) = countRows(Self.table)
        return try WoEBinning(specialValues: [9999, -1, 777]).fitNumeric(feature: "x", values: x, labels: y)
    }

    @Test func missingAndSpecialValuesGetBinsOfTheirOwn() throws {
        let b = try specialBinning()
        #expect(b.bins.map(\.label) == ["[-inf, 2)", "[2, 3)", "[3, 4)", "[4, +inf)",
                                        "special -1", "special 777", "special 9999", "missing"])
        let minusOne = b.bins[4], unseen = b.bins[5], code = b.bins[6], missing = b.bins[7]
        #expect(minusOne.adjusted && minusOne.goods == 0 && minusOne.bads == 6)
        #expect(abs(minusOne.woe - log((0.5 / 98) / (6.5 / 64))) < 1e-14)
        #expect(abs(minusOne.ivContribution - (0.5 / 98 - 6.5 / 64) * minusOne.woe) < 1e-14)
        #expect(unseen.woe == 0 && unseen.ivContribution == 0 && unseen.share == 0 && unseen.badRate == nil)
        #expect(!unseen.adjusted)
        #expect(abs(code.woe - log((3.0 / 98) / (3.0 / 64))) < 1e-14)
        #expect(abs(missing.woe - log((5.0 / 98) / (5.0 / 64))) < 1e-14)
        #expect(b.missingBin == 7)
    }

    @Test func everyValueFallsIntoExactlyOneBin() throws {
        let b = try specialBinning()
        #expect(try b.binIndex(for: -1 as Double?) == 4)
        #expect(try b.binIndex(for: 777 as Double?) == 5)
        #expect(try b.binIndex(for: 9999 as Double?) == 6)
        #expect(try b.binIndex(for: nil as Double?) == 7)
        #expect(try b.binIndex(for: -1e300 as Double?) == 0)
        #expect(try b.binIndex(for: 1.999999 as Double?) == 0)
        #expect(try b.binIndex(for: 2 as Double?) == 1)   // [2, 3) is closed on the left
        #expect(try b.binIndex(for: 9998.5 as Double?) == 3)
        #expect(try b.binIndex(for: 1e300 as Double?) == 3)
        #expect(try b.woe(for: 9999 as Double?) == b.bins[6].woe)
        #expect(try b.woeColumn([1, nil, -1]) == [b.bins[0].woe, b.bins[7].woe, b.bins[4].woe])
    }

    @Test func aFeatureWithoutMissingValuesStillScoresThem() throws {
        let (x, y) = countRows(handTable.filter { $0.0 != nil })
        let b = try WoEBinning().fitNumeric(feature: "x", values: x, labels: y)
        #expect(b.bins.last?.rule == .missing)
        #expect(try b.woe(for: nil as Double?) == 0)
    }

    @Test func aLoneIntervalOfOneClassIsAdjusted() throws {
        let (x, y) = countRows([(1, 10, 0), (2, 10, 0), (nil, 0, 10)] as [(Double?, goods: Int, bads: Int)])
        let b = try WoEBinning().fitNumeric(feature: "x", values: x, labels: y)
        #expect(b.bins.map(\.label) == ["[-inf, +inf)", "missing"])
        #expect(b.bins.allSatisfy { $0.adjusted })
        #expect(abs(b.bins[0].woe - log((20.5 / 20) / (0.5 / 10))) < 1e-14)
        #expect(abs(b.bins[1].woe - log((0.5 / 20) / (10.5 / 10))) < 1e-14)
    }

    @Test func lookupErrors() throws {
        let b = try specialBinning()
        #expect(throws: ModelError.invalidArgument("feature 'x' is numeric: it takes a number, not the level 'A'")) {
            try b.binIndex(for: "A" as String?)
        }
        #expect(throws: ModelError.invalidArgument("feature 'x': value inf is not finite (use nil for a missing value)")) {
            try b.binIndex(for: Double.infinity as Double?)
        }
        #expect(throws: ModelError.nonFinite(column: "x", row: 1, value: -.infinity)) {
            try b.woeColumn([1, -.infinity])
        }
    }

    @Test func codableRoundTripWritesInfiniteEndsAsNull() throws {
        let b = try specialBinning()
        let json = try JSONEncoder().encode(b)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"lower\":null"))
        #expect(text.contains("\"upper\":null"))
        #expect(text.contains("higher WoE = safer"))
        #expect(try JSONDecoder().decode(FeatureBinning.self, from: json) == b)
    }

    @Test func theStructureIsChecked() throws {
        func bin(_ rule: BinRule) -> WoEBin {
            WoEBin(rule: rule, goods: 1, bads: 1, share: 0.5, woe: 0, ivContribution: 0, adjusted: false)
        }
        #expect(throws: ModelError.invalidArgument("binning of 'x': the intervals must run contiguously from -inf to +inf")) {
            try FeatureBinning(feature: "x", kind: .numeric, bins: [
                bin(.interval(lower: -.infinity, upper: 1)), bin(.interval(lower: 2, upper: .infinity)), bin(.missing)])
        }
        #expect(throws: ModelError.invalidArgument("binning of 'x': needs exactly one missing bin, as the last bin")) {
            try FeatureBinning(feature: "x", kind: .numeric, bins: [bin(.interval(lower: -.infinity, upper: .infinity))])
        }
        #expect(throws: ModelError.invalidArgument("binning of 'c': level 'A' is in two bins")) {
            try FeatureBinning(feature: "c", kind: .categorical, bins: [bin(.levels(["A"])), bin(.levels(["A", "B"])), bin(.missing)],
                               unseenLevelBin: 0)
        }
        #expect(throws: ModelError.invalidArgument("binning of 'c': the unseen-level bin must be one of the level bins (0..<1), got 1")) {
            try FeatureBinning(feature: "c", kind: .categorical, bins: [bin(.levels(["A"])), bin(.missing)], unseenLevelBin: 1)
        }
        var json = String(decoding: try JSONEncoder().encode(try specialBinning()), as: UTF8.self)
        json = json.replacingOccurrences(of: "\"type\":\"missing\"", with: "\"type\":\"lost\"")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(FeatureBinning.self, from: Data(json.utf8)) }
    }
}
