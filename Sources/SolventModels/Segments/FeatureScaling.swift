import Foundation
import SolventNumerics

/// How segment features are put on one scale before k-means: chosen
/// explicitly, fitted on the training rows, stored in the model file so
/// centres can be shown in original units.
///
/// Per column, in order: optional bounds, x ↦ min(max(x, lower), upper), so a
/// few extreme values (a slope of 12 days a month from four invoices) neither
/// stretch the scale nor pull a centre; an optional signed log transform,
/// t(x) = sign(x)·ln(1 + |x|) (inverse sign(y)·(e^{|y|} − 1)), then
/// z = (t − centre) / scale with
/// - `.zScore`: centre the mean, scale the population standard deviation
///   (ddof 0, as scikit-learn's `StandardScaler`);
/// - `.robust`: centre the median, scale the interquartile range (quartiles
///   by linear interpolation, numpy's default; scikit-learn's `RobustScaler`);
/// - `.none`: centre 0, scale 1.
/// A column whose scale is 0 (constant) gets scale 1, so it becomes 0 and
/// never divides by zero; it is listed in `constantColumns`.
public struct FeatureScaling: Sendable, Hashable, Codable {
    public enum Method: String, Sendable, Hashable, Codable, CaseIterable {
        case zScore = "z", robust, none
    }

    public let method: Method
    public let columns: [String]
    /// The closed range each value is clamped to first (nil: not clamped).
    public struct Bounds: Sendable, Hashable, Codable {
        public let lower: Double
        public let upper: Double
        public init(lower: Double, upper: Double) {
            self.lower = lower
            self.upper = upper
        }
        func clamp(_ x: Double) -> Double { Swift.min(Swift.max(x, lower), upper) }
    }

    /// Each column's bounds, or nil; nil altogether in model files written before bounds existed.
    public let bounds: [Bounds?]?
    /// Whether each column is log-transformed (after clamping).
    public let logTransformed: [Bool]
    public let centres: [Double]
    public let scales: [Double]
    /// Columns with zero spread in the training rows.
    public let constantColumns: [String]

    /// Fits the scaling on `x` (n × d), whose columns are `names`; `log` lists the columns to
    /// log-transform, `clamp` the bounds of the columns to clamp.
    public init(fitting x: Matrix, names: [String], method: Method, log: Set<String> = [],
                clamp: [String: Bounds] = [:]) throws(ModelError) {
        guard x.rows > 0 else { throw .empty("no rows to fit the scaling on") }
        guard names.count == x.columns else {
            throw .invalidArgument("\(names.count) column names for \(x.columns) columns")
        }
        if let unknown = log.subtracting(names).sorted().first {
            throw .invalidArgument("log transform of '\(unknown)', which is not a column (columns: \(names.joined(separator: ", ")))")
        }
        if let unknown = Set(clamp.keys).subtracting(names).sorted().first {
            throw .invalidArgument("bounds for '\(unknown)', which is not a column (columns: \(names.joined(separator: ", ")))")
        }
        if let (name, b) = clamp.sorted(by: { $0.key < $1.key }).first(where: { !($0.value.lower <= $0.value.upper) }) {
            throw .invalidArgument("bounds \(b.lower)…\(b.upper) for '\(name)': the lower bound must not exceed the upper")
        }
        if let (row, column) = x.firstNonFinite() {
            throw .nonFinite(column: names[column], row: row, value: x[row, column])
        }
        self.method = method
        let bounds = names.map { clamp[$0] }
        self.bounds = clamp.isEmpty ? nil : bounds
        columns = names
        let logs = names.map { log.contains($0) }
        logTransformed = logs
        var centres: [Double] = [], scales: [Double] = [], constant: [String] = []
        for j in 0..<x.columns {
            let t = x.column(j).map { v in
                let c = bounds[j]?.clamp(v) ?? v
                return logs[j] ? Self.signedLog(c) : c
            }
            let (c, s) = Self.location(t, method)
            // Constant by the values, not by the spread: the mean of equal values can differ from
            // them in the last bit, which leaves a spread of 1e-18 instead of 0.
            let isConstant = t.min() == t.max()
            centres.append(c)
            if s > 0 && s.isFinite && !isConstant { scales.append(s) } else { scales.append(1) }
            if method != .none && (isConstant || !(s > 0)) { constant.append(names[j]) }
        }
        self.centres = centres
        self.scales = scales
        constantColumns = constant
    }

    /// The scaled copy of `x` (same columns, same order).
    public func transform(_ x: Matrix) throws(ModelError) -> Matrix {
        guard x.columns == columns.count else {
            throw .invalidArgument("the data have \(x.columns) columns, the scaling \(columns.count)")
        }
        if let (row, column) = x.firstNonFinite() {
            throw .nonFinite(column: columns[column], row: row, value: x[row, column])
        }
        var out = [Double](repeating: 0, count: x.rows * x.columns)
        for j in 0..<x.columns {
            let c = centres[j], s = scales[j], log = logTransformed[j], b = bounds?[j]
            for i in 0..<x.rows {
                let v = b?.clamp(x[i, j]) ?? x[i, j]
                out[i + j * x.rows] = ((log ? Self.signedLog(v) : v) - c) / s
            }
        }
        do { return try Matrix(rows: x.rows, columns: x.columns, columnMajor: out) } catch {
            throw .numeric("scaling", error)
        }
    }

    /// Points in scaled units (rows) back in original units (clamped values stay clamped).
    public func inverse(_ scaled: Matrix) throws(ModelError) -> Matrix {
        guard scaled.columns == columns.count else {
            throw .invalidArgument("\(scaled.columns) columns for a scaling of \(columns.count)")
        }
        var out = [Double](repeating: 0, count: scaled.rows * scaled.columns)
        for j in 0..<scaled.columns {
            for i in 0..<scaled.rows {
                let t = scaled[i, j] * scales[j] + centres[j]
                out[i + j * scaled.rows] = logTransformed[j] ? Self.signedExp(t) : t
            }
        }
        do { return try Matrix(rows: scaled.rows, columns: scaled.columns, columnMajor: out) } catch {
            throw .numeric("unscaling", error)
        }
    }

    static func signedLog(_ x: Double) -> Double { x < 0 ? -Foundation.log1p(-x) : Foundation.log1p(x) }
    static func signedExp(_ y: Double) -> Double { y < 0 ? -Foundation.expm1(-y) : Foundation.expm1(y) }

    /// (centre, spread) of one column by `method`.
    static func location(_ v: [Double], _ method: Method) -> (Double, Double) {
        switch method {
        case .none:
            return (0, 1)
        case .zScore:
            let n = Double(v.count)
            let mean = v.reduce(0, +) / n
            let variance = v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
            return (mean, variance.squareRoot())
        case .robust:
            let sorted = v.sorted()
            return (SampleQuantile.linear(sorted: sorted, 0.5),
                    SampleQuantile.linear(sorted: sorted, 0.75) - SampleQuantile.linear(sorted: sorted, 0.25))
        }
    }
}
