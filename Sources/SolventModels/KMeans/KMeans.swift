import SolventNumerics

/// Settings of k-means clustering (Lloyd 1982; Hamerly 2010) with greedy
/// k-means++ seeding (Arthur & Vassilvitskii 2007, as scikit-learn does it).
///
/// `fit` minimises the (weighted) inertia Σᵢ wᵢ ‖xᵢ − c_{label(i)}‖² over the
/// rows of an n × d column-major matrix and returns an immutable
/// `KMeansModel`. It follows scikit-learn's `KMeans` step for step:
/// - the data are centred on their (unweighted) column means before
///   clustering and the centres moved back at the end, for accurate distances;
/// - one iteration assigns every row to its nearest centre (ties to the lowest
///   index), moves each centre to the weighted mean of its rows, relocates
///   empty clusters to the rows farthest from their centres, and stops when no
///   label changed ("strict convergence") or when Σⱼ ‖cⱼ⁽ⁿᵉʷ⁾ − cⱼ‖² ≤ tol ·
///   mean over columns of the (population) variance;
/// - without strict convergence the labels are recomputed from the final
///   centres; the inertia is Σᵢ wᵢ ‖xᵢ − c_{label(i)}‖² computed directly.
///
/// From the same initial centres it matches scikit-learn 1.9
/// `KMeans(init=centres, n_init=1, algorithm="lloyd")` in labels and iteration
/// counts exactly and in centres and inertia to 1e-10 relative
/// (`Fixtures/kmeans`), with and without weights, for both algorithms.
///
/// Results depend only on the seed: the rows are worked on in fixed spans
/// (up to 16, by the row count alone) whose partial sums are added in span
/// order, so neither the thread count nor the BLAS thread count changes them.
public struct KMeans: Sendable, Hashable, Codable {
    /// How the assignment step finds each row's nearest centre.
    public enum Algorithm: String, Sendable, Hashable, Codable, CaseIterable {
        /// All n·k distances every iteration, as ‖c‖² − 2x·c fused with the
        /// arg-min: screened in single precision (`KMeansScreen.swift`), a
        /// block of 512 rows by `dgemm` in double only when one of its rows
        /// has two centres nearly as near, so the labels are always those of
        /// the double-precision step.
        case lloyd
        /// Hamerly's bounds (one upper bound to the own centre, one lower
        /// bound to the others per row): exact distances only for rows whose
        /// bounds overlap, so little work once centres settle. Same labels and
        /// centres as `.lloyd` up to distance ties.
        case hamerly
    }

    /// The number of clusters, 1 ≤ k ≤ rows.
    public var k: Int
    /// Restarts from independent k-means++ seedings, keeping the lowest
    /// inertia (the first on ties). Default 1: scikit-learn's `n_init="auto"`
    /// with k-means++, as greedy seeding already starts close; more restarts
    /// cost proportionally more time.
    public var nInit: Int
    /// Lloyd/Hamerly iterations per restart (default 300, as scikit-learn).
    public var maxIterations: Int
    /// Relative tolerance on the squared centre shift (default 1e-4, as
    /// scikit-learn): the absolute bound is `tolerance` × the mean over
    /// columns of the unweighted population variance. 0 means "until no
    /// label changes".
    public var tolerance: Double
    /// The seed of the `Xoshiro256StarStar` generator used for seeding.
    public var seed: UInt64
    /// The assignment algorithm (default `.lloyd`).
    public var algorithm: Algorithm

    public init(k: Int, nInit: Int = 1, maxIterations: Int = 300, tolerance: Double = 1e-4,
                seed: UInt64 = 0, algorithm: Algorithm = .lloyd) {
        self.k = k
        self.nInit = nInit
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.seed = seed
        self.algorithm = algorithm
    }

    /// Clusters the rows of `x` (n × d, column-major).
    ///
    /// - Parameters:
    ///   - weights: optional sample weights (n values, finite, ≥ 0, not all 0);
    ///     a weight of m counts as the row repeated m times.
    ///   - initialCentres: optional k × d starting centres (scikit-learn's
    ///     `init=` array); then a single run is made whatever `nInit` says.
    ///   - columnNames: names used in error messages (default "x1", "x2", …).
    /// - Throws: `ModelError.empty` (no rows or columns),
    ///   `.invalidArgument` (k, nInit, maxIterations, tolerance, initial
    ///   centres of the wrong shape), `.nonFinite` (with column and row),
    ///   `.badWeights`.
    public func fit(_ x: Matrix, weights: [Double]? = nil, initialCentres: Matrix? = nil,
                    columnNames: [String]? = nil) throws(ModelError) -> KMeansModel {
        let names = columnNames ?? (0..<x.columns).map { "x\($0 + 1)" }
        try validate(x, weights: weights, initialCentres: initialCentres, names: names)
        let data = KMeansData(x, weights: weights)
        if !data.isFinite, let (row, column) = x.firstNonFinite() {
            throw .nonFinite(column: names[column], row: row, value: x[row, column])
        }
        var warnings: [String] = []
        let distinct = data.distinctRows(upTo: k)
        if distinct < k {
            warnings.append("only \(distinct) distinct point\(distinct == 1 ? "" : "s") with positive weight for k = \(k): some clusters stay empty or duplicate")
        }
        let tol = tolerance * data.meanVariance
        var best: KMeansRun.Result?
        if let initialCentres {
            best = KMeansRun(data: data, algorithm: algorithm, maxIterations: maxIterations, tolerance: tol)
                .run(from: data.centred(initialCentres))
        } else {
            var generator = Xoshiro256StarStar(seed: seed)
            for _ in 0..<nInit {
                let start = KMeansSeeding.greedyPlusPlus(data, k: k, generator: &generator)
                let result = KMeansRun(data: data, algorithm: algorithm, maxIterations: maxIterations, tolerance: tol)
                    .run(from: start)
                if best.map({ result.inertia < $0.inertia }) ?? true { best = result }
            }
        }
        guard let best else { preconditionFailure("k-means ran no restart (nInit was validated ≥ 1)") }
        if !best.converged {
            warnings.append("k-means did not converge in \(best.iterations) iterations")
        }
        return KMeansModel(settings: self, centres: data.uncentred(best.centres, k: k), labels: best.labels,
                           inertia: best.inertia, iterations: best.iterations, converged: best.converged,
                           warnings: warnings, columnNames: names)
    }

    private func validate(_ x: Matrix, weights: [Double]?, initialCentres: Matrix?,
                          names: [String]) throws(ModelError) {
        guard x.rows > 0, x.columns > 0 else {
            throw .empty("k-means needs at least one row and one column; got \(x.rows) × \(x.columns)")
        }
        guard names.count == x.columns else {
            throw .invalidArgument("columnNames has \(names.count) names for \(x.columns) columns")
        }
        guard k >= 1, k <= x.rows else {
            throw .invalidArgument("k = \(k) must be between 1 and the number of rows (\(x.rows))")
        }
        guard nInit >= 1 else { throw .invalidArgument("nInit = \(nInit) must be ≥ 1") }
        guard maxIterations >= 1 else { throw .invalidArgument("maxIterations = \(maxIterations) must be ≥ 1") }
        guard tolerance >= 0, tolerance.isFinite else {
            throw .invalidArgument("tolerance = \(tolerance) must be finite and ≥ 0")
        }
        if let weights {
            guard weights.count == x.rows else {
                throw .badWeights("\(weights.count) weights for \(x.rows) rows")
            }
            if let i = weights.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw .badWeights("weight \(weights[i]) at row \(i + 1) must be finite and ≥ 0")
            }
            guard weights.contains(where: { $0 > 0 }) else { throw .badWeights("all weights are 0") }
        }
        if let c = initialCentres {
            guard c.rows == k, c.columns == x.columns else {
                throw .invalidArgument("initial centres are \(c.rows) × \(c.columns); k × columns is \(k) × \(x.columns)")
            }
            if let (row, column) = c.firstNonFinite() {
                throw .invalidArgument("initial centre \(row + 1) has \(c[row, column]) in column '\(names[column])'")
            }
        }
    }
}
