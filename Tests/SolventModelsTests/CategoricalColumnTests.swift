import Testing
@testable import SolventModels

@Suite struct CategoricalColumnTests {
    @Test func valuesAreDictionaryEncodedInOrderOfFirstAppearance() {
        let c: CategoricalColumn = ["b", nil, "a", "b"]
        #expect(c.levels == ["b", "a"])
        #expect(c.codes == [0, CategoricalColumn.missingCode, 1, 0])
        #expect(c.values == ["b", nil, "a", "b"])
        #expect(c.hasMissing)
    }

    @Test func increasingIdentifiersSkipTheDictionary() {
        let ids: CategoricalColumn = ["C001", "C002", "C010"]
        #expect(ids.codes == [0, 1, 2] && ids.levels == ["C001", "C002", "C010"])
        // Not increasing, repeated, missing or non-ASCII: the dictionary path, same meaning.
        for values: [String?] in [["b", "a"], ["a", "a"], ["a", nil], ["e\u{301}", "é"]] {
            let c = CategoricalColumn(values)
            #expect(c.values == values)
            #expect(Set(c.levels).count == c.levels.count)
        }
    }

    @Test func equalityIsByValueNotByCode() throws {
        let a: CategoricalColumn = ["x", "y", nil]
        let b = try CategoricalColumn(codes: [1, 0, CategoricalColumn.missingCode], levels: ["y", "x", "unused"])
        #expect(a == b)
        #expect(a != ["x", "y", "y"])
        #expect(a != ["x", "y"])
    }

    @Test func badCodesAndRepeatedLevelsAreRefused() {
        #expect(throws: ModelError.invalidArgument("categorical code 2 at row 2 is not below the 2 levels")) {
            try CategoricalColumn(codes: [0, 2], levels: ["a", "b"])
        }
        #expect(throws: ModelError.invalidArgument("categorical level 'a' is listed twice")) {
            try CategoricalColumn(codes: [0], levels: ["a", "a"])
        }
    }

    @Test func selectingRowsKeepsLevels() {
        let c: CategoricalColumn = ["a", "b", "c"]
        let s = c.selecting(rows: [1])
        #expect(s.values == ["b"])
        #expect(s.levels == ["a", "b", "c"])
    }

    @Test func levelOrderIsByUTF8Bytes() {
        // Upper case before lower case, digits first, "é" (C3 A9) after "z"; not a locale's order.
        let sorted = ["z", "é", "B", "a", "10", "9"].sorted(by: String.utf8Precedes)
        #expect(sorted == ["10", "9", "B", "a", "z", "é"])
    }
}
