import SolventNumerics

/// Fits a segmentation: fills missing values, scales the features, runs
/// k-means (k given or chosen by `KSelection`), names the segments by
/// `SegmentNaming` and profiles them.
public struct SegmentTrainer: Sendable {
    public var settings: SegmentSettings
    public var name: String
    /// Provenance recorded in the model file.
    public var source: String
    public var sourceSHA256: String?
    public var createdAt: String
    public var solventVersion: String

    public init(settings: SegmentSettings, name: String = "segments", source: String, sourceSHA256: String? = nil,
                createdAt: String, solventVersion: String) {
        self.settings = settings
        self.name = name
        self.source = source
        self.sourceSHA256 = sourceSHA256
        self.createdAt = createdAt
        self.solventVersion = solventVersion
    }

    /// Segments the rows of `table` on `features` (numeric columns).
    /// - Parameter exposure: optional per-row exposure (open AR) for each segment's exposure share.
    /// - Throws: `ModelError` for a missing or text feature, a feature with no
    ///   values, non-finite values (with the row), k outside 1…rows, a bad
    ///   k range, a log or bounded column that is not a feature, bounds with lower > upper.
    public func fit(_ table: DataTable, features: [String], idColumn: String?,
                    exposure: [Double]? = nil) throws(ModelError) -> SegmentModel {
        guard !features.isEmpty else { throw .empty("no feature columns to segment on") }
        guard table.rowCount > 0 else { throw .empty("the table has no rows") }
        if let exposure, exposure.count != table.rowCount {
            throw .invalidArgument("\(exposure.count) exposures for \(table.rowCount) rows")
        }
        let fills = try features.map { (name) throws(ModelError) -> Double in
            if let v = settings.fills[name] { return v }
            return try Self.median(of: table, name)
        }
        let x = try Self.filledMatrix(table, features: features, fills: fills)
        let scaling = try FeatureScaling(fitting: x, names: features, method: settings.scaling, log: Set(settings.logColumns),
                                          clamp: settings.clamp)
        let scaled = try scaling.transform(x)
        var warnings = scaling.constantColumns.map {
            settings.scaling == .robust
                ? "column '\($0)' has an interquartile range of 0 in the training rows: it is centred, not rescaled"
                : "column '\($0)' is constant in the training rows: it cannot separate segments (scaled to 0)"
        }
        let kmeans: KMeansModel, selection: KSelection?
        switch settings.k {
        case .fixed(let k):
            kmeans = try KMeans(k: k, nInit: settings.nInit, seed: settings.seed, algorithm: settings.algorithm)
                .fit(scaled, columnNames: features)
            selection = nil
        case .auto(let lower, let upper):
            (selection, kmeans) = try KSelection.select(scaled, lower: lower, upper: upper, settings: settings,
                                                         columnNames: features)
        }
        warnings += kmeans.warnings
        let original = try scaling.inverse(kmeans.centres)
        let k = kmeans.k, d = features.count, n = table.rowCount
        var sizes = [Int](repeating: 0, count: k), sums = [Double](repeating: 0, count: k * d)
        var exposures = [Double](repeating: 0, count: k)
        for i in 0..<n {
            let c = kmeans.labels[i]
            sizes[c] += 1
            for j in 0..<d { sums[c * d + j] += x[i, j] }
            if let exposure { exposures[c] += max(exposure[i], 0) }
        }
        // An empty cluster (fewer distinct rows than k) shows its centre as its means.
        let means = (0..<k).map { c in (0..<d).map { sizes[c] > 0 ? sums[c * d + $0] / Double(sizes[c]) : original[c, $0] } }
        let totalExposure = exposures.reduce(0, +)
        let segments = SegmentNaming.order(means: means, sizes: sizes, features: features).enumerated().map { position, named in
            let c = named.cluster
            return SegmentModel.Segment(
                id: position + 1, name: named.name, behaviour: named.behaviour, size: sizes[c],
                share: Double(sizes[c]) / Double(n),
                exposureShare: exposure == nil ? nil : (totalExposure > 0 ? exposures[c] / totalExposure : 0),
                means: means[c], centre: (0..<d).map { original[c, $0] }, scaledCentre: (0..<d).map { kmeans.centres[c, $0] })
        }
        let portfolioMeans = (0..<d).map { j in (0..<n).reduce(0.0) { $0 + x[$1, j] } / Double(n) }
        return SegmentModel(
            name: name, features: features, fills: fills, scaling: scaling, settings: settings, segments: segments,
            portfolioMeans: portfolioMeans,
            fit: .init(inertia: kmeans.inertia, iterations: kmeans.iterations, converged: kmeans.converged), warnings: warnings, selection: selection,
            training: .init(source: source, sourceSHA256: sourceSHA256, idColumn: idColumn,
                            ignoredColumns: table.names.filter { $0 != idColumn && !features.contains($0) }, rows: n,
                            createdAt: createdAt, solventVersion: solventVersion))
    }

    /// The median of the observed values of a numeric column.
    static func median(of table: DataTable, _ name: String) throws(ModelError) -> Double {
        let column = try numericColumn(table, name)
        let observed = (0..<column.count).compactMap { column[$0] }.filter(\.isFinite).sorted()
        guard !observed.isEmpty else {
            throw .empty("column '\(name)' has no values: a segment feature needs observed values (or a fill value)")
        }
        return SampleQuantile.linear(sorted: observed, 0.5)
    }

    static func numericColumn(_ table: DataTable, _ name: String) throws(ModelError) -> NumericColumn {
        switch try table.column(name) {
        case .numeric(let c): return c
        case .categorical:
            throw .invalidArgument("column '\(name)' holds text; segment features must be numbers")
        }
    }

    /// The n × d matrix of `features` with missing values replaced by `fills`; non-finite values are refused.
    static func filledMatrix(_ table: DataTable, features: [String], fills: [Double]) throws(ModelError) -> Matrix {
        var x = Matrix(rows: table.rowCount, columns: features.count)
        for (j, name) in features.enumerated() {
            let column = try numericColumn(table, name)
            for i in 0..<table.rowCount {
                if column.missing[i] { x[i, j] = fills[j]; continue }
                let v = column.values[i]
                guard v.isFinite else { throw .nonFinite(column: name, row: i, value: v) }
                x[i, j] = v
            }
        }
        return x
    }

    /// Nearest centre (rows of `centres`) of each row of `x`, with the Euclidean distance.
    static func nearest(_ x: Matrix, centres: Matrix) throws(ModelError) -> (labels: [Int], distances: [Double]) {
        let model = KMeansModel(settings: KMeans(k: centres.rows), centres: centres, labels: [], inertia: 0,
                                iterations: 0, converged: true, warnings: [],
                                columnNames: (0..<x.columns).map { "x\($0 + 1)" })
        return try model.predict(x)
    }
}
