import Foundation
import SolventNumerics

/// Where a Newton/IRLS run ended: coefficients (0 for aliased columns), the
/// exact pass at them, and the diagnostics a `LogisticModel` reports.
struct NewtonOutcome: Sendable {
    var beta: [Double]
    var aliasing: ColumnAliasing
    /// The pass at `beta`, with its information matrix.
    var pass: LogisticPassResult
    /// The information used for standard errors: I(β) (+ the penalty).
    var information: Matrix
    var iterations: Int
    var converged: Bool
    var notes: [String]
}

/// Newton–Raphson for the (optionally ridge-penalised) binomial likelihood.
///
/// Each iteration is one `LogisticPass` at the current β giving the deviance
/// D, the score s and, when asked, the information I; the step is
/// δ = (I + Λ)⁻¹ (s − Λβ) by Cholesky (Λ = N·λ on the penalised columns).
/// The step is halved while it makes the (penalised) deviance non-finite or
/// larger. Convergence is R's: |D − D_old| / (|D| + 0.1) < tolerance, judged
/// at a pass that evaluated the exact information.
///
/// Large data (≥ 200,000 rows, `warmStart`): most of the distance to the
/// optimum is covered on every 16th row, where passes are 16 times cheaper.
/// From that estimate, steps on the full data use the sample's information
/// scaled by N/N_sample (a fixed Hessian: each such pass only needs D and s,
/// one read of X without the p² work), which contracts the error by about
/// the relative difference of the two informations (a few per cent) per pass.
/// Once the next step is predicted (from the contraction so far) to be below
/// 10⁻³ of the standard errors, the next pass evaluates the exact
/// information; if its Newton step is indeed that small, the run takes it
/// and ends (the error left is of the order of that step squared), else it
/// continues with exact Newton steps. The columns the sample
/// aliased are checked against the full data's information at that pass.
enum NewtonSolver {
    static let warmStartRows = 200_000
    static let sampleStride = 16
    static let frozenGuard = 1e-6
    static let finishGuard = 1e-3

    static func solve(_ problem: LogisticProblem, settings: LogisticRegression) throws(ModelError) -> NewtonOutcome {
        var start = [Double](repeating: 0, count: problem.columns)
        if let c = problem.intercept {
            start[c] = log(problem.positiveWeight / (problem.totalWeight - problem.positiveWeight))
        }
        if settings.warmStart && problem.rows >= warmStartRows,
           let warm = warmStart(problem, start: start, settings: settings) {
            return try iterate(problem, start: warm.beta, aliasing: warm.aliasing, frozen: warm.information,
                               settings: settings, notes: ["warm start: \(warm.rows) sampled rows, \(warm.iterations) iterations"])
        }
        return try iterate(problem, start: start, aliasing: nil, frozen: nil, settings: settings, notes: [])
    }

    /// The fit on every 16th row, or nil when that sample cannot be fitted
    /// cleanly (one class, no convergence, separation): then the full data starts cold.
    private static func warmStart(_ problem: LogisticProblem, start: [Double], settings: LogisticRegression)
        -> (beta: [Double], aliasing: ColumnAliasing, information: Matrix, rows: Int, iterations: Int)? {
        let rows = Array(stride(from: 0, to: problem.rows, by: sampleStride))
        let sample = LogisticProblem(restricting: problem, rows: rows)
        guard sample.positiveWeight > 0, sample.positiveWeight < sample.totalWeight else { return nil }
        var tight = settings
        tight.tolerance = min(settings.tolerance, 1e-10)
        guard let fit = try? iterate(sample, start: start, aliasing: nil, frozen: nil, settings: tight, notes: []),
              fit.converged, fit.pass.smallestTail > separationThreshold else { return nil }
        // The sample's information (p × p, without the penalty) scaled to the full data.
        let scale = problem.totalWeight / sample.totalWeight
        guard let info = fit.pass.information,
              let scaled = try? Matrix(rows: info.rows, columns: info.columns, columnMajor: info.storage.map { $0 * scale })
        else { return nil }
        return (fit.beta, fit.aliasing, scaled, rows.count, fit.iterations)
    }

    /// R's check for fitted probabilities numerically 0 or 1: 10 ε.
    static let separationThreshold = 10 * Double.ulpOfOne

    /// Λ's diagonal over the kept columns: N·λ, 0 for the intercept.
    static func penaltyDiagonal(_ problem: LogisticProblem, kept: [Int], lambda: Double) -> [Double] {
        kept.map { $0 == problem.intercept ? 0 : problem.totalWeight * lambda }
    }

    private static func iterate(_ problem: LogisticProblem, start: [Double], aliasing initial: ColumnAliasing?,
                                frozen: Matrix?, settings: LogisticRegression, notes: [String]) throws(ModelError) -> NewtonOutcome {
        var beta = start
        var aliasing = initial
        var frozenInformation = frozen
        var pass = LogisticPass.run(problem, beta: beta, information: frozen == nil)
        var deviance = penalised(pass.deviance, beta, problem, settings)
        var previousDeviance = Double.nan
        // The largest |δⱼ|/seⱼ of the step on the sample's information that led here (0 after exact steps),
        // and of the one before it (to see whether such steps still shrink).
        var arrivalRatio = frozen == nil ? 0.0 : Double.infinity
        var previousRatio = Double.infinity
        var iterations = 0, converged = false
        var notes = notes
        while true {
            // The information for this step: exact when the pass has it, else the warm start's.
            let information: Matrix
            if let exact = pass.information {
                let full = ColumnAliasing(information: exact, tolerance: settings.aliasTolerance)
                if aliasing?.kept != full.kept {
                    aliasing = full
                    frozenInformation = nil
                    if full.aliased.contains(where: { beta[$0] != 0 }) {
                        // The sample kept a column the full data aliases: restart the pass without it.
                        for j in full.aliased { beta[j] = 0 }
                        pass = LogisticPass.run(problem, beta: beta, information: true)
                        deviance = penalised(pass.deviance, beta, problem, settings)
                        previousDeviance = .nan
                        continue
                    }
                }
                information = exact
            } else if let frozenInformation {
                information = frozenInformation
            } else {
                preconditionFailure("a pass without information needs the warm start's")
            }
            guard let kept = aliasing?.kept else { preconditionFailure("aliasing is decided at the first exact pass") }
            let system = try factor(information, kept: kept, problem: problem, settings: settings)
            let step = try newtonStep(system, pass: pass, beta: beta, kept: kept, problem: problem, settings: settings)
            let change = abs(deviance - previousDeviance) / (abs(deviance) + 0.1)
            if pass.information != nil && change < settings.tolerance && arrivalRatio <= frozenGuard {
                converged = true
                break
            }
            if iterations >= settings.maxIterations { break }
            let ratio = zip(step.delta, step.standardErrors).map { abs($0) / $1 }.max() ?? 0
            if let exact = pass.information, arrivalRatio > 0, ratio <= finishGuard {
                // The exact pass after steps on the sample's information, with a step this small:
                // take it and stop. Its deviance is the quadratic model's, D − 2sᵀδ + δᵀIδ, exact to
                // O(‖δ‖³) (here below 1e-9 of a standard error cubed).
                var change = 0.0
                for (a, j) in kept.enumerated() {
                    change -= 2 * pass.score[j] * step.delta[a]
                    for (b, k) in kept.enumerated() { change += step.delta[a] * exact[j, k] * step.delta[b] }
                }
                for (a, j) in kept.enumerated() { beta[j] += step.delta[a] }
                pass.deviance += change
                previousDeviance = deviance
                deviance = penalised(pass.deviance, beta, problem, settings)
                iterations += 1
                converged = abs(deviance - previousDeviance) / (abs(deviance) + 0.1) < settings.tolerance
                if !converged { pass = LogisticPass.run(problem, beta: beta, information: true) }
                break
            }
            // After a step on the sample's information, the next pass is exact once the step after
            // this one is predicted (from the contraction so far) to be tiny, or once steps stop
            // shrinking; after an exact pass, every pass is exact.
            var nextExact = true
            let frozenStep = pass.information == nil
            if frozenStep {
                let rate = previousRatio.isFinite ? min(1, ratio / previousRatio) : 1
                nextExact = ratio * rate <= finishGuard || ratio > 0.5 * previousRatio
                previousRatio = ratio
            }
            guard let next = halvedStep(problem, beta: beta, delta: step.delta, kept: kept, deviance: deviance,
                                        exact: nextExact, settings: settings) else {
                notes.append("step-halving could not lower the deviance after iteration \(iterations)")
                break
            }
            iterations += 1
            previousDeviance = deviance
            (beta, pass, deviance) = next
            arrivalRatio = frozenStep ? ratio : 0
        }
        if pass.information == nil {
            pass = LogisticPass.run(problem, beta: beta, information: true)
        }
        guard let aliasing, let info = pass.information else { preconditionFailure("exact information at the end") }
        let penalty = penaltyDiagonal(problem, kept: aliasing.kept, lambda: settings.lambda)
        var kept = info.selecting(aliasing.kept)
        for (k, d) in penalty.enumerated() { kept[k, k] += d }
        return NewtonOutcome(beta: beta, aliasing: aliasing, pass: pass, information: kept,
                             iterations: iterations, converged: converged, notes: notes)
    }

    /// D + βᵀΛβ (the deviance plus the ridge term in deviance units).
    static func penalised(_ deviance: Double, _ beta: [Double], _ problem: LogisticProblem,
                          _ settings: LogisticRegression) -> Double {
        let lambda = settings.lambda
        guard lambda > 0 else { return deviance }
        var sum = 0.0
        for (j, b) in beta.enumerated() where j != problem.intercept { sum += b * b }
        return deviance + problem.totalWeight * lambda * sum
    }

    private struct Step {
        var delta: [Double]
        var standardErrors: [Double]
    }

    private static func factor(_ information: Matrix, kept: [Int], problem: LogisticProblem,
                               settings: LogisticRegression) throws(ModelError) -> Cholesky {
        var h = information.selecting(kept)
        for (k, d) in penaltyDiagonal(problem, kept: kept, lambda: settings.lambda).enumerated() { h[k, k] += d }
        do { return try Cholesky(h) } catch {
            throw .numeric("the information matrix of the kept columns", error)
        }
    }

    private static func newtonStep(_ system: Cholesky, pass: LogisticPassResult, beta: [Double], kept: [Int],
                                   problem: LogisticProblem, settings: LogisticRegression) throws(ModelError) -> Step {
        let penalty = penaltyDiagonal(problem, kept: kept, lambda: settings.lambda)
        let s = kept.enumerated().map { k, j in pass.score[j] - penalty[k] * beta[j] }
        do {
            let delta = try system.solve(s)
            let variances = try system.inverseDiagonal()
            return Step(delta: delta, standardErrors: variances.map { $0.squareRoot() })
        } catch {
            throw .numeric("the Newton step", error)
        }
    }

    /// β + δ, halved while the penalised deviance is non-finite or larger than before.
    private static func halvedStep(_ problem: LogisticProblem, beta: [Double], delta: [Double], kept: [Int],
                                   deviance: Double, exact: Bool, settings: LogisticRegression)
        -> (beta: [Double], pass: LogisticPassResult, deviance: Double)? {
        var scale = 1.0
        for _ in 0..<30 {
            var candidate = beta
            for (k, j) in kept.enumerated() { candidate[j] += scale * delta[k] }
            let pass = LogisticPass.run(problem, beta: candidate, information: exact)
            let d = penalised(pass.deviance, candidate, problem, settings)
            if d.isFinite && d <= deviance + 1e-12 * (abs(deviance) + 0.1) { return (candidate, pass, d) }
            scale /= 2
        }
        return nil
    }
}

extension Matrix {
    /// The square submatrix on `indices` (rows and columns).
    func selecting(_ indices: [Int]) -> Matrix {
        var s = [Double](repeating: 0, count: indices.count * indices.count)
        for (b, j) in indices.enumerated() {
            for (a, i) in indices.enumerated() { s[a + b * indices.count] = self[i, j] }
        }
        return (try? Matrix(rows: indices.count, columns: indices.count, columnMajor: s)) ?? Matrix(rows: 0, columns: 0)
    }
}
