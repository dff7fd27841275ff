import SolventNumerics

/// A fitted k-means clustering: the centres in the data's units, the training
/// labels and the fit's diagnostics. Immutable; made by `KMeans.fit`.
///
/// Codable without `labels` (a model file need not carry one label per
/// training row): a decoded model has `labels == []`.
public struct KMeansModel: Sendable, Hashable, Codable {
    /// The settings it was fitted with.
    public let settings: KMeans
    /// k × d: row c is the centre of cluster c, in the units of the data.
    public let centres: Matrix
    /// The cluster (0..<k) of each training row, from the final centres.
    public let labels: [Int]
    /// Σᵢ wᵢ ‖xᵢ − c_{label(i)}‖² over the training rows.
    public let inertia: Double
    /// Iterations of the kept run (each one assignment and one update).
    public let iterations: Int
    /// Whether the kept run stopped on unchanged labels or the shift tolerance.
    public let converged: Bool
    /// Non-convergence; fewer distinct points than k.
    public let warnings: [String]
    /// The names of the d columns.
    public let columnNames: [String]

    public var k: Int { centres.rows }

    init(settings: KMeans, centres: Matrix, labels: [Int], inertia: Double, iterations: Int,
         converged: Bool, warnings: [String], columnNames: [String]) {
        self.settings = settings
        self.centres = centres
        self.labels = labels
        self.inertia = inertia
        self.iterations = iterations
        self.converged = converged
        self.warnings = warnings
        self.columnNames = columnNames
    }

    /// The nearest centre of each row of `x` (n × d, the model's columns in
    /// order) and the Euclidean distance to it, computed directly; ties go to
    /// the lowest cluster.
    /// - Throws: `.invalidArgument` for another column count, `.nonFinite`.
    public func predict(_ x: Matrix) throws(ModelError) -> (labels: [Int], distances: [Double]) {
        let d = centres.columns, k = centres.rows, n = x.rows
        guard x.columns == d else {
            throw .invalidArgument("the data have \(x.columns) columns; the model has \(d)")
        }
        if let (row, column) = x.firstNonFinite() {
            throw .nonFinite(column: columnNames[column], row: row, value: x[row, column])
        }
        var labels = [Int](repeating: 0, count: n)
        var best = [Double](repeating: .infinity, count: n)
        let c = centres.storage
        x.storage.withUnsafeBufferPointer { xs in
            for cluster in 0..<k {
                var s = [Double](repeating: 0, count: n)
                for j in 0..<d {
                    let v = c[j * k + cluster], column = xs.baseAddress! + j * n
                    for i in 0..<n { let t = column[i] - v; s[i] += t * t }
                }
                for i in 0..<n where s[i] < best[i] { best[i] = s[i]; labels[i] = cluster }
            }
        }
        return (labels, best.map { $0.squareRoot() })
    }

    private enum CodingKeys: String, CodingKey {
        case settings, centres, inertia, iterations, converged, warnings, columnNames
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        settings = try c.decode(KMeans.self, forKey: .settings)
        let rows = try c.decode([[Double]].self, forKey: .centres)
        centres = try Matrix(rowArrays: rows)
        labels = []
        inertia = try c.decode(Double.self, forKey: .inertia)
        iterations = try c.decode(Int.self, forKey: .iterations)
        converged = try c.decode(Bool.self, forKey: .converged)
        warnings = try c.decode([String].self, forKey: .warnings)
        columnNames = try c.decode([String].self, forKey: .columnNames)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(settings, forKey: .settings)
        try c.encode((0..<centres.rows).map { centres.row($0) }, forKey: .centres)
        try c.encode(inertia, forKey: .inertia)
        try c.encode(iterations, forKey: .iterations)
        try c.encode(converged, forKey: .converged)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(columnNames, forKey: .columnNames)
    }
}
