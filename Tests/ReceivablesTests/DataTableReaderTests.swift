import Foundation
import Testing
import SolventModels
import SolventNumerics
@testable import Receivables

/// Path of a fixture under `Fixtures/tables/`.
private func tablePath(_ name: String) -> String {
    guard let dir = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
        return "missing-fixtures/\(name)"
    }
    return dir.appendingPathComponent("tables").appendingPathComponent(name).path
}

private func read(_ text: String, _ options: DataTableReader.Options = .init()) throws -> DataTable {
    try DataTableReader(options: options).read(bytes: Array(text.utf8), file: "t.csv")
}

private func readError(_ text: String, _ options: DataTableReader.Options = .init()) -> DataTableReaderError? {
    do {
        _ = try read(text, options)
        return nil
    } catch let e as DataTableReaderError {
        return e
    } catch {
        return nil
    }
}

@Suite struct DataTableReaderTests {
    @Test func infersEachColumnOfTheMixedFixture() throws {
        let t = try DataTableReader(options: .init(id: "id")).read(path: tablePath("mixed.csv"))
        #expect(t.names == ["id", "amount", "rate", "count", "code", "purpose", "score", "flag", "postcode", "empty"])
        #expect(t.rowCount == 5)
        #expect(try t.categorical("id").values == ["0001", "0002", "0003", "0004", " 0005"])
        #expect(try t.numeric("amount") == [1500, -12, 0.025, nil, 4])
        #expect(try t.numeric("rate") == [-0.25, nil, 100, 3.75, 0])
        #expect(try t.numeric("count") == [3, nil, 7, nil, 10])
        #expect(try t.numeric("code") == [10, 200, 10, 31, 200])
        #expect(try t.categorical("purpose").values == ["car", "radio/tv", "car, used", "education", nil])
        #expect(try t.numeric("score") == NumericColumn(values: [.nan, 1.5, 2, -.infinity, .infinity]))
        #expect(try t.categorical("flag").values == ["A", "B", nil, "A", "C"])
        #expect(try t.categorical("postcode").values == ["1234", "5678", "9012", "1000AB", "3456"])
        #expect(try t.numeric("empty") == [nil, nil, nil, nil, nil])
    }

    @Test func withoutTheIdOptionTheIdIsANumber() throws {
        let t = try DataTableReader().read(path: tablePath("mixed.csv"))
        #expect(try t.numeric("id") == [1, 2, 3, 4, 5])
    }

    @Test func forcedCategoricalKeepsCodes() throws {
        let t = try DataTableReader(options: .init(categorical: ["code", "amount"])).read(path: tablePath("mixed.csv"))
        #expect(try t.categorical("code").values == ["0010", "0200", "0010", "0031", "0200"])
        #expect(try t.categorical("amount").values == ["1.5e3", "-12", "2.5E-2", nil, "+4"])
    }

    @Test func forcedNumericRejectsTextAtItsPlace() {
        let path = tablePath("mixed.csv")
        do {
            _ = try DataTableReader(options: .init(numeric: ["purpose"])).read(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "\(path):2:25: purpose: \"car\": not a number (the column is read as numeric)")
        }
    }

    @Test func unknownAndConflictingOptionsAreRefused() {
        let text = "a,b\n1,x\n"
        #expect(readError(text, .init(categorical: ["zip", "b"]))?.description
                == "t.csv: no column 'zip' (given as categorical); the columns are: a, b")
        #expect(readError(text, .init(id: "customer"))?.description
                == "t.csv: no column 'customer' (given as id); the columns are: a, b")
        #expect(readError(text, .init(categorical: ["a"], numeric: ["a"]))?.description
                == "t.csv: column a asked for as both numeric and categorical")
        #expect(readError(text, .init(numeric: ["a"], id: "a"))?.description
                == "t.csv: the id column 'a' cannot be read as numeric")
    }

    @Test func csvErrorsKeepTheirPlace() {
        #expect(readError("a,b\n1,2\n3,4,5\n")?.description == "t.csv:3: expected 2 fields, saw 3")
        #expect(readError("a,b\n1,\"2\n")?.description
                == "t.csv:2:3: unterminated quoted field: the quote opened at line 2 is never closed")
        #expect(readError("")?.description == "t.csv:1:1: no header row (the file is empty)")
    }

    @Test func headerOnlyGivesNoRows() throws {
        let t = try read("a,b\n")
        #expect(t.rowCount == 0 && t.names == ["a", "b"])
        #expect(try t.numeric("a").count == 0)
    }

    @Test func spacesAreTrimmedExceptInTheId() throws {
        let t = try read("id,x,c\n 7 , 1.5 , own \n8,NA,  \n", .init(id: "id"))
        #expect(try t.categorical("id").values == [" 7 ", "8"])
        #expect(try t.numeric("x") == [1.5, nil])
        #expect(try t.categorical("c").values == ["own", nil])
    }

    @Test func textLateInALongColumnIsReadAgain() throws {
        var text = "n,code\n"
        for i in 0..<5_000 { text += "\(i),\(String(format: "%04d", i % 100))\n" }
        text += "5000,X1\n"
        let t = try read(text)
        let code = try t.categorical("code")
        #expect(code[0] == "0000" && code[7] == "0007" && code[4_999] == "0099" && code[5_000] == "X1")
        #expect(try t.numeric("n").values == (0...5_000).map(Double.init))
    }

    @Test func smallChunksGiveTheSameTable() throws {
        let path = tablePath("mixed.csv")
        let whole = try DataTableReader(options: .init(id: "id")).read(path: path)
        let chunked = try DataTableReader(options: .init(csv: CSVOptions(chunkSize: 7), id: "id")).read(path: path)
        #expect(whole == chunked)
    }

    @Test func semicolonFiles() throws {
        let t = try read("a;b\n1.5;x\n", .init(csv: CSVOptions(delimiter: UInt8(ascii: ";"))))
        #expect(try t.numeric("a") == [1.5])
        #expect(try t.categorical("b").values == ["x"])
    }

    @Test func manyGeneratedValuesMatchTheStandardLibrary() throws {
        var rng = Xoshiro256StarStar(seed: 3)
        var lines = ["x,y"]
        var xs: [Double] = []
        for _ in 0..<20_000 {
            let x = Double(rng.next() % 2_000_000) / 1000 - 1000
            let y = Double(bitPattern: 0x3FF0_0000_0000_0000 | (rng.next() >> 12))
            xs.append(x)
            lines.append("\(x),\(y)e\(Int(rng.next() % 40) - 20)")
        }
        let t = try read(lines.joined(separator: "\n"))
        #expect(try t.numeric("x").values == xs)
        let ys = try t.numeric("y").values
        for (i, line) in lines.dropFirst().enumerated() {
            let field = line.split(separator: ",")[1]
            #expect(ys[i].bitPattern == Double(field)?.bitPattern)
        }
    }

    @Test func nonFiniteTokensReachTheDesignAsErrors() throws {
        let t = try DataTableReader(options: .init(id: "id")).read(path: tablePath("mixed.csv"))
        let spec = try DesignSpecification(fitting: t.selecting(rows: [1, 2]), features: ["score"])
        #expect(throws: ModelError.nonFinite(column: "score", row: 3, value: -.infinity)) {
            try spec.design(for: t.selecting(rows: [1, 2, 1, 3]), allowingExtraColumns: true)
        }
        let error = #expect(throws: ModelError.self) { try DesignSpecification(fitting: t, features: ["score"]) }
        guard case .nonFinite(let column, let row, let value)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(column == "score" && row == 0 && value.isNaN)
    }

    @Test func readTableToDesignMatrix() throws {
        let t = try DataTableReader(options: .init(id: "id")).read(path: tablePath("mixed.csv"))
        let spec = try DesignSpecification(fitting: t, features: ["amount", "flag"], missing: .indicator)
        #expect(spec.columnNames == ["(Intercept)", "amount", "amount (missing)", "flag=B", "flag=C", "flag (missing)"])
        let x = try spec.design(for: t, allowingExtraColumns: true)
        // amount median of 1500, -12, 0.025, 4 is (0.025 + 4) / 2.
        #expect(x.row(3) == [1, 2.0125, 1, 0, 0, 0])
        #expect(x.row(2) == [1, 0.025, 0, 0, 0, 1])
        #expect(x.row(4) == [1, 4, 0, 0, 1, 0])
    }
}
