import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

/// Segments from tables: k given and automatic, names, fills, scoring, model files, bad input.
struct SegmentTrainerTests {
    /// Three well-separated behaviour groups on the profile's feature names, seeded.
    static func behaviourTable(perGroup: Int = 60, seed: UInt64 = 7) throws -> DataTable {
        var g = Xoshiro256StarStar(seed: seed)
        func noise(_ sd: Double) -> Double { (g.nextUnitDouble() - 0.5) * 2 * sd }
        var ids: [String?] = [], late: [Double?] = [], conc: [Double?] = [], disputes: [Double?] = []
        var slope: [Double?] = [], arrears: [Double?] = []
        for group in 0..<3 {
            for i in 0..<perGroup {
                ids.append("C\(group)\(i)")
                switch group {
                case 0: late.append(2 + noise(1.5)); conc.append(0.15 + noise(0.1)); disputes.append(0.01 + noise(0.01))
                case 1: late.append(35 + noise(5)); conc.append(0.9 + noise(0.05)); disputes.append(0.01 + noise(0.01))
                default: late.append(20 + noise(5)); conc.append(0.2 + noise(0.1)); disputes.append(0.35 + noise(0.05))
                }
                slope.append(noise(0.3))
                arrears.append(i % 10 == 0 && group == 0 ? nil : 0)
            }
        }
        return try DataTable([
            ("customer_id", .categorical(CategoricalColumn(ids))),
            ("pb_12m_days_late_mean", .numeric(NumericColumn(late))),
            ("reg_day_concentration", .numeric(NumericColumn(conc))),
            ("dsp_12m_rate", .numeric(NumericColumn(disputes))),
            ("pb_slope_days_late", .numeric(NumericColumn(slope))),
            ("ar_share_91_plus", .numeric(NumericColumn(arrears))),
        ])
    }

    static let features = ["pb_12m_days_late_mean", "reg_day_concentration", "dsp_12m_rate", "pb_slope_days_late", "ar_share_91_plus"]

    func trainer(_ k: SegmentSettings.KChoice, fills: [String: Double] = [:]) -> SegmentTrainer {
        SegmentTrainer(settings: SegmentSettings(k: k, seed: 3, fills: fills), source: "test", createdAt: "2026-11-29T00:00:00Z",
                       solventVersion: "test")
    }

    @Test func automaticKFindsTheThreeGroupsAndNamesThem() throws {
        let table = try Self.behaviourTable()
        let model = try trainer(.auto(lower: 2, upper: 6), fills: ["ar_share_91_plus": 0]).fit(table, features: Self.features, idColumn: "customer_id")
        #expect(model.k == 3)
        let selection = try #require(model.selection)
        #expect(selection.points.map(\.k) == [2, 3, 4, 5, 6])
        #expect(selection.chosen == 3)
        #expect(model.segments.map(\.name) == ["disputers", "fixed-day payers", "punctual"])
        #expect(model.segments.map(\.size) == [60, 60, 60])
        #expect(model.segments.map(\.id) == [1, 2, 3])
        // The missing arrears were filled with the given 0, not the median.
        #expect(model.fills[4] == 0)
        // Centres in original units are the scaled centres transformed back; means are the rows' means.
        for s in model.segments {
            for j in 0..<Self.features.count {
                let back = s.scaledCentre[j] * model.scaling.scales[j] + model.scaling.centres[j]
                #expect(abs(back - s.centre[j]) < 1e-9)
                #expect(abs(s.centre[j] - s.means[j]) < 1e-9 * max(1, abs(s.means[j])))
            }
        }
    }

    @Test func namesDoNotDependOnTheSeed() throws {
        let table = try Self.behaviourTable()
        var names: Set<[String]> = []
        for seed in [1, 2, 3, 99] as [UInt64] {
            let t = SegmentTrainer(settings: SegmentSettings(k: .fixed(3), seed: seed), source: "t", createdAt: "", solventVersion: "")
            names.insert(try t.fit(table, features: Self.features, idColumn: "customer_id").segments.map(\.name))
        }
        #expect(names.count == 1)
    }

    @Test func scoringAssignsTheTrainingRowsToTheirSegments() throws {
        let table = try Self.behaviourTable()
        let model = try trainer(.fixed(3)).fit(table, features: Self.features, idColumn: "customer_id")
        let assigned = try model.assign(table, idColumn: "customer_id")
        #expect(assigned.count == 180)
        #expect(assigned[0].id == "C00")
        #expect(Set(assigned[0..<60].map(\.name)) == ["punctual"])
        #expect(Set(assigned[60..<120].map(\.name)) == ["fixed-day payers"])
        #expect(Set(assigned[120..<180].map(\.name)) == ["disputers"])
        #expect(assigned.allSatisfy { $0.distance >= 0 && $0.distance.isFinite })
    }

    @Test func theModelFileRoundTrips() throws {
        let table = try Self.behaviourTable()
        let model = try trainer(.auto(lower: 2, upper: 4)).fit(table, features: Self.features, idColumn: "customer_id",
                                                               exposure: (0..<180).map { Double($0) })
        let (data, _) = try model.document()
        let back = try SegmentModel.read(data)
        #expect(back.segments == model.segments)
        #expect(back.selection == model.selection)
        #expect(try back.assign(table, idColumn: "customer_id") == model.assign(table, idColumn: "customer_id"))
        #expect(abs(model.segments.compactMap(\.exposureShare).reduce(0, +) - 1) < 1e-12)
    }

    @Test func badInputIsRefusedWithTheReason() throws {
        let table = try Self.behaviourTable()
        #expect(throws: ModelError.invalidArgument("k = 0 must be between 1 and the number of rows (180)")) {
            try trainer(.fixed(0)).fit(table, features: Self.features, idColumn: "customer_id")
        }
        #expect(throws: ModelError.invalidArgument("k = 181 must be between 1 and the number of rows (180)")) {
            try trainer(.fixed(181)).fit(table, features: Self.features, idColumn: "customer_id")
        }
        #expect(throws: ModelError.invalidArgument("--k-range 1..4: automatic k needs 2 ≤ lower < upper")) {
            try trainer(.auto(lower: 1, upper: 4)).fit(table, features: Self.features, idColumn: "customer_id")
        }
        let infinite = try DataTable([("a", .numeric(NumericColumn(values: [1, 2, .infinity, 4])))])
        #expect(throws: ModelError.nonFinite(column: "a", row: 2, value: .infinity)) {
            try trainer(.fixed(2)).fit(infinite, features: ["a"], idColumn: nil)
        }
        let text = try DataTable([("a", .categorical(["x", "y"]))])
        #expect(throws: ModelError.invalidArgument("column 'a' holds text; segment features must be numbers")) {
            try trainer(.fixed(1)).fit(text, features: ["a"], idColumn: nil)
        }
        let model = try trainer(.fixed(3)).fit(table, features: Self.features, idColumn: "customer_id")
        let other = try table.excluding(columns: ["dsp_12m_rate"])
        #expect(throws: ModelError.featureMismatch(missing: ["dsp_12m_rate"], extra: [])) {
            try model.assign(other, idColumn: "customer_id")
        }
    }

    @Test func constantColumnsAndDuplicatePointsWarnInsteadOfFailing() throws {
        let table = try DataTable([
            ("a", .numeric(NumericColumn(values: [1, 1, 1, 5, 5, 5]))),
            ("b", .numeric(NumericColumn(values: [2, 2, 2, 2, 2, 2]))),
        ])
        let model = try trainer(.fixed(3)).fit(table, features: ["a", "b"], idColumn: nil)
        #expect(model.warnings.contains { $0.contains("column 'b' is constant") })
        #expect(model.warnings.contains { $0.contains("only 2 distinct points") })
        #expect(model.segments.allSatisfy { $0.means.allSatisfy(\.isFinite) && $0.centre.allSatisfy(\.isFinite) })
        #expect(model.segments.map(\.name) == ["segment 1", "segment 2", "segment 3"])
    }

    @Test func boundsClampBeforeScalingAndApplyWhenScoring() throws {
        let table = try Self.behaviourTable()
        var settings = SegmentSettings(k: .fixed(3), seed: 3)
        settings.clamp = ["pb_slope_days_late": .init(lower: -0.1, upper: 0.1)]
        let model = try SegmentTrainer(settings: settings, source: "t", createdAt: "", solventVersion: "")
            .fit(table, features: Self.features, idColumn: "customer_id")
        let j = try #require(Self.features.firstIndex(of: "pb_slope_days_late"))
        let slopes = try table.numeric("pb_slope_days_late")
        let clamped = (0..<slopes.count).map { min(max(slopes[$0] ?? 0, -0.1), 0.1) }
        #expect(abs(model.scaling.centres[j] - clamped.reduce(0, +) / Double(clamped.count)) < 1e-12)
        // A wild slope scores like the bound: the same segment and distance.
        var wild = try table.numeric("pb_slope_days_late").values
        wild[0] = 50
        func withSlopes(_ values: [Double]) throws -> DataTable {
            try DataTable(try table.names.map { name in
                (name, name == "pb_slope_days_late" ? .numeric(NumericColumn(values: values)) : try table.column(name))
            })
        }
        let edited = try withSlopes(wild)
        var atBound = wild
        atBound[0] = 0.1
        let bounded = try withSlopes(atBound)
        #expect(try model.assign(edited, idColumn: "customer_id")[0] == model.assign(bounded, idColumn: "customer_id")[0])
        // The bounds travel in the model file; settings without them (older files) read as none.
        let back = try SegmentModel.read(try model.document().0)
        #expect(back.scaling.bounds?[j] == .init(lower: -0.1, upper: 0.1))
        let json = try JSONEncoder().encode(SegmentSettings(k: .fixed(2)))
        var object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        object["clamp"] = nil
        let old = try JSONDecoder().decode(SegmentSettings.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(old.clamp.isEmpty && old == SegmentSettings(k: .fixed(2)))
        #expect(throws: ModelError.invalidArgument("bounds 1.0…0.0 for 'a': the lower bound must not exceed the upper")) {
            try FeatureScaling(fitting: Matrix(rows: 2, columns: 1), names: ["a"], method: .zScore,
                               clamp: ["a": .init(lower: 1, upper: 0)])
        }
        #expect(throws: ModelError.invalidArgument("bounds for 'b', which is not a column (columns: a)")) {
            try FeatureScaling(fitting: Matrix(rows: 2, columns: 1), names: ["a"], method: .zScore,
                               clamp: ["b": .init(lower: 0, upper: 1)])
        }
    }
}
