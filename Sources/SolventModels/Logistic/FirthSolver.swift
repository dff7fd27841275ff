import CLAPACK
import Foundation
import SolventNumerics

/// Firth's bias-reduced logistic regression (Firth 1993; Heinze & Schemper
/// 2002; R `logistf`): maximises the penalised log-likelihood
/// ℓ*(β) = ℓ(β) + ½·log det I(β), which has a finite maximum even when the
/// data are completely or quasi-completely separated.
///
/// Iteration (as `logistf`): the modified score U*(β) = Xᵀ[w(y − μ) + h(½ − μ)],
/// with h the diagonal of the hat matrix W^{1/2} X I⁻¹ Xᵀ W^{1/2}
/// (W = diag(wᵢ μᵢ(1 − μᵢ))), and the step δ = I(β)⁻¹ U*(β), halved while
/// ℓ* does not increase. Converged when max |δⱼ| ≤ 1e-10·max(1, |βⱼ|).
/// Standard errors from I(β̂)⁻¹ (Wald, as `logistf(pl = FALSE)`).
/// Meant for small and separated data: each iteration costs O(n p²) twice.
enum FirthSolver {
    static func solve(_ full: LogisticProblem, settings: LogisticRegression) throws(ModelError) -> NewtonOutcome {
        let first = LogisticPass.run(full, beta: [Double](repeating: 0, count: full.columns), information: true)
        guard let info0 = first.information else { preconditionFailure("information requested") }
        let aliasing = ColumnAliasing(information: info0, tolerance: settings.aliasTolerance)
        let problem = LogisticProblem(restricting: full, columns: aliasing.kept)
        var beta = [Double](repeating: 0, count: problem.columns)
        var state = try evaluate(problem, beta)
        var iterations = 0, converged = false
        var notes: [String] = []
        let limit = max(settings.maxIterations, 100)
        while iterations < limit {
            let delta: [Double]
            do { delta = try state.factor.solve(state.modifiedScore) } catch { throw .numeric("the Firth step", error) }
            var scale = 1.0, accepted: (beta: [Double], state: FirthState)? = nil
            for _ in 0..<30 {
                let candidate = zip(beta, delta).map { $0 + scale * $1 }
                if let s = try? evaluate(problem, candidate), s.penalisedLogLikelihood.isFinite,
                   s.penalisedLogLikelihood >= state.penalisedLogLikelihood - 1e-12 * (abs(state.penalisedLogLikelihood) + 0.1) {
                    accepted = (candidate, s)
                    break
                }
                scale /= 2
            }
            guard let accepted else {
                notes.append("step-halving could not raise the penalised likelihood after iteration \(iterations)")
                break
            }
            iterations += 1
            let largest = zip(delta, accepted.beta).map { abs(scale * $0) / max(1, abs($1)) }.max() ?? 0
            beta = accepted.beta
            state = accepted.state
            if largest <= 1e-10 { converged = true; break }
        }
        var fullBeta = [Double](repeating: 0, count: full.columns)
        for (k, j) in aliasing.kept.enumerated() { fullBeta[j] = beta[k] }
        let pass = LogisticPass.run(full, beta: fullBeta, information: true)
        guard let info = pass.information else { preconditionFailure("information requested") }
        notes.append("Firth penalised log-likelihood \(state.penalisedLogLikelihood)")
        return NewtonOutcome(beta: fullBeta, aliasing: aliasing, pass: pass, information: info.selecting(aliasing.kept),
                             iterations: iterations, converged: converged, notes: notes)
    }

    struct FirthState {
        var factor: Cholesky
        var modifiedScore: [Double]
        var penalisedLogLikelihood: Double
    }

    /// ℓ*, U* and the Cholesky factor of I at β (problem restricted to full-rank columns).
    static func evaluate(_ problem: LogisticProblem, _ beta: [Double]) throws(ModelError) -> FirthState {
        let pass = LogisticPass.run(problem, beta: beta, information: true)
        guard let info = pass.information else { preconditionFailure("information requested") }
        let factor: Cholesky
        do { factor = try Cholesky(info) } catch { throw .numeric("the Firth information matrix", error) }
        let n = problem.rows, p = problem.columns
        // Q = X R⁻¹, so row i of Q is R⁻ᵀ xᵢ and xᵢᵀ I⁻¹ xᵢ = ‖qᵢ‖².
        var q = problem.x.storage
        factor.factor.storage.withUnsafeBufferPointer { r in
            cblas_dtrsm(CblasColMajor, CblasRight, CblasUpper, CblasNoTrans, CblasNonUnit,
                        Int32(n), Int32(p), 1, r.baseAddress, Int32(p), &q, Int32(n))
        }
        var eta = problem.offset ?? [Double](repeating: 0, count: n)
        problem.x.storage.withUnsafeBufferPointer { a in
            cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(n), Int32(p), 1, a.baseAddress, Int32(n), beta, 1, 1, &eta, 1)
        }
        var adjustment = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let w = problem.weights?[i] ?? 1
            guard w > 0 else { continue }
            let mu = logistic(eta[i])
            var quadratic = 0.0
            for j in 0..<p { quadratic += q[i + j * n] * q[i + j * n] }
            let h = w * mu * (1 - mu) * quadratic
            adjustment[i] = h * (0.5 - mu)
        }
        var score = pass.score
        for j in 0..<p {
            var s = 0.0
            for i in 0..<n { s += problem.x[i, j] * adjustment[i] }
            score[j] += s
        }
        return FirthState(factor: factor, modifiedScore: score,
                          penalisedLogLikelihood: -pass.deviance / 2 + factor.logDeterminant / 2)
    }
}
