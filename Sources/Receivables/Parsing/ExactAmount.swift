/// A money amount held exactly: `minorUnits / 10^scale` (scale 2: cents).
///
/// Money stays exact until it enters a model (STYLE.md); `doubleValue` is
/// for that moment only.
public struct ExactAmount: Sendable, Hashable, Codable, CustomStringConvertible {
    public let minorUnits: Int64
    /// Decimal places: 0…18.
    public let scale: Int

    public init(minorUnits: Int64, scale: Int) {
        precondition((0...18).contains(scale), "scale \(scale) outside 0...18")
        self.minorUnits = minorUnits
        self.scale = scale
    }

    /// The value as a `Double` (correctly rounded for |minorUnits| ≤ 2^53).
    public var doubleValue: Double { Double(minorUnits) / ExactAmount.power(scale) }

    /// Plain decimal text with exactly `scale` decimals and `.`: `-1234.50`.
    public var description: String {
        let magnitude = minorUnits.magnitude
        var digits = String(magnitude)
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return minorUnits < 0 ? "-" + digits : digits
    }

    static func power(_ n: Int) -> Double {
        var p = 1.0
        for _ in 0..<n { p *= 10 }
        return p
    }
}

extension ExactAmount {
    /// Decimal text without trailing zeros after the point: `4.50` → `4.5`, `72.000` → `72`.
    var normalizedText: String {
        var text = description
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
