import Foundation

/// The profile as CSV and JSON, and the catalogue as text, CSV, JSON and Markdown.
///
/// Numbers: whole values (|x| < 10¹⁵) without a decimal point, others in
/// Swift's shortest round-trip form (`0.25`, `1e-05`), so a value read back is
/// the same Double. Missing: an empty CSV cell, JSON `null`.
extension ProfileColumn {
    /// Appends `,` and the cell of `row`: the number as `ProfileFormat.number`,
    /// text through `CSVText.safeText`, nothing when missing.
    func appendCSVCell(row: Int, to line: inout String) {
        line += ","
        switch self[row] {
        case .number(let x): line += ProfileFormat.number(x)
        case .text(let t): line += CSVText.safeText(t)
        case .missing: break
        }
    }

    /// Appends the cell of `row` as JSON (`ProfileFormat.json`): a number, a string literal, or `null`.
    func appendJSON(row: Int, to line: inout String) {
        switch self[row] {
        case .number(let x): line += x.isFinite ? ProfileFormat.number(x) : "null"
        case .text(let t): line += ProfileFormat.json(t)
        case .missing: line += "null"
        }
    }
}

extension ProfileTable {
    /// `customer_id,<features...>` then one line per customer; text cells pass
    /// `CSVText.safeText` (quoting and the spreadsheet-formula guard).
    public func csvLines(_ emit: (String) throws -> Void) rethrows {
        try emit(CSVText.line(["customer_id"] + features.map(\.name)))
        var line = ""
        for r in 0..<rowCount {
            line.removeAll(keepingCapacity: true)
            line += CSVText.safeText(customerIDs[r])
            for column in columns { column.appendCSVCell(row: r, to: &line) }
            line += "\n"
            try emit(line)
        }
    }

    /// `{"as_of", "catalog_version", "features": [names], "rows": [{"customer_id": …, feature: value, …}]}`.
    public func jsonChunks(_ emit: (String) throws -> Void) rethrows {
        try emit("{\"as_of\":\(ProfileFormat.json(asOf.description)),\"catalog_version\":\(ProfileFormat.json(catalogVersion)),")
        try emit("\"features\":[" + features.map { ProfileFormat.json($0.name) }.joined(separator: ",") + "],\"rows\":[")
        let keys = features.map { ProfileFormat.json($0.name) + ":" }
        var line = ""
        for r in 0..<rowCount {
            line.removeAll(keepingCapacity: true)
            line += (r == 0 ? "\n{" : ",\n{") + "\"customer_id\":" + ProfileFormat.json(customerIDs[r])
            for (c, column) in columns.enumerated() {
                line += "," + keys[c] + ProfileFormat.json(column[r])
            }
            line += "}"
            try emit(line)
        }
        try emit("\n]}\n")
    }
}

/// Formatting shared by the profile writers and the snapshot store.
public enum ProfileFormat {
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return x.description
    }

    public static func json(_ v: ProfileValue) -> String {
        switch v {
        case .number(let x): return x.isFinite ? number(x) : "null"
        case .text(let t): return json(t)
        case .missing: return "null"
        }
    }

    /// A JSON string literal.
    public static func json(_ s: String) -> String { JSONText.string(s) }
}

extension FeatureCatalog {
    /// The catalogue as aligned text: name, kind, unit, window, then the meaning.
    public static func describeText() -> String {
        var out = "\(specs.count) features, catalogue version \(version). Missing values: empty (CSV) / null (JSON), flagged by the indicator named in [brackets].\n\n"
        let nameWidth = specs.map(\.name.count).max() ?? 0
        for s in specs {
            let pad = String(repeating: " ", count: max(0, nameWidth - s.name.count))
            out += "\(s.name)\(pad)  \(s.kind.rawValue), \(s.unit), \(s.window)"
            if let m = s.missingIndicator { out += " [\(m)]" }
            out += "\n    \(s.meaning)\n"
        }
        return out
    }

    /// The catalogue as CSV: name,kind,unit,window,missing_indicator,meaning.
    public static func describeCSV() -> String {
        CSVText.line(["name", "kind", "unit", "window", "missing_indicator", "meaning"])
            + specs.map { CSVText.line([$0.name, $0.kind.rawValue, $0.unit, $0.window, $0.missingIndicator ?? "", $0.meaning]) }.joined()
    }

    /// The catalogue as a JSON array of objects.
    public static func describeJSON() -> String {
        "[\n" + specs.map { s in
            "{\"name\":\(ProfileFormat.json(s.name)),\"kind\":\(ProfileFormat.json(s.kind.rawValue)),\"unit\":\(ProfileFormat.json(s.unit)),"
                + "\"window\":\(ProfileFormat.json(s.window)),\"missing_indicator\":\(s.missingIndicator.map(ProfileFormat.json) ?? "null"),"
                + "\"meaning\":\(ProfileFormat.json(s.meaning))}"
        }.joined(separator: ",\n") + "\n]\n"
    }

    /// The catalogue as the Markdown table of docs/profile.md (between its markers).
    public static func markdownTable() -> String {
        var out = "| # | name | kind | unit | window | missing flag | meaning |\n|---|---|---|---|---|---|---|\n"
        for (i, s) in specs.enumerated() {
            let meaning = s.meaning.replacingOccurrences(of: "|", with: "\\|")
            out += "| \(i + 1) | `\(s.name)` | \(s.kind.rawValue) | \(s.unit) | \(s.window) | \(s.missingIndicator.map { "`\($0)`" } ?? "—") | \(meaning) |\n"
        }
        return out
    }
}
