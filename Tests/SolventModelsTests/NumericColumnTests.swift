import Testing
@testable import SolventModels

@Suite struct NumericColumnTests {
    @Test func optionalsBecomeValuesAndMask() {
        let c: NumericColumn = [1.5, nil, -2]
        #expect(c.count == 3)
        #expect(c[0] == 1.5 && c[1] == nil && c[2] == -2)
        #expect(c.values[1].isNaN)
        #expect(c.missing == MissingMask([false, true, false]))
    }

    @Test func missingRowsHoldNaNWhateverWasPassed() {
        let c = NumericColumn(values: [1, 99, 3], missing: MissingMask([false, true, false]))
        #expect(c.values[1].isNaN)
        #expect(c == [1, nil, 3])
    }

    @Test func equalityComparesBitPatternsOfPresentValues() {
        #expect(NumericColumn(values: [.nan, 1]) == NumericColumn(values: [.nan, 1]))
        #expect(NumericColumn(values: [0.0]) != NumericColumn(values: [-0.0]))
        #expect(NumericColumn([nil, 1]) != NumericColumn(values: [.nan, 1]))
    }

    @Test func selectingRowsKeepsTheMask() {
        let c: NumericColumn = [10, nil, 30]
        #expect(c.selecting(rows: [2, 1, 2]) == [30, nil, 30])
    }
}
