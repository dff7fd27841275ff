import Foundation

/// The metrics table as CSV or JSON text, locale-independent.
///
/// Columns: `period_end, group, ar, current_ar, sales, dso, countback_dso,
/// best_possible_dso, average_days_delinquent, cei, aging_current, aging_1_30,
/// aging_31_60, aging_61_90, aging_91_plus`. Money in currency units with two
/// decimals (exact, from cents); days and CEI (percent) with two decimals. A
/// missing ratio is an empty CSV cell or JSON `null`, never NaN or inf.
extension MetricsTable {
    public static let columns = ["period_end", "group", "ar", "current_ar", "sales", "dso", "countback_dso",
                                 "best_possible_dso", "average_days_delinquent", "cei", "aging_current",
                                 "aging_1_30", "aging_31_60", "aging_61_90", "aging_91_plus"]

    /// The CSV header line, with its newline.
    public static var csvHeader: String { columns.joined(separator: ",") + "\n" }

    /// The cells of `row` as printed: text for the two keys, fixed-decimal numbers, "" when missing.
    public static func cells(_ row: MetricsRow) -> [String] {
        let a = row.aging
        return [row.periodEnd.description, row.group, money(row.ar), money(row.currentAR), money(row.sales),
                fixed(row.dso), fixed(row.countbackDSO), fixed(row.bestPossibleDSO), fixed(row.averageDaysDelinquent),
                fixed(row.cei), money(a.current), money(a.days1to30), money(a.days31to60), money(a.days61to90),
                money(a.days91plus)]
    }

    /// One CSV line (with newline); the group key is spreadsheet-safe (`CSVText.safeText`).
    public static func csvLine(_ row: MetricsRow) -> String {
        let c = cells(row)
        return c[0] + "," + CSVText.safeText(c[1]) + "," + c[2...].joined(separator: ",") + "\n"
    }

    /// One JSON object (no newline): strings for the keys, numbers, `null` when missing.
    public static func jsonObject(_ row: MetricsRow) -> String {
        let c = cells(row)
        var out = "{"
        for (j, name) in columns.enumerated() {
            if j > 0 { out += "," }
            out += "\"\(name)\":"
            out += j < 2 ? jsonString(c[j]) : (c[j].isEmpty ? "null" : c[j])
        }
        return out + "}"
    }

    /// Calls `emit` with the whole table as text in pieces: CSV (header, then a
    /// line per row) or JSON (an array with one object per line).
    public func write(json: Bool, _ emit: (String) throws -> Void) rethrows {
        if !json {
            try emit(Self.csvHeader)
            try forEachRow { try emit(Self.csvLine($0)) }
            return
        }
        try emit("[")
        var first = true
        try forEachRow { row in
            try emit((first ? "\n" : ",\n") + Self.jsonObject(row))
            first = false
        }
        try emit(first ? "]\n" : "\n]\n")
    }

    /// Cents as currency units with two decimals: -1234567 → "-12345.67".
    public static func money(_ cents: Int64) -> String {
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return (cents < 0 ? "-" : "") + String(magnitude / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// A finite value with two decimals, rounded half away from zero; "" for nil
    /// (and for a non-finite value, which the metrics never produce).
    public static func fixed(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        let scaled = (value * 100).rounded()
        guard abs(scaled) < 9e18 else { return String(format: "%.2f", value) }   // not localised
        let cents = Int64(scaled)
        return cents == 0 ? "0.00" : money(cents)
    }

    /// A JSON string literal.
    static func jsonString(_ s: String) -> String { JSONText.string(s) }
}
