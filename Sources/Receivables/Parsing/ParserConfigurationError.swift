/// A parser setting that cannot work (a date pattern with `YYYY`, equal
/// decimal and grouping separators, …), found when the parser is built, before
/// any data is read.
public struct ParserConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
