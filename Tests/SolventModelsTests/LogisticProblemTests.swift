import SolventNumerics
import Testing
@testable import SolventModels

@Suite struct LogisticProblemTests {
    let names = ["(Intercept)", "a"]
    func x(_ rows: [[Double]]) -> Matrix { try! Matrix(rowArrays: rows) }

    @Test func nonFiniteValuesNameTheColumnAndRow() {
        #expect(throws: ModelError.nonFinite(column: "a", row: 1, value: .infinity)) {
            try LogisticRegression().fit(x([[1, 0], [1, .infinity]]), [0, 1], names: names)
        }
        #expect(throws: ModelError.nonFinite(column: "weights", row: 0, value: .infinity)) {
            try LogisticRegression().fit(x([[1, 0], [1, 1]]), [0, 1], names: names, weights: [.infinity, 1])
        }
    }

    @Test func emptyAndOneRowData() {
        #expect(throws: ModelError.empty("the data has no rows")) {
            try LogisticRegression().fit(Matrix(rows: 0, columns: 2), [], names: names)
        }
        #expect(throws: ModelError.empty("the design has no columns (no features and no intercept)")) {
            try LogisticRegression().fit(Matrix(rows: 2, columns: 0), [0, 1], names: [])
        }
        #expect(throws: ModelError.oneClass(column: "default", label: 1, rows: 1)) {
            try LogisticRegression().fit(x([[1, 2]]), [1], names: names, target: "default")
        }
    }

    @Test func labelsMustBeZeroOrOneWithBothClasses() {
        #expect(throws: ModelError.badLabel(column: "default", row: 2, value: "2.0")) {
            try LogisticRegression().fit(x([[1, 0], [1, 1], [1, 2]]), [0, 1, 2], names: names, target: "default")
        }
        #expect(throws: ModelError.badLabel(column: "default", row: 0, value: "missing")) {
            try LogisticRegression().fit(x([[1, 0], [1, 1]]), [.nan, 1], names: names, target: "default")
        }
        #expect(throws: ModelError.oneClass(column: "default", label: 0, rows: 2)) {
            try LogisticRegression().fit(x([[1, 0], [1, 1]]), [0, 0], names: names, target: "default")
        }
        // One class among the rows with weight is one class.
        #expect(throws: ModelError.oneClass(column: "y", label: 0, rows: 2)) {
            try LogisticRegression().fit(x([[1, 0], [1, 1], [1, 2]]), [0, 0, 1], names: names, weights: [1, 1, 0], target: "y")
        }
    }

    @Test func badWeights() {
        let d = x([[1, 0], [1, 1]])
        #expect(throws: ModelError.badWeights("weight -1.0 at row 2 is negative")) {
            try LogisticRegression().fit(d, [0, 1], names: names, weights: [1, -1])
        }
        #expect(throws: ModelError.badWeights("every weight is zero")) {
            try LogisticRegression().fit(d, [0, 1], names: names, weights: [0, 0])
        }
        #expect(throws: ModelError.badWeights("3 weights for 2 rows")) {
            try LogisticRegression().fit(d, [0, 1], names: names, weights: [1, 1, 1])
        }
    }

    @Test func badSettings() {
        let d = x([[1, 0], [1, 1]])
        #expect(throws: ModelError.invalidArgument("the L2 penalty must be a finite number ≥ 0, got -1.0")) {
            try LogisticRegression(penalty: .l2(-1)).fit(d, [0, 1], names: names)
        }
        #expect(throws: ModelError.invalidArgument("2 column names for a design of 1 columns")) {
            try LogisticRegression().fit(Matrix(rows: 2, columns: 1, repeating: 1), [0, 1], names: names)
        }
    }
}
