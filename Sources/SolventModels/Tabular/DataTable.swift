/// A typed table: named columns of equal length, each numeric or categorical.
///
/// What an analyst's CSV becomes before a model sees it (`DataTableReader` in
/// Receivables builds one from a file), and what `DesignSpecification` turns
/// into a design matrix. A value type: selecting columns or rows returns a new
/// table and leaves this one as it was.
///
/// Column names are unique (Swift `String` equality) and non-empty; a lookup
/// of an unknown name throws `ModelError.invalidArgument` with the names the
/// table has. Rows are 0-based in the API and printed 1-based in messages, as
/// `ModelError` does.
///
/// ```swift
/// let table = try DataTable([
///     ("age", .numeric([31, 45, nil])),
///     ("housing", .categorical(["own", "rent", "own"])),
/// ])
/// let train = try table.selecting(rows: [0, 2])
/// ```
public struct DataTable: Sendable, Equatable {
    /// One column's values.
    public enum Column: Sendable, Equatable {
        case numeric(NumericColumn)
        case categorical(CategoricalColumn)

        /// Rows.
        public var count: Int {
            switch self {
            case .numeric(let c): return c.count
            case .categorical(let c): return c.count
            }
        }

        /// Whether the column is numeric.
        public var isNumeric: Bool {
            if case .numeric = self { return true }
            return false
        }

        /// `"numeric"` or `"categorical"`, for messages.
        public var kindName: String { isNumeric ? "numeric" : "categorical" }

        func selecting(rows indices: [Int]) -> Column {
            switch self {
            case .numeric(let c): return .numeric(c.selecting(rows: indices))
            case .categorical(let c): return .categorical(c.selecting(rows: indices))
            }
        }
    }

    /// The column names, in order.
    public let names: [String]
    /// The columns, parallel to `names`.
    public let columns: [Column]
    /// Rows (kept when there are no columns, so an intercept-only design still has its rows).
    public let rowCount: Int
    private let index: [String: Int]

    /// A table of `columns` named `names`; `rowCount` is needed only when there
    /// are no columns. Throws when the counts disagree, a name is empty or repeated.
    public init(names: [String], columns: [Column], rowCount: Int? = nil) throws(ModelError) {
        guard names.count == columns.count else {
            throw .invalidArgument("\(names.count) column names for \(columns.count) columns")
        }
        let n = rowCount ?? columns.first?.count ?? 0
        guard n >= 0 else { throw .invalidArgument("rowCount \(n) must be ≥ 0") }
        var index: [String: Int] = [:]
        for (j, name) in names.enumerated() {
            guard !name.isEmpty else { throw .invalidArgument("column \(j + 1) has an empty name") }
            if let first = index[name] {
                throw .invalidArgument("column name '\(name)' is used twice (columns \(first + 1) and \(j + 1))")
            }
            index[name] = j
            guard columns[j].count == n else {
                throw .invalidArgument("column '\(name)' has \(columns[j].count) rows, the table \(n)")
            }
        }
        self.names = names
        self.columns = columns
        self.rowCount = n
        self.index = index
    }

    /// A table from `(name, column)` pairs.
    public init(_ pairs: [(String, Column)], rowCount: Int? = nil) throws(ModelError) {
        try self.init(names: pairs.map(\.0), columns: pairs.map(\.1), rowCount: rowCount)
    }

    /// Columns.
    public var columnCount: Int { names.count }

    /// Whether the table has a column `name`.
    public func contains(_ name: String) -> Bool { index[name] != nil }

    /// The position of column `name`; throws listing the table's names when there is none.
    public func index(of name: String) throws(ModelError) -> Int {
        guard let j = index[name] else { throw unknown([name]) }
        return j
    }

    /// Column `name`.
    public func column(_ name: String) throws(ModelError) -> Column {
        try columns[index(of: name)]
    }

    /// Column `name`, which must be numeric.
    public func numeric(_ name: String) throws(ModelError) -> NumericColumn {
        guard case .numeric(let c) = try column(name) else {
            throw .invalidArgument("column '\(name)' is categorical, not numeric")
        }
        return c
    }

    /// Column `name`, which must be categorical.
    public func categorical(_ name: String) throws(ModelError) -> CategoricalColumn {
        guard case .categorical(let c) = try column(name) else {
            throw .invalidArgument("column '\(name)' is numeric, not categorical")
        }
        return c
    }

    /// The columns `names`, in that order (a name may not repeat).
    public func selecting(columns wanted: [String]) throws(ModelError) -> DataTable {
        try checkKnown(wanted)
        return try DataTable(names: wanted, columns: wanted.map { columns[index[$0] ?? 0] }, rowCount: rowCount)
    }

    /// All columns except `names` (each must exist), in table order.
    public func excluding(columns unwanted: [String]) throws(ModelError) -> DataTable {
        try checkKnown(unwanted)
        let drop = Set(unwanted)
        let keep = names.indices.filter { !drop.contains(names[$0]) }
        return try DataTable(names: keep.map { names[$0] }, columns: keep.map { columns[$0] }, rowCount: rowCount)
    }

    /// The rows `indices` (0-based), in that order; repeats are allowed
    /// (bootstrap samples). Throws naming the first index out of range.
    public func selecting(rows indices: [Int]) throws(ModelError) -> DataTable {
        if let bad = indices.first(where: { $0 < 0 || $0 >= rowCount }) {
            throw .invalidArgument("row index \(bad) is outside 0..<\(rowCount)")
        }
        return try DataTable(names: names, columns: columns.map { $0.selecting(rows: indices) },
                             rowCount: indices.count)
    }

    /// Each row's identifier as text: the values of `column` (integers
    /// without a decimal point, missing as ""), or "1", "2", … when there is
    /// no such column.
    public func identifiers(_ column: String?) throws(ModelError) -> [String] {
        guard let column, contains(column) else { return (0..<rowCount).map { String($0 + 1) } }
        switch try self.column(column) {
        case .categorical(let c): return (0..<c.count).map { c[$0] ?? "" }
        case .numeric(let c): return (0..<c.count).map { c[$0].map { $0 == $0.rounded() ? String(Int64($0)) : "\($0)" } ?? "" }
        }
    }

    /// Throws listing every name of `wanted` the table lacks (and the names it has).
    func checkKnown(_ wanted: [String]) throws(ModelError) {
        let unknownNames = wanted.filter { index[$0] == nil }
        if !unknownNames.isEmpty { throw unknown(unknownNames) }
    }

    private func unknown(_ wanted: [String]) -> ModelError {
        let list = wanted.map { "'\($0)'" }.joined(separator: ", ")
        let noun = wanted.count == 1 ? "no column" : "no columns"
        return .invalidArgument("\(noun) \(list) in the table; its columns are: \(names.joined(separator: ", "))")
    }
}
