/// How a table becomes a model's design matrix: the features in order, each
/// numeric or categorical with its levels, and the missing-value handling,
/// fixed on the training data and stored in the model file so that scoring
/// builds the same columns.
///
/// Design columns: `(Intercept)` (all ones) first, then each feature's
/// columns in feature order (see `DesignFeature`): a numeric feature keeps its
/// name; a categorical feature `F` with sorted levels `L0 < … < Lk` gets
/// `F=L1 … F=Lk` (treatment coding, `L0` the reference, as R's
/// `model.matrix` with `contr.treatment` on a factor with sorted levels);
/// `F (missing)` follows a feature that had missing values in training under
/// `.indicator`.
///
/// ```swift
/// let spec = try DesignSpecification(fitting: train, features: ["age", "housing"], missing: .indicator)
/// let x = try spec.design(for: train, ignoring: ["default", "id"])   // n × spec.columnCount
/// ```
public struct DesignSpecification: Sendable, Hashable, Codable {
    /// What a missing value (an empty field or `NA`) in a feature does.
    public enum MissingPolicy: String, Sendable, Hashable, Codable {
        /// A missing value is an error naming the column and row, in training and at scoring.
        case error
        /// A feature with missing values in training gets an indicator column
        /// `F (missing)`; a numeric one is filled with its training median.
        /// Features without missing values in training get no indicator, and a
        /// missing value in one at scoring is an error.
        case indicator
    }

    /// The name of the first design column, all ones.
    public static let interceptName = "(Intercept)"

    /// The features, in design order.
    public let features: [DesignFeature]
    /// The policy the specification was fitted with (recorded; the features carry its effect).
    public let missing: MissingPolicy

    /// A specification from its features; throws when two features share a
    /// name or two design columns would share a name (`(Intercept)` included).
    public init(features: [DesignFeature], missing: MissingPolicy) throws(ModelError) {
        if let problem = Self.problem(features) { throw .invalidArgument(problem) }
        self.features = features
        self.missing = missing
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        features = try c.decode([DesignFeature].self, forKey: .features)
        missing = try c.decode(MissingPolicy.self, forKey: .missing)
        if let problem = Self.problem(features) {
            throw DecodingError.dataCorruptedError(forKey: .features, in: c, debugDescription: problem)
        }
    }

    enum CodingKeys: String, CodingKey {
        case features, missing
    }

    /// The feature names, in order.
    public var featureNames: [String] { features.map(\.name) }

    /// The categorical features' names: the columns a reader must keep as text at scoring.
    public var categoricalFeatures: [String] { features.filter { $0.kind == .categorical }.map(\.name) }

    /// The design column names, `(Intercept)` first (the coefficient names).
    public var columnNames: [String] { [Self.interceptName] + features.flatMap(\.columnNames) }

    /// Design columns, intercept included.
    public var columnCount: Int { 1 + features.reduce(0) { $0 + $1.columnCount } }

    /// The design columns of each feature, parallel to `features` (for grouping coefficients by feature).
    public var featureColumns: [Range<Int>] {
        var start = 1
        return features.map { f in
            defer { start += f.columnCount }
            return start..<(start + f.columnCount)
        }
    }

    /// The model features absent from `table`, and the table's columns that are
    /// neither features nor in `ignoring` (id, target, weights), each in order.
    public func mismatch(with table: DataTable, ignoring: Set<String> = []) -> (missing: [String], extra: [String]) {
        let names = Set(featureNames)
        let missing = featureNames.filter { !table.contains($0) }
        let extra = table.names.filter { !names.contains($0) && !ignoring.contains($0) }
        return (missing, extra)
    }

    private static func problem(_ features: [DesignFeature]) -> String? {
        var seen = Set<String>()
        for f in features {
            if let p = f.problem { return p }
            if !seen.insert(f.name).inserted { return "feature '\(f.name)' is listed twice" }
        }
        var columns: Set<String> = [interceptName]
        for f in features {
            for name in f.columnNames where !columns.insert(name).inserted {
                return "design column '\(name)' (from feature '\(f.name)') would appear twice; rename a column"
            }
        }
        return nil
    }
}

extension DesignSpecification {
    /// Fixes the specification on training data: each of `features` (in this
    /// order) is numeric or categorical as its column in `table` is;
    /// categorical levels are those present in the rows, sorted by UTF-8 bytes.
    ///
    /// Throws `ModelError.nonFinite` for a NaN or ±inf value (column and row),
    /// `.invalidArgument` for an unknown or repeated feature name (listing the
    /// table's columns), a missing value under `.error` (column and row), or a
    /// feature with no values at all. Under `.indicator` a numeric feature with
    /// missing values gets its median (R's `median`: the mean of the two middle
    /// values for an even count) as fill.
    public init(fitting table: DataTable, features names: [String], missing: MissingPolicy = .error) throws(ModelError) {
        try table.checkKnown(names)
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw .invalidArgument("feature '\(name)' is listed twice")
        }
        var features: [DesignFeature] = []
        features.reserveCapacity(names.count)
        for name in names {
            switch try table.column(name) {
            case .numeric(let c): features.append(try Self.fitNumeric(name, c, missing))
            case .categorical(let c): features.append(try Self.fitCategorical(name, c, missing))
            }
        }
        try self.init(features: features, missing: missing)
    }

    private static func fitNumeric(_ name: String, _ c: NumericColumn,
                                   _ policy: MissingPolicy) throws(ModelError) -> DesignFeature {
        for i in 0..<c.count where !c.values[i].isFinite && !c.missing[i] {
            throw .nonFinite(column: name, row: i, value: c.values[i])
        }
        guard let first = c.missing.firstMissing else { return try .numeric(name) }
        guard policy == .indicator else { throw DesignError.missing(name, row: first, training: true) }
        var present: [Double] = []
        present.reserveCapacity(c.count - c.missing.missingCount)
        for i in 0..<c.count where !c.missing[i] { present.append(c.values[i]) }
        guard !present.isEmpty else {
            throw .empty("feature '\(name)' has no values: all \(c.count) training rows are missing")
        }
        present.sort()
        let mid = present.count / 2
        var median = present[mid]
        if present.count % 2 == 0 {
            let a = present[mid - 1], b = present[mid]
            median = (a + b).isFinite ? (a + b) / 2 : a / 2 + b / 2
        }
        return try .numeric(name, missingFill: median)
    }

    private static func fitCategorical(_ name: String, _ c: CategoricalColumn,
                                       _ policy: MissingPolicy) throws(ModelError) -> DesignFeature {
        var seen = [Bool](repeating: false, count: c.levels.count)
        var firstMissing: Int?
        for (i, code) in c.codes.enumerated() {
            if code == CategoricalColumn.missingCode {
                if firstMissing == nil { firstMissing = i }
            } else {
                seen[Int(code)] = true
            }
        }
        if let firstMissing, policy == .error { throw DesignError.missing(name, row: firstMissing, training: true) }
        let levels = c.levels.indices.filter { seen[$0] }.map { c.levels[$0] }
        guard !levels.isEmpty else {
            throw .empty("feature '\(name)' has no values: all \(c.count) training rows are missing")
        }
        return try .categorical(name, levels: levels, missingIndicator: firstMissing != nil)
    }
}
