import Testing
import SolventModels
@testable import Receivables

private func add(_ acc: inout ColumnAccumulator, _ text: String) -> Bool {
    var s = text
    return s.withUTF8 { acc.add($0) }
}

@Suite struct ColumnAccumulatorTests {
    @Test func numbersStayNumbers() throws {
        var acc = ColumnAccumulator(mode: .inferred)
        for v in ["1", "", "NA", "-2.5", "nan"] { #expect(add(&acc, v)) }
        #expect(acc.storesNumbers)
        guard case .numeric(let c) = try acc.column() else { Issue.record("not numeric"); return }
        #expect(c == NumericColumn(values: [1, .nan, .nan, -2.5, .nan], missing: MissingMask([false, true, true, false, false])))
    }

    @Test func textAfterOnlyMissingNeedsNoSecondRead() throws {
        var acc = ColumnAccumulator(mode: .inferred)
        for v in ["", "NA", "own", "1"] { #expect(add(&acc, v)) }
        #expect(!acc.storesNumbers)
        #expect(acc.rereadRows == 0)
        #expect(try acc.column() == .categorical([nil, nil, "own", "1"]))
    }

    @Test func textAfterNumbersMarksTheEarlierRowsForASecondRead() throws {
        var acc = ColumnAccumulator(mode: .inferred)
        for v in ["010", "", "2.50", "B7", "3"] { #expect(add(&acc, v)) }
        #expect(acc.rereadRows == 3)
        for (row, v) in ["010", "", "2.50"].enumerated() {
            var s = v
            s.withUTF8 { acc.reread(row: row, $0) }
        }
        #expect(try acc.column() == .categorical(["010", nil, "2.50", "B7", "3"]))
    }

    @Test func forcedNumericRefusesText() {
        var acc = ColumnAccumulator(mode: .numeric)
        #expect(add(&acc, "1e3"))
        #expect(!add(&acc, "1,000"))
    }

    @Test func idKeepsTextExactly() throws {
        var acc = ColumnAccumulator(mode: .id)
        for v in [" 01", "NA", ""] { #expect(add(&acc, v)) }
        #expect(try acc.column() == .categorical([" 01", "NA", ""]))
    }
}
