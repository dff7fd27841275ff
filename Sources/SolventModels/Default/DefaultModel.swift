import Foundation

/// A trained default (PD) model: everything a model file holds, and all
/// that scoring needs. Written and read through `ModelDocument` (kind "pd").
///
/// Two methods share one output: `logistic` (a logistic regression on the
/// treatment-coded design of the features) and `scorecard` (a logistic
/// regression on the WoE of binned features, turned into points). Both give
/// PD = 1/(1 + e^{−η}) and score = offset + factor·ln(good:bad odds) =
/// offset − factor·η (DESIGN.md: 600 points at odds 50:1, PDO 20 unless set),
/// and a risk band from `bands`.
public struct DefaultModel: Sendable, Codable {
    public static let kind = "pd"

    public enum Method: String, Sendable, Codable { case logistic, scorecard }

    /// A coefficient as DESIGN.md lists it (nil values for an aliased column).
    public typealias Coefficient = LogisticModel.Coefficient

    /// The likelihood figures and diagnostics of the final fit.
    public struct FitSummary: Sendable, Codable {
        public let rows: Int
        public let weight: Double
        public let positives: Double
        public let logLikelihood: Double
        public let nullLogLikelihood: Double
        public let deviance: Double
        public let nullDeviance: Double
        public let aic: Double
        public let bic: Double
        public let likelihoodRatio: Double
        public let likelihoodRatioDF: Int
        public let likelihoodRatioPValue: Double
        public let dfResidual: Int
        public let iterations: Int
        public let converged: Bool
        public let separation: Bool
        public let aliased: [String]
        public let warnings: [String]
        public let penalty: String

        init(_ m: LogisticModel) {
            rows = m.rows
            weight = m.totalWeight
            positives = m.positiveWeight
            logLikelihood = m.logLikelihood
            nullLogLikelihood = m.nullLogLikelihood
            deviance = m.deviance
            nullDeviance = m.nullDeviance
            aic = m.aic
            bic = m.bic
            likelihoodRatio = m.likelihoodRatio
            likelihoodRatioDF = m.likelihoodRatioDF
            likelihoodRatioPValue = m.likelihoodRatioPValue
            dfResidual = m.dfResidual
            iterations = m.iterations
            converged = m.converged
            separation = m.separation
            aliased = m.aliased
            warnings = m.warnings
            penalty = m.penalty.description
        }
    }

    /// Validation figures: on the training rows, on the held-out rows (test
    /// fraction or out-of-time), and across cross-validation folds.
    public struct Metrics: Sendable, Codable {
        public let training: ValidationSummary
        public let test: ValidationSummary?
        /// How the test rows were chosen ("random 30 % (stratified, seed 1)", "out of time: as_of ≥ 2025-01-31").
        public let testDescription: String?
        public let crossValidation: CrossValidationSummary?
        /// The training rows' scores in PSI bins (for `solvent validate` on new data).
        public let scoreDistribution: ScoreDistribution
    }

    /// The scorecard part: binnings of the selected features and the fit on their WoE.
    public struct ScorecardPart: Sendable, Codable {
        public let binnings: [FeatureBinning]
        public let intercept: Double
        public let coefficients: [Double]
        public let informationValues: [InformationValueSummary]
        public let pointsTable: [ScorecardPointsRow]
        public let convention: String
    }

    /// Where the training data came from and what was done with it.
    public struct TrainingInfo: Sendable, Codable {
        public let source: String
        public let sourceSHA256: String?
        public let window: String?
        public let rows: Int
        public let positives: Int
        public let trainingRows: Int
        public let testRows: Int
        public let excluded: [String]
        public let allowedProtected: [String]
        public let weightsColumn: String?
        public let seed: UInt64
        public let createdAt: String
        public let solventVersion: String
        public let settings: [String: String]
    }

    public var schemaVersion = ModelDocument.schemaVersion
    public var kind = DefaultModel.kind
    public let name: String
    public let method: Method
    public let target: String
    public let idColumn: String?
    /// The input features in order (before coding or binning).
    public let features: [String]
    /// The design of the logistic method (levels, indicators, fills).
    public let design: DesignSpecification?
    public let scorecard: ScorecardPart?
    public let coefficients: [Coefficient]
    public let fit: FitSummary
    public let scaling: ScorecardScaling
    public let bands: RiskBands
    /// Logistic method: the weighted training mean of each design column, the
    /// reference point of reason codes.
    public let reasonReference: [Double]?
    public let metrics: Metrics
    public let training: TrainingInfo

    /// The model file's bytes and checksum.
    public func document() throws(ModelFileError) -> (data: Data, sha256: String) {
        try ModelDocument.encode(self)
    }

    /// Reads a model file's bytes, refusing a wrong kind, a newer schema or a bad checksum.
    public static func read(_ data: Data) throws(ModelFileError) -> DefaultModel {
        try ModelDocument.decode(DefaultModel.self, kind: kind, from: data)
    }

    /// The columns of scoring data that are not features (never reported as extra).
    var nonFeatureColumns: Set<String> {
        Set([target] + (idColumn.map { [$0] } ?? []) + (training.weightsColumn.map { [$0] } ?? []))
    }
}

/// Validation figures in the model file: the headline numbers, with
/// Hosmer–Lemeshow kept only when finite (JSON cannot hold ∞).
public struct ValidationSummary: Sendable, Codable {
    public let rows: Int
    public let positives: Double
    public let auc: Double
    public let gini: Double
    public let ks: Double
    public let brier: Double
    public let logLoss: Double
    public let hosmerLemeshow: BinaryValidation.HosmerLemeshow?
    public let calibration: [BinaryValidation.CalibrationGroup]

    public init(_ v: BinaryValidation) {
        rows = v.rows
        positives = v.positives
        auc = v.auc
        gini = v.gini
        ks = v.ks
        brier = v.brier
        logLoss = v.logLoss
        hosmerLemeshow = v.hosmerLemeshow.flatMap { $0.statistic.isFinite ? $0 : nil }
        calibration = v.calibration
    }
}

/// k-fold cross-validation: each fold's figures and their mean and standard deviation.
public struct CrossValidationSummary: Sendable, Codable {
    public struct Fold: Sendable, Codable {
        public let fold: Int
        public let rows: Int
        public let auc: Double
        public let gini: Double
        public let ks: Double
        public let brier: Double
    }
    public let folds: [Fold]
    public let seed: UInt64
    public var meanAUC: Double { folds.map(\.auc).reduce(0, +) / Double(max(folds.count, 1)) }
    public var sdAUC: Double {
        let m = meanAUC
        let n = Double(folds.count)
        guard n > 1 else { return 0 }
        return (folds.map { ($0.auc - m) * ($0.auc - m) }.reduce(0, +) / (n - 1)).squareRoot()
    }
    public var meanGini: Double { 2 * meanAUC - 1 }
}
