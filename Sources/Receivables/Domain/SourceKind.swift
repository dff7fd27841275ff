/// The eight source files of DESIGN.md, in dependency order: a kind only
/// references kinds before it, so loading a folder in this order never
/// meets a reference to something not yet loaded.
public enum SourceKind: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
    case customers, invoices, payments, ratings, limits, disputes, orders, opportunities

    /// Its position in dependency order.
    public var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (a: SourceKind, b: SourceKind) -> Bool { a.order < b.order }

    /// The columns, key and references of this kind.
    public var schema: SourceSchema { SourceSchema.of(self) }
}

/// What a canonical column holds, and so how a source's text is parsed into it.
public enum ColumnType: Sendable, Hashable {
    /// Kept as text, leading zeros and all (`0000611365`).
    case identifier
    /// Free text.
    case text
    /// A calendar date, parsed by the profile's date format(s).
    case date
    /// Money, parsed by the amount grammar into exact minor units.
    case amount
    /// A whole number (days, counts).
    case integer
    /// A decimal number that is not money (agency scores, scale bounds), kept exactly as decimal text.
    case decimal
    /// An ISO 4217 currency code.
    case currency
    /// One of a fixed set of canonical values, reached through the profile's value map.
    case code([String])
}

/// One canonical column of a source file.
public struct ColumnSpec: Sendable, Hashable {
    public let name: String
    public let type: ColumnType
    public let required: Bool
    /// Values that identify a person (names): redacted in rejects reports.
    public let personal: Bool

    init(_ name: String, _ type: ColumnType, required: Bool = false, personal: Bool = false) {
        self.name = name
        self.type = type
        self.required = required
        self.personal = personal
    }
}

/// A column that must name an existing record of another kind.
public struct Reference: Sendable, Hashable {
    public let column: String
    public let target: SourceKind
}

/// The canonical layout of one source kind (DESIGN.md, Source files).
public struct SourceSchema: Sendable, Hashable {
    public let kind: SourceKind
    public let columns: [ColumnSpec]
    /// The natural key, one or more columns.
    public let key: [String]
    public let references: [Reference]

    public func column(_ name: String) -> ColumnSpec? { columns.first { $0.name == name } }
    public func index(of name: String) -> Int? { columns.firstIndex { $0.name == name } }

    /// Invoice channels Solvent knows; a profile maps a source's own codes onto these.
    public static let channels = ["electronic", "paper", "portal", "edi", "email"]
    public static let orderStatuses = ["accepted", "refused", "blocked"]

    static func of(_ kind: SourceKind) -> SourceSchema {
        switch kind {
        case .customers:
            return SourceSchema(kind: kind, columns: [
                ColumnSpec("customer_id", .identifier, required: true),
                ColumnSpec("name", .text, personal: true),
                ColumnSpec("country", .text), ColumnSpec("sector", .text), ColumnSpec("size_class", .text),
                ColumnSpec("region", .text), ColumnSpec("payment_terms_days", .integer),
                ColumnSpec("category", .text), ColumnSpec("created_on", .date),
            ], key: ["customer_id"], references: [])
        case .invoices:
            return SourceSchema(kind: kind, columns: [
                ColumnSpec("invoice_id", .identifier, required: true),
                ColumnSpec("customer_id", .identifier, required: true),
                ColumnSpec("issue_date", .date, required: true), ColumnSpec("due_date", .date, required: true),
                ColumnSpec("amount", .amount, required: true), ColumnSpec("currency", .currency),
                ColumnSpec("channel", .code(channels)), ColumnSpec("po_number", .identifier),
            ], key: ["invoice_id"], references: [Reference(column: "customer_id", target: .customers)])
        case .payments:
            return SourceSchema(kind: kind, columns: [
                ColumnSpec("payment_id", .identifier, required: true),
                ColumnSpec("invoice_id", .identifier, required: true),
                ColumnSpec("paid_on", .date, required: true), ColumnSpec("amount", .amount, required: true),
            ], key: ["payment_id"], references: [Reference(column: "invoice_id", target: .invoices)])
        case .ratings:
            return SourceSchema(kind: kind, columns: [
                ColumnSpec("customer_id", .identifier, required: true), ColumnSpec("agency", .text, required: true),
                ColumnSpec("rated_on", .date, required: true), ColumnSpec("score", .decimal),
                ColumnSpec("rating", .text), ColumnSpec("scale_min", .decimal), ColumnSpec("scale_max", .decimal),
                ColumnSpec("recommended_limit", .amount),
            ], key: ["customer_id", "agency", "rated_on"],
               references: [Reference(column: "customer_id", target: .customers)])
        case .limits:
            return SourceSchema(kind: kind, columns: [
                ColumnSpec("customer_id", .identifier, required: true), ColumnSpec("insurer", .text, required: true),
                ColumnSpec("valid_from", .date, required: true), ColumnSpec("limit_amount", .amount, required: true),
                ColumnSpec("valid_to", .date),
            ], key: ["customer_id", "insurer", "valid_from"],
               references: [Reference(column: "customer_id", target: .customers)])
        case .disputes:
            return SourceSchema(kind: kind, columns: [
                ColumnSpec("dispute_id", .identifier, required: true),
                ColumnSpec("invoice_id", .identifier, required: true),
                ColumnSpec("opened_on", .date, required: true), ColumnSpec("resolved_on", .date),
                ColumnSpec("reason", .text),
            ], key: ["dispute_id"], references: [Reference(column: "invoice_id", target: .invoices)])
        case .orders:
            return SourceSchema(kind: kind, columns: [
                ColumnSpec("order_id", .identifier, required: true),
                ColumnSpec("customer_id", .identifier, required: true),
                ColumnSpec("ordered_on", .date, required: true), ColumnSpec("amount", .amount, required: true),
                ColumnSpec("status", .code(orderStatuses), required: true),
            ], key: ["order_id"], references: [Reference(column: "customer_id", target: .customers)])
        case .opportunities:
            return SourceSchema(kind: kind, columns: [
                ColumnSpec("opportunity_id", .identifier, required: true),
                ColumnSpec("customer_id", .identifier, required: true),
                ColumnSpec("stage", .text), ColumnSpec("expected_amount", .amount),
                ColumnSpec("expected_close", .date),
            ], key: ["opportunity_id"], references: [Reference(column: "customer_id", target: .customers)])
        }
    }
}
