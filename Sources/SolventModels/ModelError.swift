import SolventNumerics

/// Why an estimator could not fit, score or validate: bad input data or
/// arguments, with the values and the place involved (column name, row).
///
/// Non-convergence and separation are not errors: they are recorded in the
/// fitted model (`converged`, `warnings`) as R's `glm.fit` does.
public enum ModelError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A NaN or ±inf in a feature, the target or the weights (row is 0-based).
    case nonFinite(column: String, row: Int, value: Double)
    /// No rows, no features, or too few rows for what was asked.
    case empty(String)
    /// The target is not a 0/1 label: the offending value and its row.
    case badLabel(column: String, row: Int, value: String)
    /// The target has only one class.
    case oneClass(column: String, label: Int, rows: Int)
    /// Weights that are negative, all zero, or of the wrong length.
    case badWeights(String)
    /// Scoring or validation data whose features are not the model's.
    case featureMismatch(missing: [String], extra: [String])
    /// An argument outside its domain; the message names it and its value.
    case invalidArgument(String)
    /// A failure of the numeric core, with what was being done.
    case numeric(String, NumericError)

    public var description: String {
        switch self {
        case .nonFinite(let c, let r, let v):
            return "non-finite value \(v) in column '\(c)' at row \(r + 1)"
        case .empty(let m): return "not enough data: \(m)"
        case .badLabel(let c, let r, let v):
            return "target '\(c)' must be 0 or 1; row \(r + 1) has '\(v)'"
        case .oneClass(let c, let l, let n):
            return "target '\(c)' has only one class: all \(n) rows are \(l); a default model needs both 0 and 1"
        case .badWeights(let m): return "bad weights: \(m)"
        case .featureMismatch(let missing, let extra):
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing \(missing.joined(separator: ", "))") }
            if !extra.isEmpty { parts.append("not in the model \(extra.joined(separator: ", "))") }
            return "the data's features are not the model's: " + parts.joined(separator: "; ")
        case .invalidArgument(let m): return "invalid argument: \(m)"
        case .numeric(let what, let e): return "\(what): \(e)"
        }
    }
}
