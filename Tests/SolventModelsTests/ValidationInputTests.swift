import Testing
@testable import SolventModels

/// The input checks of `BinaryValidation` (in `ValidationInput`): every error
/// case with its message and row.
@Suite struct ValidationInputTests {
    /// The error thrown by `BinaryValidation` on these inputs, or nil.
    private func error(_ labels: [Int], _ p: [Double], _ w: [Double]? = nil) -> ModelError? {
        do { _ = try BinaryValidation(labels: labels, probabilities: p, weights: w); return nil } catch { return error }
    }

    @Test func lengthMismatchGivesBothLengths() {
        let e = error([0, 1, 1], [0.2, 0.8])
        #expect(e == .invalidArgument("labels has 3 rows but probabilities has 2"))
        #expect(e?.description == "invalid argument: labels has 3 rows but probabilities has 2")
    }

    @Test func noRowsIsEmpty() {
        #expect(error([], [])?.description == "not enough data: no rows to validate")
    }

    @Test func nonFiniteProbabilityNamesTheRow() {
        let e = error([0, 1, 0], [0.2, .nan, 0.1])
        #expect(e?.description == "non-finite value nan in column 'probability' at row 2")
        #expect(error([0, 1], [0.2, .infinity])?.description == "non-finite value inf in column 'probability' at row 2")
    }

    @Test func probabilityOutsideTheUnitIntervalNamesRowAndValue() {
        #expect(error([0, 1, 1], [0.2, 0.8, 1.5])?.description
                == "invalid argument: probability at row 3 is 1.5; probabilities must be in [0, 1]")
        #expect(error([0, 1], [-0.25, 0.8])?.description
                == "invalid argument: probability at row 1 is -0.25; probabilities must be in [0, 1]")
    }

    @Test func labelsOtherThanZeroOrOneNameRowAndValue() throws {
        let e = error([0, 2, 1], [0.2, 0.5, 0.8])
        #expect(e == .badLabel(column: "label", row: 1, value: "2"))
        #expect(e?.description == "target 'label' must be 0 or 1; row 2 has '2'")
        let d = #expect(throws: ModelError.self) {
            try BinaryValidation(labels: [0, 1, 0.5], probabilities: [0.2, 0.5, 0.8])
        }
        #expect(d?.description == "target 'label' must be 0 or 1; row 3 has '0.5'")
        let n = #expect(throws: ModelError.self) {
            try BinaryValidation(labels: [Double.nan, 1], probabilities: [0.2, 0.5])
        }
        #expect(n?.description == "target 'label' must be 0 or 1; row 1 has 'nan'")
    }

    @Test func theFirstBadRowIsReportedLabelBeforeProbability() {
        #expect(error([0, 1, 3, 1], [0.2, 2, 0.5, 0.8])?.description
                == "invalid argument: probability at row 2 is 2.0; probabilities must be in [0, 1]")
        #expect(error([0, 3, 1], [0.2, 2, 0.5])?.description == "target 'label' must be 0 or 1; row 2 has '3'")
    }

    @Test func oneClassSaysAUCIsUndefined() {
        let e = error([1, 1, 1], [0.2, 0.5, 0.8])
        #expect(e?.description == "invalid argument: AUC is undefined when the labels have one class: "
                + "all 3 rows of positive weight have label 1; validation needs both 0 and 1")
        // The only negative has weight 0: one class among the rows that count.
        #expect(error([1, 0, 1], [0.2, 0.5, 0.8], [1, 0, 2])?.description
                == "invalid argument: AUC is undefined when the labels have one class: "
                + "all 2 rows of positive weight have label 1; validation needs both 0 and 1")
    }

    @Test func badWeightsSayWhatIsWrong() {
        #expect(error([0, 1, 1], [0.2, 0.5, 0.8], [1, 1])?.description == "bad weights: 2 weights for 3 rows")
        #expect(error([0, 1, 1], [0.2, 0.5, 0.8], [1, -1, 1])?.description
                == "bad weights: weight at row 2 is -1.0; weights must be ≥ 0")
        #expect(error([0, 1, 1], [0.2, 0.5, 0.8], [0, 0, 0])?.description == "bad weights: all 3 weights are zero")
        #expect(error([0, 1, 1], [0.2, 0.5, 0.8], [1, 1, .infinity])?.description
                == "non-finite value inf in column 'weight' at row 3")
    }

    @Test func zeroWeightRowsAreDroppedButStillChecked() throws {
        let input = try ValidationInput(labels: [0, 1, 0, 1], probabilities: [0.1, 0.7, 0.3, 0.9], weights: [1, 0, 2, 1])
        #expect(input.labels == [0, 0, 1])
        #expect(input.probabilities == [0.1, 0.3, 0.9])
        #expect(input.weights == [1, 2, 1])
        #expect(error([0, 1, 0, 1], [0.1, 7, 0.3, 0.9], [1, 0, 2, 1])?.description
                == "invalid argument: probability at row 2 is 7.0; probabilities must be in [0, 1]")
    }

    @Test func tieBlocksSumInAscendingOrderOfScore() {
        let blocks = ScoreBlock.blocks(probabilities: [0.5, 0.2, 0.5, 0.2, 0.9],
                                       labels: [1, 0, 0, 1, 1], weights: [1, 2, 3, 4, 5])
        #expect(blocks.map(\.score) == [0.2, 0.5, 0.9])
        #expect(blocks.map(\.rows) == [2, 2, 1])
        #expect(blocks.map(\.weight) == [6, 4, 5])
        #expect(blocks.map(\.positive) == [4, 1, 5])
        #expect(blocks.map(\.negative) == [2, 3, 0])
        #expect(blocks.map(\.expected) == [0.2 * 2 + 0.2 * 4, 0.5 * 1 + 0.5 * 3, 0.9 * 5])
    }
}
