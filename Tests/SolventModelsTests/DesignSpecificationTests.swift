import Foundation
import Testing
@testable import SolventModels

/// A small German-credit-like table: numeric with a missing value, two
/// categoricals (one with a missing value), a numeric without missing values.
func creditTable() throws -> DataTable {
    try DataTable([
        ("id", .categorical(["c1", "c2", "c3", "c4"])),
        ("age", .numeric([30, nil, 50, 40])),
        ("housing", .categorical(["rent", "own", "free", "own"])),
        ("purpose", .categorical(["car", nil, "car", "tv"])),
        ("income", .numeric([1.5, 2.5, 3.5, 4.5])),
        ("default", .numeric([0, 1, 0, 1])),
    ])
}

let creditFeatures = ["age", "housing", "purpose", "income"]

@Suite struct DesignSpecificationTests {
    @Test func fittingFixesKindsLevelsAndFills() throws {
        let spec = try DesignSpecification(fitting: creditTable(), features: creditFeatures, missing: .indicator)
        #expect(spec.features == [
            try .numeric("age", missingFill: 40),
            try .categorical("housing", levels: ["free", "own", "rent"]),
            try .categorical("purpose", levels: ["car", "tv"], missingIndicator: true),
            try .numeric("income"),
        ])
        #expect(spec.columnNames == ["(Intercept)", "age", "age (missing)", "housing=own", "housing=rent",
                                     "purpose=tv", "purpose (missing)", "income"])
        #expect(spec.columnCount == 8)
        #expect(spec.featureColumns == [1..<3, 3..<5, 5..<7, 7..<8])
        #expect(spec.categoricalFeatures == ["housing", "purpose"])
    }

    @Test func medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() throws {
        let t = try DataTable([("x", .numeric([10, nil, 1, 4, 2]))])
        let spec = try DesignSpecification(fitting: t, features: ["x"], missing: .indicator)
        #expect(spec.features[0].fill == 3)
    }

    @Test func levelsAreOnlyThoseInTheTrainingRows() throws {
        let t = try creditTable().selecting(rows: [0, 1])
        let spec = try DesignSpecification(fitting: t, features: ["housing"])
        #expect(spec.features[0].levels == ["own", "rent"])
    }

    @Test func missingUnderTheErrorPolicyNamesColumnAndRow() throws {
        #expect(throws: ModelError.invalidArgument(
            "missing value in feature 'age' at row 2 (the missing-value policy is 'error')")) {
            try DesignSpecification(fitting: creditTable(), features: creditFeatures, missing: .error)
        }
        #expect(throws: ModelError.invalidArgument(
            "missing value in feature 'purpose' at row 2 (the missing-value policy is 'error')")) {
            try DesignSpecification(fitting: creditTable(), features: ["purpose"])
        }
    }

    @Test func nonFiniteAtFitNamesColumnAndRow() throws {
        let t = try DataTable([("x", .numeric([1, nil, .infinity]))])
        #expect(throws: ModelError.nonFinite(column: "x", row: 2, value: .infinity)) {
            try DesignSpecification(fitting: t, features: ["x"], missing: .indicator)
        }
    }

    @Test func badFeatureListsAreRefused() throws {
        let t = try creditTable()
        #expect(throws: ModelError.invalidArgument(
            "no column 'salary' in the table; its columns are: id, age, housing, purpose, income, default")) {
            try DesignSpecification(fitting: t, features: ["age", "salary"])
        }
        #expect(throws: ModelError.invalidArgument("feature 'income' is listed twice")) {
            try DesignSpecification(fitting: t, features: ["income", "income"])
        }
        let allMissing = try DataTable([("x", .numeric([nil, nil]))])
        #expect(throws: ModelError.empty("feature 'x' has no values: all 2 training rows are missing")) {
            try DesignSpecification(fitting: allMissing, features: ["x"], missing: .indicator)
        }
    }

    @Test func designColumnNamesMayNotCollide() throws {
        let t = try DataTable([("a", .categorical(["x", "y"])), ("a=y", .numeric([1, 2]))])
        #expect(throws: ModelError.invalidArgument(
            "design column 'a=y' (from feature 'a=y') would appear twice; rename a column")) {
            try DesignSpecification(fitting: t, features: ["a", "a=y"])
        }
        let i = try DataTable([("(Intercept)", .numeric([1, 2]))])
        #expect(throws: ModelError.self) { try DesignSpecification(fitting: i, features: ["(Intercept)"]) }
    }

    @Test func roundTripsThroughJSON() throws {
        let spec = try DesignSpecification(fitting: creditTable(), features: creditFeatures, missing: .indicator)
        let data = try JSONEncoder().encode(spec)
        let back = try JSONDecoder().decode(DesignSpecification.self, from: data)
        #expect(back == spec)
        #expect(try back.design(for: creditTable(), ignoring: ["id", "default"])
                == spec.design(for: creditTable(), ignoring: ["id", "default"]))
    }

    @Test func decodingRefusesRepeatedFeatures() {
        let text = #"{"missing":"error","features":[{"name":"a","kind":"numeric","missingIndicator":false},"#
            + #"{"name":"a","kind":"numeric","missingIndicator":false}]}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DesignSpecification.self, from: Data(text.utf8))
        }
    }

    @Test func rowOrderDoesNotChangeTheSpecification() throws {
        let t = try creditTable()
        let permuted = try t.selecting(rows: [2, 0, 3, 1])
        #expect(try DesignSpecification(fitting: permuted, features: creditFeatures, missing: .indicator)
                == DesignSpecification(fitting: t, features: creditFeatures, missing: .indicator))
    }

    @Test func mismatchListsMissingAndExtraNames() throws {
        let spec = try DesignSpecification(fitting: creditTable(), features: ["age", "income"], missing: .indicator)
        let t = try DataTable([("id", .categorical(["a"])), ("age", .numeric([1])), ("zip", .numeric([2]))])
        let m = spec.mismatch(with: t, ignoring: ["id"])
        #expect(m.missing == ["income"] && m.extra == ["zip"])
    }
}
