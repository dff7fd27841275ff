import SolventModels

/// Why `DataTableReader` could not read a table.
///
/// `description` starts with the file (and `line:column` where a place in it
/// is at fault), as the CSV reader's errors do.
public enum DataTableReaderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The CSV itself (syntax, encoding, field count, header), or a value that is
    /// not a number in a column read as numeric: `file:line:column: …`.
    case csv(CSVError)
    /// An option (`categorical`, `numeric`, `id`) names columns the header lacks.
    case unknownColumns(file: String, option: String, names: [String], available: [String])
    /// Options that contradict each other (a column both numeric and categorical, say).
    case conflictingOptions(file: String, String)
    /// The file's header or row count differed on the second read (it changed while being read).
    case changedWhileReading(file: String)
    /// The columns read could not form a table.
    case table(file: String, ModelError)

    public var description: String {
        switch self {
        case .csv(let e):
            return e.description
        case .unknownColumns(let file, let option, let names, let available):
            let list = names.map { "'\($0)'" }.joined(separator: ", ")
            let noun = names.count == 1 ? "no column" : "no columns"
            return "\(file): \(noun) \(list) (given as \(option)); the columns are: \(available.joined(separator: ", "))"
        case .conflictingOptions(let file, let message):
            return "\(file): \(message)"
        case .changedWhileReading(let file):
            return "\(file): the file changed while it was being read; read it again"
        case .table(let file, let e):
            return "\(file): \(e)"
        }
    }
}
