import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

@Suite struct ScorecardTests {
    /// The hand-worked binning of `handTable` (WoE ln 4, ln 1.5, ln 1/3; missing ln 1/2) under `name`.
    func hand(_ name: String) throws -> FeatureBinning {
        let (x, y) = countRows(handTable)
        let b = try WoEBinning().fitNumeric(feature: "x", values: x, labels: y)
        return try FeatureBinning(feature: name, kind: b.kind, bins: b.bins)
    }

    func categorical() throws -> FeatureBinning {
        let (c, y) = countRows(CategoricalBinningTests.table)
        return try WoEBinning().fitCategorical(feature: "c", levels: c, labels: y)
    }

    @Test func scoreIsOffsetPlusFactorTimesLogOddsOfTheLinearPredictor() throws {
        var rng = Xoshiro256StarStar(seed: 99)
        let n = 400
        var x: [Double?] = [], c: [String?] = [], y: [Int] = []
        for _ in 0..<n {
            let v = rng.normal()
            x.append(rng.nextUnitDouble() < 0.05 ? nil : v)
            c.append(["A", "B", "C", "D", "E"][rng.integer(in: 0...4)])
            y.append(rng.nextUnitDouble() < 1 / (1 + exp(1.2 - v)) ? 1 : 0)
        }
        let bx = try WoEBinning(monotonic: true).fitNumeric(feature: "x", values: x, labels: y)
        let bc = try WoEBinning().fitCategorical(feature: "c", levels: c, labels: y)
        for scaling in [ScorecardScaling.standard, try ScorecardScaling(pdo: 40, baseScore: 300, baseOdds: 9)] {
            let beta = [-0.9 - rng.nextUnitDouble(), -0.2 - rng.nextUnitDouble()], b0 = -1.7
            let card = try Scorecard(binnings: [bx, bc], intercept: b0, coefficients: beta, scaling: scaling)
            for i in 0..<n {
                let eta = b0 + beta[0] * (try bx.woe(for: x[i])) + beta[1] * (try bc.woe(for: c[i]))
                let r = try card.score([FeatureValue(x[i]), FeatureValue(c[i])])
                #expect(abs(r.score - (scaling.offset + scaling.factor * -eta)) < 1e-9)
                #expect(abs(r.probabilityOfDefault - 1 / (1 + exp(-eta))) < 1e-15)
                #expect(abs(scaling.probabilityOfDefault(score: r.score) - r.probabilityOfDefault) < 1e-12)
                #expect(r.features.map(\.points).reduce(0, +) == r.score)
            }
        }
    }

    @Test func pointsFollowTheStatedFormula() throws {
        let card = try Scorecard(binnings: [try hand("a"), try hand("b")], intercept: -2, coefficients: [-1, -0.5])
        let f = card.scaling.factor, o = card.scaling.offset
        #expect(abs(f - 20 / log(2.0)) < 1e-13)
        #expect(abs(card.points[0][0] - (-f * (-1 * log(4.0) + -2 / 2.0) + o / 2)) < 1e-12)
        #expect(abs(card.points[1][3] - (-f * (-0.5 * log(0.5) + -2 / 2.0) + o / 2)) < 1e-12)
        let table = card.pointsTable
        #expect(table.count == 8)
        #expect(table[5] == ScorecardPointsRow(feature: "b", binIndex: 1, bin: "[15, 25)",
                                               woe: card.binnings[1].bins[1].woe, points: card.points[1][1]))
        #expect(card.referencePoints == [card.points[0][0], card.points[1][0]])
        #expect(abs(card.scoreRange.upperBound - (card.points[0][0] + card.points[1][0])) < 1e-12)
        #expect(card.conventionNote.contains("−factor · (β_j · WoE_ij + β_0 / m) + offset / m with m = 2"))
        #expect(card.conventionNote.contains("600 points at odds 50:1, PDO 20"))
    }

    /// Six copies of the hand binning, β = −1 each: shortfall of bin i =
    /// factor · (ln 4 − WoE_i): [15, 25) → ln(8/3), [25, +inf) → ln 12, missing → ln 8.
    @Test func reasonCodesByHand() throws {
        let names = ["f1", "f2", "f3", "f4", "f5", "f6"]
        let card = try Scorecard(binnings: try names.map(hand), intercept: -1, coefficients: Array(repeating: -1, count: 6))
        let f = card.scaling.factor
        let r = try card.score([5, 15, 25, nil, 15, 25])
        #expect(r.reasonCodes.map(\.feature) == ["f3", "f6", "f4", "f2"])
        #expect(abs(r.reasonCodes[0].shortfall - f * log(12.0)) < 1e-10)
        #expect(abs(r.reasonCodes[2].shortfall - f * log(8.0)) < 1e-10)
        #expect(abs(r.reasonCodes[3].shortfall - f * log(8.0 / 3)) < 1e-10)
        #expect(r.reasonCodes[2].bin == "missing")
        #expect(r.reasonCodes[0].referencePoints == card.referencePoints[2])
        #expect(try card.score([5, 15, 25, nil, 15, 25], reasonCodes: 2).reasonCodes.map(\.feature) == ["f3", "f6"])
        let best = try card.score([1, 2, 3, 4, 5, 6])
        #expect(best.reasonCodes.isEmpty)
        #expect(abs(best.score - card.scoreRange.upperBound) < 1e-12)
    }

    @Test func aPositiveCoefficientTakesItsBestBinAsTheReference() throws {
        let card = try Scorecard(binnings: [try hand("odd")], intercept: 0, coefficients: [0.5])
        #expect(card.referencePoints[0] == card.points[0][2])    // lowest WoE → most points
        let r = try card.score([5])
        #expect(r.reasonCodes.map(\.bin) == ["[-inf, 15)"])
    }

    @Test func rowsByNameAndUnseenLevels() throws {
        let card = try Scorecard(binnings: [try hand("x"), try categorical()], intercept: -2, coefficients: [-1, -1])
        let r = try card.score(["x": 17, "c": "brand new"])
        #expect(r.unseenLevels.map(\.feature) == ["c"])
        #expect(r.features[1].unseenLevel == "brand new" && r.features[1].bin == "other {D, E}")
        #expect(try card.score(["x": 17, "c": "A"]).unseenLevels.isEmpty)
        #expect(r.conventionNote.contains("higher WoE = safer"))
        #expect(throws: ModelError.featureMismatch(missing: ["c"], extra: ["zzz"])) {
            try card.score(["x": 1, "zzz": "A"])
        }
    }

    @Test func errors() throws {
        let x = try hand("x"), c = try categorical()
        #expect(throws: ModelError.empty("a scorecard needs at least one feature binning")) {
            try Scorecard(binnings: [], intercept: 0, coefficients: [])
        }
        #expect(throws: ModelError.invalidArgument("1 coefficients for 2 features; give one per feature")) {
            try Scorecard(binnings: [x, c], intercept: 0, coefficients: [1])
        }
        #expect(throws: ModelError.invalidArgument("the coefficient of 'c' is inf; it must be finite")) {
            try Scorecard(binnings: [x, c], intercept: 0, coefficients: [1, .infinity])
        }
        #expect(throws: ModelError.invalidArgument("feature 'x' appears twice in the scorecard")) {
            try Scorecard(binnings: [x, x], intercept: 0, coefficients: [1, 1])
        }
        let card = try Scorecard(binnings: [x, c], intercept: 0, coefficients: [-1, -1])
        #expect(throws: ModelError.invalidArgument("the row has 1 values for 2 features (x, c)")) {
            try card.score([1])
        }
        #expect(throws: ModelError.invalidArgument("feature 'c' is categorical: it takes a level, not the number 2.0")) {
            try card.score([1, 2])
        }
        #expect(throws: ModelError.invalidArgument("feature 'x' is numeric: it takes a number, not the level 'A'")) {
            try card.score(["A", "A"])
        }
        #expect(throws: ModelError.invalidArgument("reasonCodes must be at least 0; got -1")) {
            try card.score([1, "A"], reasonCodes: -1)
        }
    }

    @Test func codableRoundTrip() throws {
        let card = try Scorecard(binnings: [try hand("x"), try categorical()], intercept: -2.5, coefficients: [-0.8, -1.1],
                                 scaling: try ScorecardScaling(pdo: 50, baseScore: 500, baseOdds: 20))
        let json = try JSONEncoder().encode(card)
        #expect(try JSONDecoder().decode(Scorecard.self, from: json) == card)
        #expect(String(decoding: json, as: UTF8.self).contains("\"convention\""))
    }
}
