import Foundation

/// The validation metrics of a binary (default / no default) model on one
/// sample: discrimination (AUC, Gini, KS), accuracy of the probabilities
/// (Brier score, log-loss) and calibration (Hosmer–Lemeshow and a table by
/// group).
///
/// Inputs are parallel arrays: labels y ∈ {0, 1}, predicted probabilities
/// p ∈ [0, 1], and optional case weights w ≥ 0 (default 1). A weight is a
/// repetition count: weight 2 gives the same metrics as the row written twice,
/// and weight 0 the same as the row removed (`rows` counts the rows of positive
/// weight). All sums below run over those rows; W = Σ w.
///
/// - AUC = Σ_{i: y=1} Σ_{j: y=0} w_i w_j (1[p_i > p_j] + ½·1[p_i = p_j]) / (W₊ W₋),
///   ties counted half; equals scikit-learn `roc_auc_score` (with `sample_weight`).
///   Gini = 2·AUC − 1.
/// - KS = max over thresholds t of |TPR(t) − FPR(t)|, TPR(t) = the weighted share
///   of positives with p ≥ t, FPR(t) the same for negatives; equals scipy
///   `ks_2samp(p[y = 1], p[y = 0]).statistic` when unweighted.
/// - Brier = Σ w (p − y)² / W; equals scikit-learn `brier_score_loss`.
/// - log-loss = −Σ w [y ln p̃ + (1 − y) ln(1 − p̃)] / W (natural log), with
///   p̃ = min(max(p, ε), 1 − ε), ε = `logLossEpsilon` = 1e-15, so a confident
///   wrong prediction costs ln(1e15) ≈ 34.5 instead of ∞. Equals scikit-learn
///   `log_loss` on data that no clipping touches (scikit-learn clips at the
///   machine epsilon, 2.2e-16).
/// - Hosmer–Lemeshow and the calibration table: see `HosmerLemeshow` and
///   `CalibrationGroup`.
///
/// Checked against scikit-learn, scipy and numpy on 3,000 rows with ties
/// (Tests/SolventModelsTests/Fixtures/validation) to 1e-12.
public struct BinaryValidation: Sendable, Hashable, Codable {
    /// The clipping bound ε of the log-loss: p is taken in [ε, 1 − ε].
    public static let logLossEpsilon = 1e-15
    /// The default number of Hosmer–Lemeshow groups (deciles).
    public static let defaultGroups = 10

    /// The rows of positive weight.
    public let rows: Int
    /// W = Σ w (equals `rows` without weights).
    public let weight: Double
    /// W₊ = Σ w·y, the weight of the positives (defaults).
    public let positives: Double
    /// The area under the ROC curve, ties counted half.
    public let auc: Double
    /// 2·AUC − 1 (the accuracy ratio).
    public let gini: Double
    /// The Kolmogorov–Smirnov statistic max |TPR − FPR|.
    public let ks: Double
    /// The threshold where `ks` is reached: predicting default for p ≥ `ksThreshold`
    /// separates the classes best (the lowest such threshold when several reach the
    /// maximum, to within 1e-12 relative; the smallest probability when KS = 0).
    public let ksThreshold: Double
    /// The Brier score, the weighted mean of (p − y)².
    public let brier: Double
    /// The mean negative log-likelihood (natural log, clipped at `logLossEpsilon`).
    public let logLoss: Double
    /// The number of groups asked for (the calibration table may use fewer).
    public let groups: Int
    /// The Hosmer–Lemeshow test; nil when ties leave fewer than 3 groups (df < 1).
    public let hosmerLemeshow: HosmerLemeshow?
    /// The calibration table: one entry per non-empty group, in ascending order of p.
    public let calibration: [CalibrationGroup]

    /// The metrics of 0/1 integer labels against predicted probabilities.
    ///
    /// - Parameters:
    ///   - labels: 0 or 1 per row.
    ///   - probabilities: the predicted probability of 1 per row, in [0, 1].
    ///   - weights: case weights ≥ 0, one per row; nil for all 1.
    ///   - groups: Hosmer–Lemeshow groups, at least 3 (default 10, deciles).
    /// - Throws: `ModelError` for mismatched lengths (`invalidArgument`), no rows
    ///   (`empty`), a label other than 0 or 1 (`badLabel`, with row and value), a
    ///   NaN or ±∞ probability or weight (`nonFinite`, with row), a probability
    ///   outside [0, 1] (`invalidArgument`, with row and value), negative, all-zero
    ///   or wrong-length weights (`badWeights`), one class only among the rows of
    ///   positive weight (`invalidArgument`: AUC is undefined), fewer than 3 groups.
    public init(labels: [Int], probabilities: [Double], weights: [Double]? = nil,
                groups: Int = BinaryValidation.defaultGroups) throws(ModelError) {
        try self.init(checking: labels, probabilities, weights, groups)
    }

    /// The metrics of 0/1 labels given as doubles (exactly 0.0 or 1.0); as `init(labels:…)` for `[Int]`.
    public init(labels: [Double], probabilities: [Double], weights: [Double]? = nil,
                groups: Int = BinaryValidation.defaultGroups) throws(ModelError) {
        try self.init(checking: labels, probabilities, weights, groups)
    }

    private init<Label: Numeric & CustomStringConvertible>(
        checking labels: [Label], _ probabilities: [Double], _ weights: [Double]?, _ groups: Int
    ) throws(ModelError) {
        guard groups >= 3 else {
            throw .invalidArgument("groups must be at least 3 (Hosmer–Lemeshow has groups − 2 degrees of freedom), got \(groups)")
        }
        let input = try ValidationInput(labels: labels, probabilities: probabilities, weights: weights)
        let blocks = input.blocks
        let discrimination = Discrimination(blocks: blocks)
        let calibration = Calibration(blocks: blocks, groups: groups)
        rows = input.weights.count
        weight = discrimination.positiveWeight + discrimination.negativeWeight
        positives = discrimination.positiveWeight
        auc = discrimination.auc
        gini = 2 * discrimination.auc - 1
        ks = discrimination.ks
        ksThreshold = discrimination.ksThreshold
        (brier, logLoss) = Self.probabilityScores(input)
        self.groups = groups
        hosmerLemeshow = try calibration.hosmerLemeshow()
        self.calibration = calibration.table
    }

    /// (Brier, log-loss), each Σ w·loss / Σ w in row order.
    private static func probabilityScores(_ input: ValidationInput) -> (brier: Double, logLoss: Double) {
        let eps = logLossEpsilon
        var total = 0.0, squared = 0.0, negLogLikelihood = 0.0
        for i in input.labels.indices {
            let y = input.labels[i], p = input.probabilities[i], w = input.weights[i]
            let clipped = Swift.min(Swift.max(p, eps), 1 - eps)
            total += w
            squared += w * (p - y) * (p - y)
            negLogLikelihood -= w * (y == 1 ? Foundation.log(clipped) : Foundation.log1p(-clipped))
        }
        return (squared / total, negLogLikelihood / total)
    }
}
