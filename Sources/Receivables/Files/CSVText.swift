/// CSV output helpers: RFC 4180 quoting, and the spreadsheet-formula guard of
/// RELIABILITY.md (a text cell starting with = + - @ tab or CR gets a `'`
/// prefix, so a spreadsheet never runs it).
public enum CSVText {
    /// `field` quoted when it holds the delimiter, a quote, CR or LF.
    public static func quoted(_ field: String, delimiter: Character = ",") -> String {
        guard field.contains(where: { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `text` made safe for a spreadsheet, then quoted.
    public static func safeText(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return quoted(text) }
        return quoted("'" + text)
    }

    /// One CSV line of text cells, each spreadsheet-safe.
    public static func line(_ cells: [String]) -> String {
        cells.map(safeText).joined(separator: ",") + "\n"
    }
}
