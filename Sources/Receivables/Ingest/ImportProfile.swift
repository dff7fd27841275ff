import Foundation

/// How a company's export files are read: separators, number and date
/// formats, encoding, column names and value codes, currencies.
///
/// Built in: `default` (comma, `1234.56`, ISO dates), `nl` (semicolon,
/// `1.234,56`, `dd-MM-yyyy`) and `us` (comma, `1,234.56`, `M/d/yyyy`);
/// anything else comes from a TOML file (`ImportProfile.load(path:)`, format
/// in `ImportProfile.exampleTOML`).
public struct ImportProfile: Sendable {
    /// The built-in name, or the file the profile came from.
    public var name: String
    public var csv: CSVOptions
    public var amounts: AmountParser
    /// Tried in order; the first pattern that reads a value wins.
    public var dates: [DateParser]
    /// The currency of an invoice without a currency column or value.
    public var defaultCurrency: String
    /// The currency reports are written in.
    public var reportingCurrency: String
    /// Units of the reporting currency per unit of each other currency, exact decimal text.
    public var rates: [String: String]
    /// Per kind: the source's header → the canonical column name.
    public var columns: [SourceKind: [String: String]]
    /// Per kind and canonical column: the source's codes → canonical values.
    public var values: [SourceKind: [String: ValueMap<String>]]

    public init(name: String, csv: CSVOptions = CSVOptions(), amounts: AmountParser = .plain,
                dates: [DateParser] = [.iso], defaultCurrency: String = "EUR", reportingCurrency: String = "EUR",
                rates: [String: String] = [:], columns: [SourceKind: [String: String]] = [:],
                values: [SourceKind: [String: ValueMap<String>]] = [:]) {
        self.name = name
        self.csv = csv
        self.amounts = amounts
        self.dates = dates
        self.defaultCurrency = defaultCurrency
        self.reportingCurrency = reportingCurrency
        self.rates = rates
        self.columns = columns
        self.values = values
    }

    /// The canonical name a source header maps to for `kind` (itself when unmapped).
    public func canonicalName(of header: String, kind: SourceKind) -> String {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        return columns[kind]?[trimmed] ?? trimmed
    }

    public static let builtInNames = ["default", "nl", "us"]

    /// A built-in profile by name.
    public static func builtIn(_ name: String) -> ImportProfile? {
        switch name {
        case "default":
            return ImportProfile(name: "default")
        case "nl":
            return (try? DateParser(pattern: "dd-MM-yyyy")).map {
                ImportProfile(name: "nl", csv: CSVOptions(delimiter: UInt8(ascii: ";")), amounts: .dutch, dates: [$0])
            }
        case "us":
            return (try? DateParser(pattern: "M/d/yyyy")).map {
                ImportProfile(name: "us", amounts: .english, dates: [$0], defaultCurrency: "USD", reportingCurrency: "USD")
            }
        default:
            return nil
        }
    }

    /// A built-in name or the path of a TOML profile file.
    public static func resolve(_ nameOrPath: String?) throws(ProfileError) -> ImportProfile {
        let given = nameOrPath ?? "default"
        if let builtIn = builtIn(given) { return builtIn }
        guard FileManager.default.fileExists(atPath: given) else {
            throw ProfileError(source: given, message: "no such profile: give one of \(builtInNames.joined(separator: ", ")) or the path of a TOML profile file")
        }
        return try load(path: given)
    }
}

/// A profile that cannot be used, with where and why.
public struct ProfileError: Error, Sendable, Hashable, CustomStringConvertible {
    public let source: String
    public let message: String

    public init(source: String, message: String) {
        self.source = source
        self.message = message
    }

    public var description: String { "\(source): \(message)" }
}
