import SolventModels

extension ProfileColumn {
    /// The column as a model table column (numbers stay numbers, texts become levels; nil stays missing).
    var modelColumn: DataTable.Column {
        switch self {
        case .numbers(let v): return .numeric(NumericColumn(v))
        case .texts(let v): return .categorical(CategoricalColumn(v))
        }
    }
}

extension TrainingSet {
    /// The stacked rows as a model table: `as_of`, `customer_id` (text),
    /// `target_default` (0/1), then every profile feature.
    public func dataTable() throws(ModelError) -> DataTable {
        var pairs: [(String, DataTable.Column)] = [
            ("as_of", .categorical(CategoricalColumn(asOf.map { Optional($0.description) }))),
            ("customer_id", .categorical(CategoricalColumn(customerIDs.map { Optional($0) }))),
            ("target_default", .numeric(NumericColumn(values: target))),
        ]
        for (spec, column) in zip(features, columns) { pairs.append((spec.name, column.modelColumn)) }
        return try DataTable(pairs, rowCount: rowCount)
    }
}

extension ProfileTable {
    /// The profile as a model table: `customer_id` (text), then every feature.
    public func dataTable() throws(ModelError) -> DataTable {
        var pairs: [(String, DataTable.Column)] = [("customer_id", .categorical(CategoricalColumn(customerIDs.map { Optional($0) })))]
        for (spec, column) in zip(features, columns) { pairs.append((spec.name, column.modelColumn)) }
        return try DataTable(pairs, rowCount: rowCount)
    }
}
