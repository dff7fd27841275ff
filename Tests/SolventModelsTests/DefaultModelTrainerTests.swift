import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

@Suite struct DefaultModelTrainerTests {
    /// A table: id, three numeric features, a categorical one, a 0/1 target.
    static func table(rows n: Int = 3000, seed: UInt64 = 17) throws -> DataTable {
        var g = Xoshiro256StarStar(seed: seed)
        var a: [Double] = [], b: [Double] = [], c: [String?] = [], y: [Double] = [], ids: [String?] = []
        for i in 0..<n {
            let x1 = g.normal(), x2 = g.normal()
            let level = ["north", "south", "west"][Int(g.nextUnitDouble() * 3)]
            let eta = -1.5 + 1.2 * x1 - 0.7 * x2 + (level == "west" ? 0.8 : 0)
            a.append(x1); b.append(x2); c.append(level); ids.append(String(format: "C%05d", i))
            y.append(g.nextUnitDouble() < 1 / (1 + exp(-eta)) ? 1 : 0)
        }
        return try DataTable([("id", .categorical(CategoricalColumn(ids))), ("a", .numeric(NumericColumn(values: a))),
                              ("b", .numeric(NumericColumn(values: b))), ("region", .categorical(CategoricalColumn(c))),
                              ("bad", .numeric(NumericColumn(values: y)))])
    }

    static func settings(_ method: DefaultModel.Method = .logistic) -> DefaultModelSettings {
        var s = DefaultModelSettings(name: "t", target: "bad", source: "test", solventVersion: "test", createdAt: "2026-11-29T00:00:00Z")
        s.id = "id"
        s.method = method
        return s
    }

    @Test func logisticScoresFollowTheScalingAndTheReasonsRaiseThePD() throws {
        let table = try Self.table()
        let model = try DefaultModelTrainer.train(table, settings: Self.settings())
        #expect(model.coefficients.map(\.name) == ["(Intercept)", "a", "b", "region=south", "region=west"])
        let scores = try model.score(table)
        #expect(scores.count == 3000 && scores[0].id == "C00000")
        for s in scores.prefix(200) {
            // score = offset + factor·ln((1 − pd)/pd).
            let expected = model.scaling.offset + model.scaling.factor * log((1 - s.pd) / s.pd)
            #expect(abs(s.score - expected) < 1e-6)
            #expect(s.band == model.bands.band(for: s.pd))
            #expect(s.reasons.count <= 4 && Set(s.reasons).isSubset(of: ["a", "b", "region"]))
        }
        // A row with a far above the mean (β_a > 0) names "a" first.
        let risky = try #require(scores.indices.max { try! table.numeric("a")[$0]! < table.numeric("a")[$1]! })
        #expect(scores[risky].reasons.first == "a")
        // The file round trip keeps the scores.
        let reread = try DefaultModel.read(model.document().data)
        #expect(try reread.score(table) == scores)
    }

    @Test func scorecardCrossValidationAndOutOfTime() throws {
        var settings = Self.settings(.scorecard)
        settings.folds = 4
        let table = try Self.table()
        let model = try DefaultModelTrainer.train(table, settings: settings)
        #expect(model.scorecard?.binnings.map(\.feature) == ["a", "b", "region"])
        #expect(model.metrics.crossValidation?.folds.count == 4)
        #expect((model.metrics.crossValidation?.meanAUC ?? 0) > 0.7)
        let scores = try model.score(table)
        let card = try Scorecard(binnings: model.scorecard!.binnings, intercept: model.scorecard!.intercept,
                                 coefficients: model.scorecard!.coefficients)
        let first = try card.score([FeatureValue(try table.numeric("a")[0]), FeatureValue(try table.numeric("b")[0]),
                                    FeatureValue(try table.categorical("region")[0])])
        #expect(abs(first.score - scores[0].score) < 1e-9)
        #expect(scores[0].reasons == first.reasonCodes.map(\.feature))

        var oot = Self.settings()
        oot.holdout = .outOfTime(column: "id", cutoff: "C02000")
        let timed = try DefaultModelTrainer.train(table, settings: oot)
        #expect(timed.training.trainingRows == 2000 && timed.training.testRows == 1000)
        #expect(timed.metrics.testDescription == "out of time: id ≥ C02000")
    }

    @Test func errorsSayWhatAndWhere() throws {
        let table = try Self.table(rows: 50)
        var s = Self.settings()
        s.target = "region"
        #expect(throws: ModelError.badLabel(column: "region", row: 0, value: try table.categorical("region")[0]!)) {
            try DefaultModelTrainer.train(table, settings: s)
        }
        s = Self.settings()
        s.exclude = ["nope"]
        #expect(throws: ModelError.self) { try DefaultModelTrainer.train(table, settings: s) }
        let model = try DefaultModelTrainer.train(table, settings: Self.settings())
        #expect(throws: ModelError.featureMismatch(missing: ["b"], extra: [])) {
            try model.score(table.excluding(columns: ["b"]))
        }
        s = Self.settings()
        s.exclude = ["a", "b", "region"]
        #expect(throws: ModelError.empty("no feature columns left after the target, id, weights and --exclude")) {
            try DefaultModelTrainer.train(table, settings: s)
        }
    }
}

@Suite struct ProtectedAttributesTests {
    @Test func matchesWordsNotSubstrings() {
        #expect(ProtectedAttributes.match("personal_status_and_sex") == "sex")
        #expect(ProtectedAttributes.match("Gender") == "gender")
        #expect(ProtectedAttributes.match("foreign.worker") == "foreign")
        #expect(ProtectedAttributes.match("marital-status") == "marital")
        #expect(ProtectedAttributes.match("sextant_reading") == nil)
        #expect(ProtectedAttributes.match("racetrack_visits") == nil)
        #expect(ProtectedAttributes.match("days_late") == nil)
        #expect(throws: ModelError.self) { try ProtectedAttributes.check(features: ["gender", "a"], allowed: []) }
        #expect(throws: Never.self) { try ProtectedAttributes.check(features: ["gender", "a"], allowed: ["gender"]) }
    }
}

@Suite struct RiskBandsTests {
    @Test func bandsByPD() throws {
        let bands = RiskBands.standard
        #expect(bands.band(for: 0) == "A" && bands.band(for: 0.005) == "A" && bands.band(for: 0.0051) == "B")
        #expect(bands.band(for: 0.5) == "G" && bands.band(for: 1) == "G")
        #expect(throws: ModelError.self) { try RiskBands([.init(name: "x", maxPD: 0.5)]) }
        #expect(throws: ModelError.self) { try RiskBands([.init(name: "x", maxPD: 0.5), .init(name: "y", maxPD: 0.2), .init(name: "z", maxPD: 1)]) }
    }
}
