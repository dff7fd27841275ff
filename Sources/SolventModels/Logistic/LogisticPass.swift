import CLAPACK
import Dispatch
import Foundation
import SolventNumerics

/// What one pass over the data gives at coefficients β (binomial, logit link).
struct LogisticPassResult: Sendable {
    /// Σ wᵢ · dᵢ, the binomial deviance (−2 × log-likelihood for 0/1 labels).
    var deviance: Double
    /// The score Xᵀ W (y − μ) (gradient of the log-likelihood), p values.
    var score: [Double]
    /// The Fisher information Xᵀ diag(wᵢ μᵢ(1 − μᵢ)) X when asked for.
    var information: Matrix?
    /// The smallest min(μᵢ, 1 − μᵢ) over rows with weight > 0 (separation check).
    var smallestTail: Double
}

/// One pass over the rows of X that evaluates the deviance, the score and
/// (optionally) the information matrix at β, reading X from memory once.
///
/// Rows are taken in blocks of `blockRows`: a block is gathered into a small
/// buffer (it stays in cache), η = X_b β + offset, then μ, the weights and
/// residuals row by row, the score X_bᵀ r from the same buffer, and for the information the buffer's rows are scaled by
/// √(wᵢ μᵢ(1 − μᵢ)) in place and added by `dsyrk`. No √W·X is ever
/// materialised, and X is read once per pass instead of three times (η, XᵀWX,
/// XᵀWr) as a textbook IRLS does — at 10⁶ × 32 the pass is bound by memory.
///
/// The rows are split into a fixed number of contiguous spans worked on
/// concurrently and summed in span order, so the result does not depend on
/// the number of threads.
///
/// Numerics: μ and 1 − μ are both formed from a = e^{−|η|} (never as 1 − μ),
/// and the deviance as 2·softplus(∓η), so rows far in the tails keep their
/// precision.
enum LogisticPass {
    static func run(_ problem: LogisticProblem, beta: [Double], information: Bool,
                    blockRows: Int = 512, spans: Int = 2) -> LogisticPassResult {
        let n = problem.rows, p = problem.columns
        precondition(beta.count == p, "beta has \(beta.count) values for \(p) columns")
        let spanCount = max(1, min(spans, n / (4 * blockRows)))
        let spanRows = (n + spanCount - 1) / spanCount
        let stride = p + (information ? p * p : 0)
        var partial = [Double](repeating: 0, count: spanCount * stride)
        var deviance = [Double](repeating: 0, count: spanCount)
        var tails = [Double](repeating: 1, count: spanCount)
        problem.x.storage.withUnsafeBufferPointer { x in
            problem.y.withUnsafeBufferPointer { y in
                withOptional(problem.weights) { w in
                    withOptional(problem.offset) { o in
                        beta.withUnsafeBufferPointer { b in
                            partial.withUnsafeMutableBufferPointer { acc in
                                deviance.withUnsafeMutableBufferPointer { dev in
                                    tails.withUnsafeMutableBufferPointer { tail in
                                        let data = PassData(x: x.baseAddress!, y: y.baseAddress!, weights: w, offset: o,
                                                            beta: b.baseAddress!, rows: n, columns: p)
                                        let out = SendablePointers(acc: acc.baseAddress!, dev: dev.baseAddress!,
                                                                   tail: tail.baseAddress!)
                                        DispatchQueue.concurrentPerform(iterations: spanCount) { s in
                                            let lo = s * spanRows, hi = min(n, lo + spanRows)
                                            guard lo < hi else { return }
                                            let acc = out.acc + s * stride
                                            let result = data.accumulate(range: lo..<hi, blockRows: blockRows,
                                                                         score: acc,
                                                                         information: information ? acc + p : nil)
                                            out.dev[s] = result.deviance
                                            out.tail[s] = result.tail
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var score = [Double](repeating: 0, count: p)
        var info = information ? [Double](repeating: 0, count: p * p) : []
        var totalDeviance = 0.0, smallest = 1.0
        for s in 0..<spanCount {
            totalDeviance += deviance[s]
            smallest = min(smallest, tails[s])
            for j in 0..<p { score[j] += partial[s * stride + j] }
            if information { for k in 0..<(p * p) { info[k] += partial[s * stride + p + k] } }
        }
        var matrix: Matrix? = nil
        if information {
            for j in 0..<p { for i in (j + 1)..<p { info[i + j * p] = info[j + i * p] } }
            matrix = try? Matrix(rows: p, columns: p, columnMajor: info)
        }
        return LogisticPassResult(deviance: totalDeviance, score: score, information: matrix, smallestTail: smallest)
    }
}

private struct SendablePointers: @unchecked Sendable {
    let acc: UnsafeMutablePointer<Double>
    let dev: UnsafeMutablePointer<Double>
    let tail: UnsafeMutablePointer<Double>
}

/// Raw views of the problem for the worker threads (read only).
private struct PassData: @unchecked Sendable {
    let x: UnsafePointer<Double>
    let y: UnsafePointer<Double>
    let weights: UnsafePointer<Double>?
    let offset: UnsafePointer<Double>?
    let beta: UnsafePointer<Double>
    let rows: Int
    let columns: Int

    /// Adds the score (p values) and, if asked, the upper triangle of the
    /// information (p × p) of the rows in `range` into the given accumulators.
    func accumulate(range: Range<Int>, blockRows: Int, score: UnsafeMutablePointer<Double>,
                    information: UnsafeMutablePointer<Double>?) -> (deviance: Double, tail: Double) {
        let p = columns, n = rows
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: blockRows * p)
        let eta = UnsafeMutablePointer<Double>.allocate(capacity: blockRows)
        let residual = UnsafeMutablePointer<Double>.allocate(capacity: blockRows)
        let root = UnsafeMutablePointer<Double>.allocate(capacity: blockRows)
        defer { buffer.deallocate(); eta.deallocate(); residual.deallocate(); root.deallocate() }
        var deviance = 0.0, tail = 1.0
        var start = range.lowerBound
        while start < range.upperBound {
            let b = min(blockRows, range.upperBound - start)
            for j in 0..<p { (buffer + j * b).update(from: x + j * n + start, count: b) }
            if let o = offset { eta.update(from: o + start, count: b) } else { eta.update(repeating: 0, count: b) }
            // η += X_b β and, below, score += X_bᵀ r are written out rather than called as dgemv:
            // OpenBLAS would start its own threads for these inside ours.
            for j in 0..<p {
                let bj = beta[j], column = buffer + j * b
                for i in 0..<b { eta[i] += bj * column[i] }
            }
            var blockDeviance = 0.0
            for i in 0..<b {
                let w = weights?[start + i] ?? 1
                guard w > 0 else { residual[i] = 0; root[i] = 0; continue }
                let e = eta[i]
                let a = Foundation.exp(-abs(e))
                let small = a / (1 + a), large = 1 / (1 + a)
                let mu = e >= 0 ? large : small
                let oneMinusMu = e >= 0 ? small : large
                let positive = y[start + i] == 1
                residual[i] = w * (positive ? oneMinusMu : -mu)
                blockDeviance += w * 2 * ((positive ? max(-e, 0) : max(e, 0)) + Foundation.log1p(a))
                root[i] = (w * small * large).squareRoot()
                tail = min(tail, small)
            }
            deviance += blockDeviance
            for j in 0..<p { score[j] += dot(buffer + j * b, residual, count: b) }
            if let info = information {
                for j in 0..<p {
                    let column = buffer + j * b
                    for i in 0..<b { column[i] *= root[i] }
                }
                cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(p), Int32(b), 1, buffer, Int32(b), 1, info, Int32(p))
            }
            start += b
        }
        return (deviance, tail)
    }
}

/// Σ aᵢbᵢ with four partial sums (the compiler may not reorder a single sum into SIMD lanes).
@inline(__always)
private func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count: Int) -> Double {
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    var i = 0
    while i + 4 <= count {
        s0 += a[i] * b[i]; s1 += a[i + 1] * b[i + 1]; s2 += a[i + 2] * b[i + 2]; s3 += a[i + 3] * b[i + 3]
        i += 4
    }
    while i < count { s0 += a[i] * b[i]; i += 1 }
    return (s0 + s1) + (s2 + s3)
}

private func withOptional<R>(_ a: [Double]?, _ body: (UnsafePointer<Double>?) -> R) -> R {
    guard let a else { return body(nil) }
    return a.withUnsafeBufferPointer { body($0.baseAddress) }
}
