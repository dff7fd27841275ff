/// One rejected value or row, for the rejects report (CSV: line, column, value, rule, message).
public struct Reject: Sendable, Hashable, CustomStringConvertible {
    /// Physical line in the source file.
    public var line: Int
    /// Canonical column name, or empty when the whole row is at fault.
    public var column: String
    /// The offending text; `[redacted]` for personal columns.
    public var value: String
    /// A stable rule name (`field_count`, `invalid_amount`, `duplicate_key`, `unknown_customer`, ...).
    public var rule: String
    public var message: String

    public init(line: Int, column: String, value: String, rule: String, message: String) {
        self.line = line
        self.column = column
        self.value = value
        self.rule = rule
        self.message = message
    }

    public var description: String {
        "line \(line)\(column.isEmpty ? "" : ", \(column)"): \(message)"
    }
}

/// A problem that stops the whole file: nothing of it is stored.
public struct IngestError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
