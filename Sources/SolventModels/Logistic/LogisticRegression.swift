import SolventNumerics

/// Binomial logistic regression by Newton–Raphson / IRLS (settings; `fit`
/// returns an immutable `LogisticModel`).
///
/// Matches R `glm(family = binomial)` and statsmodels `GLM(Binomial)`: the
/// same maximum-likelihood coefficients (to the convergence tolerance), the
/// same aliasing of collinear columns (see `ColumnAliasing`), the same
/// convergence rule — relative change of the deviance
/// |D − D_old| / (|D| + 0.1) < `tolerance` (R's `glm.control(epsilon = 1e-8)`)
/// — and step-halving when a step makes the deviance non-finite or larger.
/// The reported coefficients are an iterate at which the deviance, the score
/// and the information matrix were all evaluated exactly, so standard errors
/// are those of statsmodels (information at the final estimate).
///
/// Penalties: `.l2(λ)` minimises −(1/N)·ℓ(β) + (λ/2)·Σⱼ βⱼ² with the
/// intercept unpenalised and N = Σ weights (glmnet with `alpha = 0`,
/// `standardize = FALSE`); `.firth` maximises ℓ(β) + ½·log det I(β)
/// (Firth 1993; R `logistf`), finite even under separation.
public struct LogisticRegression: Sendable, Hashable, Codable {
    public enum Penalty: Sendable, Hashable, Codable, CustomStringConvertible {
        case none
        case l2(Double)
        case firth

        public var description: String {
            switch self {
            case .none: return "none"
            case .l2(let l): return "l2(\(l))"
            case .firth: return "firth"
            }
        }
    }

    public var penalty: Penalty
    /// Relative deviance change for convergence (R: 1e-8).
    public var tolerance: Double
    /// Newton steps allowed (R: 25).
    public var maxIterations: Int
    /// Squared relative residual under which a column is aliased (`ColumnAliasing`).
    public var aliasTolerance: Double
    /// For 200,000 rows or more, start from a fit on every 16th row and take
    /// Newton steps on the full data with that sample's information until the
    /// steps are tiny, then evaluate the exact information (see `NewtonSolver`).
    public var warmStart: Bool

    public init(penalty: Penalty = .none, tolerance: Double = 1e-8, maxIterations: Int = 25,
                aliasTolerance: Double = 1e-10, warmStart: Bool = true) {
        self.penalty = penalty
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.aliasTolerance = aliasTolerance
        self.warmStart = warmStart
    }

    /// Fits the model.
    ///
    /// - Parameters:
    ///   - x: the design, n × p, intercept column (named `(Intercept)`) included by the caller.
    ///   - y: n labels, 0 or 1 (1 = the event, e.g. default).
    ///   - names: p column names, used in messages and in the model.
    ///   - weights: n case (frequency) weights ≥ 0; weight 0 is the row removed.
    ///   - offset: n values added to the linear predictor.
    ///   - target: the target's name for messages.
    public func fit(_ x: Matrix, _ y: [Double], names: [String], weights: [Double]? = nil,
                    offset: [Double]? = nil, target: String = "target") throws(ModelError) -> LogisticModel {
        guard tolerance > 0, tolerance < 1 else { throw .invalidArgument("tolerance must be in (0, 1), got \(tolerance)") }
        guard maxIterations >= 1 else { throw .invalidArgument("maxIterations must be ≥ 1, got \(maxIterations)") }
        if case .l2(let lambda) = penalty, !(lambda >= 0 && lambda.isFinite) {
            throw .invalidArgument("the L2 penalty must be a finite number ≥ 0, got \(lambda)")
        }
        let problem = try LogisticProblem(x: x, y: y, names: names, weights: weights, offset: offset, target: target)
        let outcome: NewtonOutcome
        switch penalty {
        case .firth: outcome = try FirthSolver.solve(problem, settings: self)
        case .none, .l2: outcome = try NewtonSolver.solve(problem, settings: self)
        }
        return try LogisticModel(problem: problem, outcome: outcome, settings: self)
    }

    /// λ of the L2 penalty (0 without one).
    var lambda: Double {
        if case .l2(let l) = penalty { return l }
        return 0
    }
}
