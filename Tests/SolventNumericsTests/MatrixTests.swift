import Testing
@testable import SolventNumerics

@Suite struct MatrixTests {
    @Test func columnMajorLayout() throws {
        let m = try Matrix(rowArrays: [[1, 2, 3], [4, 5, 6]])
        #expect(m.storage == [1, 4, 2, 5, 3, 6])
        #expect(m[1, 2] == 6)
        #expect(m.row(1) == [4, 5, 6])
        #expect(m.column(2) == [3, 6])
        #expect(m.transposed.storage == [1, 2, 3, 4, 5, 6])
        #expect(try Matrix(columnArrays: [[1, 4], [2, 5], [3, 6]]) == m)
        #expect(m.selectingColumns([2, 0]).storage == [3, 6, 1, 4])
        #expect(m.selectingRows([1, 1, 0]).storage == [4, 4, 1, 5, 5, 2, 6, 6, 3])
    }

    @Test func shapeErrorsSayWhat() {
        #expect(throws: NumericError.shapeMismatch("row 1 has 1 values, row 0 has 2")) {
            try Matrix(rowArrays: [[1, 2], [3]])
        }
        #expect(throws: NumericError.shapeMismatch("Matrix(rows: 2, columns: 2) needs 4 elements, got 3")) {
            try Matrix(rows: 2, columns: 2, columnMajor: [1, 2, 3])
        }
    }

    @Test func copyOnWriteLeavesTheOriginal() {
        let a = randomMatrix(4, 3, seed: 1)
        var b = a
        b[0, 0] = 99
        #expect(a[0, 0] != 99)
    }

    @Test func rowBlocksCoverEveryRowOnce() {
        let m = randomMatrix(1003, 3, seed: 2)
        var seen = [Double]()
        var ranges = [Range<Int>]()
        m.forEachRowBlock(blockRows: 256) { block in
            ranges.append(block.range)
            #expect(block.matrix.rows == block.range.count)
            for (k, i) in block.range.enumerated() { #expect(block.matrix.row(k) == m.row(i)) }
            seen.append(contentsOf: block.matrix.column(0))
        }
        #expect(ranges.map(\.count) == [256, 256, 256, 235])
        #expect(seen == m.column(0))
    }

    @Test func firstNonFiniteFindsRowAndColumn() {
        var m = randomMatrix(5, 4, seed: 3)
        m[3, 2] = .nan
        #expect(m.firstNonFinite()! == (3, 2))
        #expect(throws: NumericError.self) { try m.requireFinite("X") }
        do { try m.requireFinite("X") } catch {
            #expect(error.description == "non-finite value nan in X at row 3, column 2")
        }
    }
}
