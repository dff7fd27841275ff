/// The usual reading of a feature's information value (Siddiqi, *Credit Risk
/// Scorecards*, 2006): < 0.02 useless, 0.02 to < 0.1 weak, 0.1 to < 0.3
/// medium, ≥ 0.3 strong. (Values above about 0.5 are often "too good to be
/// true" and worth a check for leakage; that is left to the reader.)
public enum PredictivePower: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case useless, weak, medium, strong

    public init(informationValue iv: Double) {
        switch iv {
        case ..<0.02: self = .useless
        case ..<0.1: self = .weak
        case ..<0.3: self = .medium
        default: self = .strong
        }
    }

    private var rank: Int {
        switch self {
        case .useless: 0
        case .weak: 1
        case .medium: 2
        case .strong: 3
        }
    }

    public static func < (a: PredictivePower, b: PredictivePower) -> Bool { a.rank < b.rank }
}

/// One line of an IV ranking.
public struct InformationValueSummary: Sendable, Hashable, Codable {
    public let feature: String
    public let informationValue: Double
    public let power: PredictivePower
    /// informationValue ≥ the selection threshold.
    public let selected: Bool
}

/// Feature selection by information value.
public enum InformationValue {
    /// Default selection threshold: features with IV < 0.02 are useless.
    public static let defaultThreshold = 0.02

    /// The binnings with IV ≥ `threshold`, in their given order.
    public static func select(_ binnings: [FeatureBinning],
                              threshold: Double = defaultThreshold) -> [FeatureBinning] {
        binnings.filter { $0.informationValue >= threshold }
    }

    /// Every feature with its IV, reading and selection, by decreasing IV
    /// (ties in the given order).
    public static func summary(_ binnings: [FeatureBinning],
                               threshold: Double = defaultThreshold) -> [InformationValueSummary] {
        let ranked = binnings.enumerated().sorted { a, b in
            a.element.informationValue != b.element.informationValue
                ? a.element.informationValue > b.element.informationValue : a.offset < b.offset
        }
        return ranked.map { _, b in
            InformationValueSummary(feature: b.feature, informationValue: b.informationValue,
                                    power: b.power, selected: b.informationValue >= threshold)
        }
    }
}
