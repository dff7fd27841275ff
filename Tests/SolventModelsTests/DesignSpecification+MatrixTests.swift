import Testing
import SolventNumerics
@testable import SolventModels

@Suite struct DesignMatrixTests {
    let ignoring: Set<String> = ["id", "default"]

    @Test func valuesByHand() throws {
        let t = try creditTable()
        let spec = try DesignSpecification(fitting: t, features: creditFeatures, missing: .indicator)
        let x = try spec.design(for: t, ignoring: ignoring)
        // (Intercept), age, age (missing), housing=own, housing=rent, purpose=tv, purpose (missing), income
        let expected = try Matrix(rowArrays: [
            [1, 30, 0, 0, 1, 0, 0, 1.5],   // rent, car
            [1, 40, 1, 1, 0, 0, 1, 2.5],   // age missing → median 40; own; purpose missing
            [1, 50, 0, 0, 0, 0, 0, 3.5],   // free (reference), car (reference)
            [1, 40, 0, 1, 0, 1, 0, 4.5],   // own, tv
        ])
        #expect(x == expected)
    }

    @Test func newDataGetsTheTrainingColumns() throws {
        let spec = try DesignSpecification(fitting: creditTable(), features: creditFeatures, missing: .indicator)
        let new = try DataTable([
            ("purpose", .categorical(["tv", "tv"])),
            ("age", .numeric([nil, 21])),
            ("housing", .categorical(["free", "rent"])),
            ("income", .numeric([9, 8])),
        ])
        let x = try spec.design(for: new)
        #expect(x == (try Matrix(rowArrays: [[1, 40, 1, 0, 0, 1, 0, 9], [1, 21, 0, 0, 1, 1, 0, 8]])))
    }

    @Test func interceptOnly() throws {
        let t = try creditTable()
        let spec = try DesignSpecification(fitting: t, features: [])
        let x = try spec.design(for: t, allowingExtraColumns: true)
        #expect(x.rows == 4 && x.columns == 1 && x.storage == [1, 1, 1, 1])
    }

    @Test func unseenLevelNamesFeatureLevelAndFirstRow() throws {
        let spec = try DesignSpecification(fitting: creditTable(), features: ["housing"])
        let new = try DataTable([("housing", .categorical(["own", "castle", "castle"]))])
        #expect(throws: ModelError.invalidArgument("feature 'housing' has level 'castle' at row 2, "
                                                   + "which the model never saw in training (its levels: 'free', 'own', 'rent')")) {
            try spec.design(for: new)
        }
    }

    @Test func missingAtScoringWithoutAnIndicatorIsAnError() throws {
        let spec = try DesignSpecification(fitting: creditTable(), features: ["income", "housing"], missing: .indicator)
        let noIncome = try DataTable([("income", .numeric([1, nil])), ("housing", .categorical(["own", "own"]))])
        #expect(throws: ModelError.invalidArgument(
            "missing value in feature 'income' at row 2 (the model has no missing-value indicator for this feature)")) {
            try spec.design(for: noIncome)
        }
        let noHousing = try DataTable([("income", .numeric([1, 2])), ("housing", .categorical(["own", nil]))])
        #expect(throws: ModelError.invalidArgument(
            "missing value in feature 'housing' at row 2 (the model has no missing-value indicator for this feature)")) {
            try spec.design(for: noHousing)
        }
    }

    @Test func featureMismatchListsMissingAndExtra() throws {
        let spec = try DesignSpecification(fitting: creditTable(), features: creditFeatures, missing: .indicator)
        let new = try DataTable([("id", .categorical(["a"])), ("age", .numeric([1])),
                                 ("housing", .categorical(["own"])), ("zip", .numeric([1]))])
        #expect(throws: ModelError.featureMismatch(missing: ["purpose", "income"], extra: ["zip"])) {
            try spec.design(for: new, ignoring: ["id"])
        }
        let message = ModelError.featureMismatch(missing: ["purpose", "income"], extra: ["zip"]).description
        #expect(message == "the data's features are not the model's: missing purpose, income; not in the model zip")
    }

    @Test func extraColumnsCanBeIgnored() throws {
        let t = try creditTable()
        let spec = try DesignSpecification(fitting: t, features: ["income"])
        #expect(throws: ModelError.featureMismatch(missing: [], extra: ["id", "age", "housing", "purpose", "default"])) {
            try spec.design(for: t)
        }
        let x = try spec.design(for: t, allowingExtraColumns: true)
        #expect(x.column(1) == [1.5, 2.5, 3.5, 4.5])
        #expect(spec.mismatch(with: t, ignoring: ignoring).extra == ["age", "housing", "purpose"])
    }

    @Test func nonFiniteAtDesignNamesColumnRowAndValue() throws {
        let spec = try DesignSpecification(fitting: creditTable(), features: ["age"], missing: .indicator)
        let new = try DataTable([("age", .numeric([nil, 20, -.infinity]))])
        #expect(throws: ModelError.nonFinite(column: "age", row: 2, value: -.infinity)) {
            try spec.design(for: new)
        }
        let plain = try DesignSpecification(fitting: creditTable(), features: ["income"])
        let nan = try DataTable([("income", .numeric([1, .nan]))])
        let error = #expect(throws: ModelError.self) { try plain.design(for: nan) }
        guard case .nonFinite(let column, let row, let value)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(column == "income" && row == 1 && value.isNaN)
    }

    @Test func kindsMustMatch() throws {
        let spec = try DesignSpecification(fitting: creditTable(), features: ["income", "housing"])
        let textIncome = try DataTable([("income", .categorical([nil, "high"])), ("housing", .categorical(["own", "own"]))])
        #expect(throws: ModelError.invalidArgument(
            "feature 'income' is numeric in the model, but the data's column is text ('high' at row 2)")) {
            try spec.design(for: textIncome)
        }
        let numericHousing = try DataTable([("income", .numeric([1, 2])), ("housing", .numeric([1, 2]))])
        #expect(throws: ModelError.invalidArgument("feature 'housing' is categorical in the model (levels free, own, "
                                                   + "rent), but the data's column was read as numeric; read it as categorical")) {
            try spec.design(for: numericHousing)
        }
    }

    @Test func anEntirelyMissingColumnPassesAsEitherKind() throws {
        let spec = try DesignSpecification(fitting: creditTable(), features: ["age", "purpose"], missing: .indicator)
        let new = try DataTable([("age", .categorical([nil])), ("purpose", .numeric([nil]))])
        #expect(try spec.design(for: new).row(0) == [1, 40, 1, 0, 1])
    }

    @Test func rowsPermutedGiveRowsPermuted() throws {
        let t = try creditTable()
        let spec = try DesignSpecification(fitting: t, features: creditFeatures, missing: .indicator)
        let order = [3, 1, 0, 2]
        let x = try spec.design(for: t, ignoring: ignoring)
        let xp = try spec.design(for: t.selecting(rows: order), ignoring: ignoring)
        for (i, r) in order.enumerated() { #expect(xp.row(i) == x.row(r)) }
    }

    @Test func inputsAreNotMutated() throws {
        let t = try creditTable()
        let copy = t
        let spec = try DesignSpecification(fitting: t, features: creditFeatures, missing: .indicator)
        _ = try spec.design(for: t, ignoring: ignoring)
        #expect(t == copy)
    }

    /// 1,000,000 × 32 numeric columns: written straight into the column-major storage.
    @Test func millionRowsByThirtyTwoColumns() throws {
        let n = 1_000_000, k = 32
        var rng = Xoshiro256StarStar(seed: 7)
        var base = [Double](repeating: 0, count: n)
        for i in 0..<n { base[i] = rng.nextUnitDouble() }
        let first = NumericColumn(values: Array(base.reversed()))
        let names = (0..<k).map { "x\($0)" }
        // Columns share one array (copy-on-write) so that building the table is quick in a debug build.
        let columns: [DataTable.Column] = [.numeric(first)] + (1..<k).map { _ in .numeric(NumericColumn(values: base)) }
        let t = try DataTable(names: names, columns: columns)
        let spec = try DesignSpecification(fitting: t, features: names)
        let clock = ContinuousClock()
        let start = clock.now
        let x = try spec.design(for: t)
        let elapsed = clock.now - start
        #expect(x.rows == n && x.columns == k + 1)
        #expect(x[0, 0] == 1 && x[n - 1, 0] == 1)
        #expect(x[12_345, 1] == base[n - 1 - 12_345])
        #expect(x[12_345, 5] == base[12_345])
        #expect(x[n - 1, k] == base[n - 1])
        // A loose bound for a debug build on a shared machine; release takes about 0.1 s.
        #expect(elapsed < .seconds(5))
    }
}
