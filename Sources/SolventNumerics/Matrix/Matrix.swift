/// A dense, column-major matrix of `Double`, a value type with copy-on-write
/// storage (a Swift `Array`), laid out as LAPACK expects: element (i, j) is at
/// `i + j * rows`, the leading dimension equals `rows`.
///
/// Column-major is LAPACK's native order, so factorisations take the storage
/// as it is; tall data (millions of rows, tens of columns) is streamed through
/// `RowBlock` views that copy a cache-sized slab of rows at a time.
public struct Matrix: Sendable, Hashable {
    public let rows: Int
    public let columns: Int
    /// The elements, column after column.
    public internal(set) var storage: [Double]

    /// A `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix(rows: \(rows), columns: \(columns)): sizes must be ≥ 0")
        self.rows = rows
        self.columns = columns
        storage = [Double](repeating: value, count: rows * columns)
    }

    /// Wraps column-major `storage`; throws when its length is not `rows × columns`.
    public init(rows: Int, columns: Int, columnMajor storage: [Double]) throws(NumericError) {
        guard rows >= 0, columns >= 0, storage.count == rows * columns else {
            throw .shapeMismatch("Matrix(rows: \(rows), columns: \(columns)) needs \(rows * columns) elements, got \(storage.count)")
        }
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix from row arrays (each the same length); convenient for tests and small data.
    public init(rowArrays: [[Double]]) throws(NumericError) {
        let r = rowArrays.count
        let c = rowArrays.first?.count ?? 0
        var s = [Double](repeating: 0, count: r * c)
        for (i, row) in rowArrays.enumerated() {
            guard row.count == c else {
                throw .shapeMismatch("row \(i) has \(row.count) values, row 0 has \(c)")
            }
            for j in 0..<c { s[i + j * r] = row[j] }
        }
        self.rows = r
        self.columns = c
        storage = s
    }

    /// A matrix from columns (each the same length).
    public init(columnArrays: [[Double]]) throws(NumericError) {
        let c = columnArrays.count
        let r = columnArrays.first?.count ?? 0
        var s = [Double]()
        s.reserveCapacity(r * c)
        for (j, col) in columnArrays.enumerated() {
            guard col.count == r else {
                throw .shapeMismatch("column \(j) has \(col.count) values, column 0 has \(r)")
            }
            s.append(contentsOf: col)
        }
        self.rows = r
        self.columns = c
        storage = s
    }

    /// The `n × n` identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i + i * n] = 1 }
        return m
    }

    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index (\(row), \(column)) out of \(rows)×\(columns)")
            return storage[row + column * rows]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index (\(row), \(column)) out of \(rows)×\(columns)")
            storage[row + column * rows] = newValue
        }
    }

    /// Column `j` as a new array.
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// Row `i` as a new array.
    public func row(_ i: Int) -> [Double] {
        (0..<columns).map { storage[i + $0 * rows] }
    }

    /// The transpose, as a new matrix.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { t.storage[j + i * columns] = storage[i + j * rows] }
        }
        return t
    }

    /// The columns listed in `indices`, in that order.
    public func selectingColumns(_ indices: [Int]) -> Matrix {
        var s = [Double]()
        s.reserveCapacity(rows * indices.count)
        for j in indices { s.append(contentsOf: storage[(j * rows)..<((j + 1) * rows)]) }
        return Matrix(unchecked: rows, indices.count, s)
    }

    /// The rows listed in `indices`, in that order (a sample, a fold, a permutation).
    public func selectingRows(_ indices: [Int]) -> Matrix {
        var s = [Double](repeating: 0, count: indices.count * columns)
        let m = indices.count
        storage.withUnsafeBufferPointer { src in
            s.withUnsafeMutableBufferPointer { dst in
                for j in 0..<columns {
                    let column = j * rows
                    for (k, i) in indices.enumerated() {
                        precondition(i >= 0 && i < rows, "row \(i) out of 0..<\(rows)")
                        dst[k + j * m] = src[column + i]
                    }
                }
            }
        }
        return Matrix(unchecked: m, columns, s)
    }

    /// The first index of a non-finite element as (row, column), or nil.
    public func firstNonFinite() -> (row: Int, column: Int)? {
        guard let k = storage.firstIndex(where: { !$0.isFinite }) else { return nil }
        return (k % max(rows, 1), k / max(rows, 1))
    }

    init(unchecked rows: Int, _ columns: Int, _ storage: [Double]) {
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// Largest absolute element (max norm), 0 for an empty matrix.
    public var maxAbs: Double { storage.reduce(0) { max($0, abs($1)) } }
}
