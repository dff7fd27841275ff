/// One parsed, typed value of a source row, in the store's representation.
public enum FieldValue: Sendable, Hashable, CustomStringConvertible {
    case null
    /// Identifiers, free text, codes, currency codes and exact decimal numbers.
    case text(String)
    case date(CalendarDate)
    /// Money in hundredths of the currency unit, exact.
    case money(Int64)
    case integer(Int64)

    public var description: String {
        switch self {
        case .null: return ""
        case .text(let s): return s
        case .date(let d): return d.description
        case .money(let m): return Money(minorUnits: m).description
        case .integer(let i): return String(i)
        }
    }

    public var text: String? { if case .text(let s) = self { return s } else { return nil } }
    public var date: CalendarDate? { if case .date(let d) = self { return d } else { return nil } }
    public var money: Int64? { if case .money(let m) = self { return m } else { return nil } }
}
