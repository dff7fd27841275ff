/// One feature of a `DesignSpecification`: its name, kind, levels and
/// missing-value handling, as fixed on the training data and written into the
/// model file.
///
/// Design columns it contributes, in this order:
/// - numeric `F`: `F`, then `F (missing)` when `missingIndicator` (a 0/1
///   column; the value column then holds `fill`, the training median, at the
///   missing rows);
/// - categorical `F` with levels `L0 < L1 < … < Lk` (byte-wise UTF-8 order):
///   treatment coding against the reference level `L0`, one 0/1 column
///   `F=Li` for each `i ≥ 1` (R's `contr.treatment` with sorted levels), then
///   `F (missing)` when `missingIndicator` (a missing row has all `F=Li`
///   zero and the indicator one: missing acts as one more level).
///
/// JSON (`Codable`): `{"name": "age", "kind": "numeric", "missingIndicator": true, "fill": 33}`,
/// `{"name": "housing", "kind": "categorical", "levels": ["free", "own", "rent"], "missingIndicator": false}`.
/// Decoding checks the same invariants as the constructors and refuses a
/// feature that breaks one (unsorted or repeated levels, a fill without an
/// indicator, a non-finite fill).
public struct DesignFeature: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case numeric, categorical
    }

    /// The column name in the data.
    public let name: String
    public let kind: Kind
    /// Categorical: the training levels, sorted by their UTF-8 bytes; the first is the reference. Nil for numeric.
    public let levels: [String]?
    /// Whether the column `name (missing)` follows the feature's columns.
    public let missingIndicator: Bool
    /// Numeric with an indicator: the value written for a missing row (the training median). Nil otherwise.
    public let fill: Double?

    enum CodingKeys: String, CodingKey {
        case name, kind, levels, missingIndicator, fill
    }

    /// A numeric feature; `missingFill` (the training median) adds the indicator column.
    public static func numeric(_ name: String, missingFill: Double? = nil) throws(ModelError) -> DesignFeature {
        let f = DesignFeature(name: name, kind: .numeric, levels: nil,
                              missingIndicator: missingFill != nil, fill: missingFill)
        if let problem = f.problem { throw .invalidArgument(problem) }
        return f
    }

    /// A categorical feature with `levels` (sorted here, byte-wise UTF-8; the first is the reference).
    public static func categorical(_ name: String, levels: [String],
                                   missingIndicator: Bool = false) throws(ModelError) -> DesignFeature {
        let f = DesignFeature(name: name, kind: .categorical, levels: levels.sorted(by: String.utf8Precedes),
                              missingIndicator: missingIndicator, fill: nil)
        if let problem = f.problem { throw .invalidArgument(problem) }
        return f
    }

    private init(name: String, kind: Kind, levels: [String]?, missingIndicator: Bool, fill: Double?) {
        self.name = name
        self.kind = kind
        self.levels = levels
        self.missingIndicator = missingIndicator
        self.fill = fill
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        kind = try c.decode(Kind.self, forKey: .kind)
        levels = try c.decodeIfPresent([String].self, forKey: .levels)
        missingIndicator = try c.decode(Bool.self, forKey: .missingIndicator)
        fill = try c.decodeIfPresent(Double.self, forKey: .fill)
        if let problem {
            throw DecodingError.dataCorruptedError(forKey: .name, in: c, debugDescription: problem)
        }
    }

    /// The reference level of a categorical feature.
    public var referenceLevel: String? { levels?.first }

    /// The design columns this feature contributes, in order.
    public var columnNames: [String] {
        var out: [String]
        switch kind {
        case .numeric: out = [name]
        case .categorical: out = (levels ?? []).dropFirst().map { "\(name)=\($0)" }
        }
        if missingIndicator { out.append("\(name) (missing)") }
        return out
    }

    /// How many design columns this feature contributes.
    public var columnCount: Int {
        (kind == .numeric ? 1 : max((levels?.count ?? 0) - 1, 0)) + (missingIndicator ? 1 : 0)
    }

    /// What is wrong with this feature, or nil.
    var problem: String? {
        guard !name.isEmpty else { return "a feature has an empty name" }
        switch kind {
        case .numeric:
            if levels != nil { return "numeric feature '\(name)' lists levels" }
            if missingIndicator != (fill != nil) {
                return "numeric feature '\(name)': a missing indicator needs a fill value and a fill value an indicator"
            }
            if let fill, !fill.isFinite { return "numeric feature '\(name)' has a non-finite fill \(fill)" }
        case .categorical:
            guard let levels, !levels.isEmpty else { return "categorical feature '\(name)' has no levels" }
            if fill != nil { return "categorical feature '\(name)' has a fill value" }
            for (a, b) in zip(levels, levels.dropFirst()) where !String.utf8Precedes(a, b) || a == b {
                return "categorical feature '\(name)': levels must be distinct and sorted by UTF-8 bytes; "
                    + "'\(a)' comes before '\(b)'"
            }
            if Set(levels).count != levels.count {
                return "categorical feature '\(name)' has two levels that are the same text in another Unicode normalisation"
            }
        }
        return nil
    }
}
