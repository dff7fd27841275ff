import Testing
@testable import SolventModels

@Suite struct DataTableTests {
    func sample() throws -> DataTable {
        try DataTable([
            ("age", .numeric([31, 45, nil, 52])),
            ("housing", .categorical(["own", "rent", "own", nil])),
            ("default", .numeric([0, 1, 0, 1])),
        ])
    }

    @Test func lookupByName() throws {
        let t = try sample()
        #expect(t.rowCount == 4 && t.columnCount == 3)
        #expect(try t.index(of: "housing") == 1)
        #expect(try t.numeric("age") == [31, 45, nil, 52])
        #expect(try t.categorical("housing").values == ["own", "rent", "own", nil])
        #expect(t.contains("default") && !t.contains("Default"))
    }

    @Test func unknownNameListsTheAvailableColumns() throws {
        let t = try sample()
        #expect(throws: ModelError.invalidArgument(
            "no column 'income' in the table; its columns are: age, housing, default")) {
            try t.column("income")
        }
        #expect(throws: ModelError.invalidArgument(
            "no columns 'x', 'y' in the table; its columns are: age, housing, default")) {
            try t.selecting(columns: ["age", "x", "y"])
        }
        #expect(throws: ModelError.invalidArgument(
            "no column 'x' in the table; its columns are: age, housing, default")) {
            try t.excluding(columns: ["x"])
        }
    }

    @Test func wrongKindIsNamed() throws {
        let t = try sample()
        #expect(throws: ModelError.invalidArgument("column 'housing' is categorical, not numeric")) {
            try t.numeric("housing")
        }
        #expect(throws: ModelError.invalidArgument("column 'age' is numeric, not categorical")) {
            try t.categorical("age")
        }
    }

    @Test func badShapesAndNamesAreRefused() {
        #expect(throws: ModelError.invalidArgument("column 'b' has 1 rows, the table 2")) {
            try DataTable([("a", .numeric([1, 2])), ("b", .numeric([1]))])
        }
        #expect(throws: ModelError.invalidArgument("column name 'a' is used twice (columns 1 and 2)")) {
            try DataTable([("a", .numeric([1])), ("a", .numeric([2]))])
        }
        #expect(throws: ModelError.invalidArgument("column 1 has an empty name")) {
            try DataTable([("", .numeric([1]))])
        }
    }

    @Test func selectingAndExcludingColumns() throws {
        let t = try sample()
        let s = try t.selecting(columns: ["default", "age"])
        #expect(s.names == ["default", "age"])
        #expect(try s.numeric("age") == t.numeric("age"))
        let e = try t.excluding(columns: ["housing"])
        #expect(e.names == ["age", "default"])
        let none = try t.excluding(columns: t.names)
        #expect(none.columnCount == 0 && none.rowCount == 4)
    }

    @Test func selectingRowsForSplitsAndBootstrap() throws {
        let t = try sample()
        let s = try t.selecting(rows: [3, 0, 0])
        #expect(s.rowCount == 3)
        #expect(try s.numeric("age") == [52, 31, 31])
        #expect(try s.categorical("housing").values == [nil, "own", "own"])
        #expect(throws: ModelError.invalidArgument("row index 4 is outside 0..<4")) {
            try t.selecting(rows: [0, 4])
        }
        #expect(try t.selecting(rows: Array(0..<4)) == t)
    }

    @Test func selectingDoesNotChangeTheOriginal() throws {
        let t = try sample()
        let copy = t
        _ = try t.selecting(rows: [1])
        _ = try t.excluding(columns: ["age"])
        #expect(t == copy)
    }
}
