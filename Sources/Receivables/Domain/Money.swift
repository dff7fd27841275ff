/// An amount of money in integer minor units (cents for EUR).
///
/// Money is never binary floating point in Solvent's files or store: it is
/// exact until it enters a model (STYLE.md). `description` is the exact
/// decimal text with two decimals, `-1234.50`, as the source files carry it.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The amount in minor units (1/100 of the currency unit).
    public var minorUnits: Int64

    public init(minorUnits: Int64) { self.minorUnits = minorUnits }

    /// Whole units and cents: `Money(units: 12, cents: 34)` is 12.34; a negative `units` gives a negative amount.
    public init(units: Int64, cents: Int64 = 0) {
        minorUnits = units * 100 + (units < 0 ? -cents : cents)
    }

    /// Rounds a floating-point amount in currency units to the nearest cent
    /// (half away from zero). For generated or modelled values only; file
    /// amounts are parsed as decimal text, never through `Double`.
    public init(roundingUnits value: Double) {
        minorUnits = Int64((value * 100).rounded(.toNearestOrAwayFromZero))
    }

    public static let zero = Money(minorUnits: 0)

    public var isNegative: Bool { minorUnits < 0 }

    /// The amount in currency units as a `Double` (for models; lossy beyond 2^53 cents).
    public var doubleValue: Double { Double(minorUnits) / 100 }

    public static func + (a: Money, b: Money) -> Money { Money(minorUnits: a.minorUnits + b.minorUnits) }
    public static func - (a: Money, b: Money) -> Money { Money(minorUnits: a.minorUnits - b.minorUnits) }
    public static prefix func - (a: Money) -> Money { Money(minorUnits: -a.minorUnits) }
    public static func += (a: inout Money, b: Money) { a.minorUnits += b.minorUnits }
    public static func -= (a: inout Money, b: Money) { a.minorUnits -= b.minorUnits }
    public static func < (a: Money, b: Money) -> Bool { a.minorUnits < b.minorUnits }

    /// Exact decimal text with two decimals: `0.05`, `-1234.50`.
    public var description: String {
        let magnitude = minorUnits.magnitude
        let units = magnitude / 100, cents = magnitude % 100
        return (minorUnits < 0 ? "-" : "") + String(units) + "." + (cents < 10 ? "0" : "") + String(cents)
    }
}
