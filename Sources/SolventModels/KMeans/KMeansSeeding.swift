import CLAPACK
import Dispatch
import Foundation
import SolventNumerics

/// Greedy k-means++ seeding, as scikit-learn's `_kmeans_plusplus`.
///
/// The first centre is a row drawn with probability ∝ wᵢ. Each further centre:
/// draw 2 + ⌊ln k⌋ candidate rows with probability ∝ wᵢ · D(xᵢ)², D the
/// distance to the nearest centre so far, and keep the candidate that makes the
/// potential Σᵢ wᵢ · min(D(xᵢ)², ‖xᵢ − candidate‖²) smallest (the first on
/// ties). A draw u·total picks the first row whose cumulative weight exceeds
/// it, so rows of zero weight or already chosen are never drawn while others
/// remain. Uses 1 + (k − 1)(2 + ⌊ln k⌋) uniforms of the generator.
enum KMeansSeeding {
    static func greedyPlusPlus(_ data: KMeansData, k: Int,
                               generator: inout Xoshiro256StarStar) -> [Double] {
        let n = data.rows, d = data.columns
        var centres = [Double](repeating: 0, count: k * d)
        var cumulative = [Double](repeating: 0, count: n)
        func setCentre(_ c: Int, row i: Int) {
            for j in 0..<d { centres[j * k + c] = data.x[j * n + i] }
        }
        var running = 0.0
        for i in 0..<n { running += data.weights[i]; cumulative[i] = running }
        let first = draw(generator.nextUnitDouble() * running, cumulative)
        setCentre(0, row: first)
        var closest = squaredDistances(data, to: first)
        let trials = 2 + Int(Foundation.log(Double(k)))
        // ‖xᵢ‖², for distances as ‖xᵢ‖² + ‖c‖² − 2xᵢ·c by GEMM (as scikit-learn seeds).
        var rowNorms = [Double](repeating: 0, count: n)
        for j in 0..<d { for i in 0..<n { rowNorms[i] += data.x[j * n + i] * data.x[j * n + i] } }
        var trialDistances = [[Double]](repeating: [Double](repeating: 0, count: n), count: trials)
        for c in 1..<max(k, 1) {
            running = 0
            for i in 0..<n { running += data.weights[i] * closest[i]; cumulative[i] = running }
            // The candidates are drawn first (the same uniforms, in the same order), then
            // evaluated together in one pass over the data.
            var rows: [Int] = []
            for _ in 0..<trials {
                rows.append(running > 0 ? draw(generator.nextUnitDouble() * running, cumulative)
                                        : drawUniform(&generator, n))
            }
            let potentials = candidateDistances(data, rows: rows, closest: closest, rowNorms: rowNorms,
                                                into: &trialDistances)
            var best = 0
            for t in 1..<trials where potentials[t] < potentials[best] { best = t }
            setCentre(c, row: rows[best])
            swap(&closest, &trialDistances[best])
        }
        return centres
    }

    /// For each candidate row t: dₜ(i) = min(‖xᵢ − x_t‖², closest(i)) into `out[t]`,
    /// and its potential Σᵢ wᵢ dₜ(i). One read of X for all candidates, in row
    /// blocks on the data's fixed spans, the cross products by `dgemm`; partial
    /// potentials summed in span order.
    static func candidateDistances(_ data: KMeansData, rows: [Int], closest: [Double], rowNorms: [Double],
                                   into out: inout [[Double]]) -> [Double] {
        let n = data.rows, d = data.columns, trials = rows.count
        let spans = data.spans
        var partial = [Double](repeating: 0, count: spans.count * trials)
        // Candidate coordinates, trial-major.
        var coordinates = [Double](repeating: 0, count: trials * d)
        for (t, row) in rows.enumerated() { for j in 0..<d { coordinates[t * d + j] = data.x[j * n + row] } }
        let points = coordinates
        let pointNorms = (0..<trials).map { t in (0..<d).reduce(0.0) { $0 + coordinates[t * d + $1] * coordinates[t * d + $1] } }
        let buffers = out.map { _ in UnsafeMutablePointer<Double>.allocate(capacity: n) }
        defer { for b in buffers { b.deallocate() } }
        let targets = SeedingTargets(buffers: buffers)
        rowNorms.withUnsafeBufferPointer { norms in
        data.x.withUnsafeBufferPointer { x in
            data.weights.withUnsafeBufferPointer { w in
                closest.withUnsafeBufferPointer { near in
                    partial.withUnsafeMutableBufferPointer { sums in
                        let source = SeedingSource(x: x.baseAddress!, w: w.baseAddress!, closest: near.baseAddress!,
                                                   norms: norms.baseAddress!, sums: sums.baseAddress!)
                        DispatchQueue.concurrentPerform(iterations: spans.count) { s in
                            let span = spans[s], block = 2048
                            let products = UnsafeMutablePointer<Double>.allocate(capacity: block * trials)
                            defer { products.deallocate() }
                            var lo = span.lowerBound
                            while lo < span.upperBound {
                                let b = min(span.upperBound, lo + block) - lo
                                // −2 x·c for the block's rows and every candidate at once: (b × d)(d × trials).
                                points.withUnsafeBufferPointer { p in
                                    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(b), Int32(trials), Int32(d),
                                                -2, source.x + lo, Int32(n), p.baseAddress, Int32(d), 0, products, Int32(b))
                                }
                                for t in 0..<trials {
                                    let o = targets.buffers[t], pt = products + t * b, c2 = pointNorms[t]
                                    var potential = 0.0
                                    for r in 0..<b {
                                        let i = lo + r
                                        let m = min(max(0, source.norms[i] + c2 + pt[r]), source.closest[i])
                                        o[i] = m
                                        potential += source.w[i] * m
                                    }
                                    source.sums[s * trials + t] += potential
                                }
                                lo += b
                            }
                        }
                    }
                }
            }
        }
        }
        for t in 0..<trials { out[t] = Array(UnsafeBufferPointer(start: buffers[t], count: n)) }
        var potentials = [Double](repeating: 0, count: trials)
        for s in 0..<spans.count { for t in 0..<trials { potentials[t] += partial[s * trials + t] } }
        return potentials
    }

    /// The first index whose cumulative value exceeds `r` (the last if none).
    private static func draw(_ r: Double, _ cumulative: [Double]) -> Int {
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > r { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// A row drawn uniformly (all potential is 0: every row sits on a centre).
    private static func drawUniform(_ g: inout Xoshiro256StarStar, _ n: Int) -> Int {
        min(n - 1, Int(g.nextUnitDouble() * Double(n)))
    }

    /// ‖xᵢ − x_row‖² for every row i, column by column.
    static func squaredDistances(_ data: KMeansData, to row: Int) -> [Double] {
        let n = data.rows
        var out = [Double](repeating: 0, count: n)
        data.x.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                for j in 0..<data.columns {
                    let column = x.baseAddress! + j * n
                    let v = column[row]
                    for i in 0..<n { let t = column[i] - v; o[i] += t * t }
                }
            }
        }
        return out
    }
}

private struct SeedingTargets: @unchecked Sendable {
    let buffers: [UnsafeMutablePointer<Double>]
}

private struct SeedingSource: @unchecked Sendable {
    let x: UnsafePointer<Double>
    let w: UnsafePointer<Double>
    let closest: UnsafePointer<Double>
    let norms: UnsafePointer<Double>
    let sums: UnsafeMutablePointer<Double>
}
