import CLAPACK
import Foundation
import SolventNumerics

/// A fitted binomial logistic regression: coefficients with Wald inference,
/// likelihood figures and the fit's diagnostics. Immutable; made by
/// `LogisticRegression.fit`, or decoded from a model file.
///
/// Inference as statsmodels `GLM(Binomial).fit()` / R `summary.glm`:
/// standard errors from the inverse information at the estimate, z = β/se,
/// two-sided p = 2·Φ(−|z|), Wald intervals β ± z₀.₉₇₅·se. ℓ = −D/2 (0/1
/// labels: the saturated log-likelihood is 0); AIC = −2ℓ + 2k and
/// BIC = −2ℓ + k·ln n with k the estimated coefficients (aliased ones not
/// counted) and n the rows with positive weight; the likelihood-ratio test
/// compares with the intercept-only model (with the offset, if any) on
/// k − 1 degrees of freedom.
public struct LogisticModel: Sendable, Hashable, Codable {
    public struct Coefficient: Sendable, Hashable, Codable {
        public let name: String
        /// nil when the column is aliased.
        public let estimate: Double?
        public let stdError: Double?
        public let z: Double?
        public let pValue: Double?
        public let lower: Double?
        public let upper: Double?
    }

    /// Every design column in order; aliased columns carry nil values.
    public let coefficients: [Coefficient]
    public let aliased: [String]
    public let logLikelihood: Double
    public let nullLogLikelihood: Double
    public let deviance: Double
    public let nullDeviance: Double
    public let aic: Double
    public let bic: Double
    public let likelihoodRatio: Double
    public let likelihoodRatioDF: Int
    public let likelihoodRatioPValue: Double
    /// Rows with positive weight.
    public let rows: Int
    public let totalWeight: Double
    public let positiveWeight: Double
    public let dfModel: Int
    public let dfResidual: Int
    public let iterations: Int
    public let converged: Bool
    /// Fitted probabilities numerically 0 or 1 (R's warning): the data are (quasi-)separated.
    public let separation: Bool
    public let warnings: [String]
    public let notes: [String]
    public let penalty: LogisticRegression.Penalty

    public var names: [String] { coefficients.map(\.name) }

    init(problem: LogisticProblem, outcome: NewtonOutcome, settings: LogisticRegression) throws(ModelError) {
        let kept = outcome.aliasing.kept
        let variances: [Double]
        do { variances = try Cholesky(outcome.information).inverseDiagonal() } catch {
            throw .numeric("standard errors (the information matrix is not positive definite)", error)
        }
        let zCritical = StandardNormal.quantile(0.975)
        var coefficients: [Coefficient] = problem.names.map {
            Coefficient(name: $0, estimate: nil, stdError: nil, z: nil, pValue: nil, lower: nil, upper: nil)
        }
        for (k, j) in kept.enumerated() {
            let b = outcome.beta[j], se = variances[k].squareRoot()
            let z = b / se
            coefficients[j] = Coefficient(name: problem.names[j], estimate: b, stdError: se, z: z,
                                          pValue: 2 * StandardNormal.survival(abs(z)),
                                          lower: b - zCritical * se, upper: b + zCritical * se)
        }
        self.coefficients = coefficients
        aliased = outcome.aliasing.aliased.map { problem.names[$0] }
        deviance = outcome.pass.deviance
        logLikelihood = -deviance / 2
        nullDeviance = Self.nullDeviance(problem)
        nullLogLikelihood = -nullDeviance / 2
        let k = kept.count
        rows = problem.effectiveRows
        totalWeight = problem.totalWeight
        positiveWeight = problem.positiveWeight
        aic = deviance + 2 * Double(k)
        bic = deviance + Double(k) * log(Double(rows))
        let interceptKept = problem.intercept.map { kept.contains($0) } ?? false
        dfModel = k - (interceptKept ? 1 : 0)
        dfResidual = rows - k
        likelihoodRatio = max(0, nullDeviance - deviance)
        likelihoodRatioDF = dfModel
        likelihoodRatioPValue = dfModel > 0
            ? ((try? ChiSquared(degreesOfFreedom: Double(dfModel)).survival(likelihoodRatio)) ?? .nan) : 1
        iterations = outcome.iterations
        converged = outcome.converged
        separation = outcome.pass.smallestTail <= NewtonSolver.separationThreshold
        var warnings: [String] = []
        if !converged { warnings.append("the fit did not converge in \(outcome.iterations) iterations") }
        if separation { warnings.append("fitted probabilities numerically 0 or 1 occurred (the data are separated; consider --firth or --l2)") }
        if !aliased.isEmpty {
            warnings.append("\(aliased.count) aliased column\(aliased.count == 1 ? "" : "s") (collinear with earlier ones, no coefficient): \(aliased.joined(separator: ", "))")
        }
        self.warnings = warnings
        notes = outcome.notes
        penalty = settings.penalty
    }

    /// Deviance of the intercept-only model (with the offset, if any), as R's `null.deviance`.
    static func nullDeviance(_ problem: LogisticProblem) -> Double {
        let n = problem.rows
        var alpha = 0.0
        if problem.intercept != nil {
            alpha = log(problem.positiveWeight / (problem.totalWeight - problem.positiveWeight))
            if let offset = problem.offset {
                // One-parameter Newton for the intercept with the offset.
                for _ in 0..<100 {
                    var score = 0.0, info = 0.0
                    for i in 0..<n {
                        let w = problem.weights?[i] ?? 1
                        guard w > 0 else { continue }
                        let mu = 1 / (1 + exp(-(alpha + offset[i])))
                        score += w * (problem.y[i] - mu)
                        info += w * mu * (1 - mu)
                    }
                    let step = score / info
                    alpha += step
                    if abs(step) < 1e-13 * (1 + abs(alpha)) { break }
                }
            }
        }
        if problem.offset == nil {
            // Closed form: the null model fits the weighted share of positives (or ½ without an intercept).
            let p = problem.intercept == nil ? 0.5 : problem.positiveWeight / problem.totalWeight
            let positive = problem.positiveWeight, negative = problem.totalWeight - problem.positiveWeight
            return -2 * (positive * log(p) + negative * log1p(-p))
        }
        var d = 0.0
        for i in 0..<n {
            let w = problem.weights?[i] ?? 1
            guard w > 0 else { continue }
            let e = alpha + (problem.offset?[i] ?? 0)
            d += w * 2 * softplus(problem.y[i] == 1 ? -e : e)
        }
        return d
    }

    /// The linear predictor Xβ (+ offset) for a design with the model's columns (aliased ones ignored).
    public func linearPredictor(_ x: Matrix, offset: [Double]? = nil) throws(ModelError) -> [Double] {
        guard x.columns == coefficients.count else {
            throw .invalidArgument("the design has \(x.columns) columns, the model \(coefficients.count)")
        }
        if let (row, column) = x.firstNonFinite() {
            throw .nonFinite(column: coefficients[column].name, row: row, value: x[row, column])
        }
        var eta = offset ?? [Double](repeating: 0, count: x.rows)
        guard eta.count == x.rows else { throw .invalidArgument("the offset has \(eta.count) values for \(x.rows) rows") }
        let beta = coefficients.map { $0.estimate ?? 0 }
        guard x.rows > 0 else { return [] }
        x.storage.withUnsafeBufferPointer { a in
            cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(x.rows), Int32(x.columns), 1, a.baseAddress, Int32(x.rows),
                        beta, 1, 1, &eta, 1)
        }
        return eta
    }

    /// P(y = 1) for each row of a design with the model's columns.
    public func probabilities(_ x: Matrix, offset: [Double]? = nil) throws(ModelError) -> [Double] {
        try linearPredictor(x, offset: offset).map(logistic)
    }
}

/// log(1 + eˣ) without overflow or loss in the tails.
func softplus(_ x: Double) -> Double { max(x, 0) + log1p(exp(-abs(x))) }

/// 1 / (1 + e^{−η}), accurate in both tails.
func logistic(_ eta: Double) -> Double {
    let a = exp(-abs(eta))
    return eta >= 0 ? 1 / (1 + a) : a / (1 + a)
}
