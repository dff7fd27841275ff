import Foundation
import SolventNumerics

/// A fitted segmentation: the features, how they are filled and scaled, the
/// k-means centres in scaled and original units, each segment's name and
/// profile, how k was chosen, and where the training data came from.
/// Written and read through `ModelDocument` (kind "segments").
public struct SegmentModel: Sendable, Codable {
    public static let kind = "segments"

    /// One segment, numbered 1… in naming order (see `SegmentNaming`).
    public struct Segment: Sendable, Hashable, Codable {
        public let id: Int
        /// Unique: the behaviour, with " 2", " 3" … when it repeats.
        public let name: String
        /// The rule that named it (nil when no rule matched); policies are looked up by it.
        public let behaviour: String?
        /// Training rows in the segment and their share.
        public let size: Int
        public let share: Double
        /// The segment's share of the exposure (open AR), when exposures were given.
        public let exposureShare: Double?
        /// Mean of each feature over the segment's rows (original units, missing filled).
        public let means: [Double]
        /// The centre in original units (the scaled centre transformed back).
        public let centre: [Double]
        /// The centre in scaled units (what distances are measured to).
        public let scaledCentre: [Double]
    }

    public struct TrainingInfo: Sendable, Codable {
        /// The CSV file, or "store profile at DATE".
        public let source: String
        public let sourceSHA256: String?
        public let idColumn: String?
        /// Columns of the training table that were neither the id nor features
        /// (text columns left out); scoring data may carry them too.
        public let ignoredColumns: [String]
        public let rows: Int
        public let createdAt: String
        public let solventVersion: String
    }

    public var schemaVersion = ModelDocument.schemaVersion
    public var kind = SegmentModel.kind
    public let name: String
    /// The feature columns, in order.
    public let features: [String]
    /// The value that replaces a missing value of each feature.
    public let fills: [Double]
    public let scaling: FeatureScaling
    public let settings: SegmentSettings
    public let segments: [Segment]
    /// Mean of each feature over all training rows.
    public let portfolioMeans: [Double]
    /// The k-means run at the chosen k.
    public struct FitSummary: Sendable, Hashable, Codable {
        /// Σ squared distances to the own centre, scaled units.
        public let inertia: Double
        public let iterations: Int
        public let converged: Bool
    }

    public let fit: FitSummary
    public let warnings: [String]
    /// How k was chosen (automatic k only).
    public let selection: KSelection?
    public let training: TrainingInfo

    public var k: Int { segments.count }

    /// The model file's bytes and checksum.
    public func document() throws(ModelFileError) -> (data: Data, sha256: String) {
        try ModelDocument.encode(self)
    }

    /// Reads a model file's bytes, refusing a wrong kind, a newer schema or a bad checksum.
    public static func read(_ data: Data) throws(ModelFileError) -> SegmentModel {
        try ModelDocument.decode(SegmentModel.self, kind: kind, from: data)
    }
}

/// One row's segment.
public struct SegmentAssignment: Sendable, Hashable {
    public let id: String
    /// 1-based segment number of the model.
    public let segment: Int
    public let name: String
    public let behaviour: String?
    /// Euclidean distance to the segment's centre, in scaled units.
    public let distance: Double
}

extension SegmentModel {
    /// Assigns every row of `table` to its nearest centre. The table must
    /// hold the model's features (numeric); other columns are refused unless
    /// they are `idColumn` or listed in `ignoring`. Missing values are filled
    /// as in training; non-finite values are refused with their row.
    public func assign(_ table: DataTable, idColumn: String?, ignoring: Set<String> = []) throws(ModelError) -> [SegmentAssignment] {
        let allowed = Set(features).union(ignoring).union(training.ignoredColumns).union(idColumn.map { [$0] } ?? [])
        let missing = features.filter { !table.contains($0) }
        let extra = table.names.filter { !allowed.contains($0) }
        guard missing.isEmpty, extra.isEmpty else { throw .featureMismatch(missing: missing, extra: extra) }
        let x = try SegmentTrainer.filledMatrix(table, features: features, fills: fills)
        let scaled = try scaling.transform(x)
        var centres = Matrix(rows: k, columns: features.count)
        for (c, s) in segments.enumerated() { for j in features.indices { centres[c, j] = s.scaledCentre[j] } }
        let nearest = try SegmentTrainer.nearest(scaled, centres: centres)
        let ids = try table.identifiers(idColumn)
        return (0..<table.rowCount).map { i in
            let s = segments[nearest.labels[i]]
            return SegmentAssignment(id: ids[i], segment: s.id, name: s.name, behaviour: s.behaviour,
                                     distance: nearest.distances[i])
        }
    }
}
