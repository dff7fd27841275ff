/// Why a numeric routine could not give an answer. Every LAPACK `INFO > 0`
/// becomes one of these in `LAPACKError.check` (one place); `INFO < 0` is an
/// argument error in our own call and stops the program instead.
public enum NumericError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Operand shapes do not fit; the message gives the shapes.
    case shapeMismatch(String)
    /// A NaN or ±inf in an input, with where it was found.
    case nonFinite(what: String, row: Int, column: Int, value: Double)
    /// An input that is empty where data is needed.
    case empty(String)
    /// A matrix that is exactly singular: `U(i,i) = 0` in LU (1-based index as LAPACK reports it).
    case singular(routine: String, index: Int)
    /// A matrix that is not positive definite: the leading minor of order `order` is not.
    case notPositiveDefinite(routine: String, order: Int)
    /// An iterative LAPACK routine did not converge.
    case noConvergence(routine: String, info: Int)
    /// Argument outside its domain (the message names it and its value).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .shapeMismatch(let m): return "shape mismatch: \(m)"
        case .nonFinite(let what, let row, let column, let value):
            return "non-finite value \(value) in \(what) at row \(row), column \(column)"
        case .empty(let m): return "empty input: \(m)"
        case .singular(let r, let i): return "\(r): matrix is singular (U(\(i),\(i)) = 0)"
        case .notPositiveDefinite(let r, let o):
            return "\(r): matrix is not positive definite (leading minor of order \(o))"
        case .noConvergence(let r, let info): return "\(r): did not converge (info = \(info))"
        case .invalidArgument(let m): return "invalid argument: \(m)"
        }
    }
}
