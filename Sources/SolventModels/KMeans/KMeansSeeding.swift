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
/// ties). A draw u·total walks the per-block sums of wᵢ · D(xᵢ)² to the block
/// where the running total exceeds it, then the block's rows to the first
/// whose running total does (the block's last row of positive mass if
/// rounding leaves none), so rows of zero weight or already chosen are never
/// drawn while others remain. Uses 1 + (k − 1)(2 + ⌊ln k⌋) uniforms of the
/// generator.
///
/// Each step reads the data once: the candidates' distances
/// ‖xᵢ‖² + ‖c‖² − 2xᵢ·c (the cross products by `dgemm` per block of rows, as
/// scikit-learn seeds), their minimum with D², and the per-block sums of the
/// weighted minimum, on the data's fixed spans; block sums added in block
/// order, so the result does not depend on the thread count.
enum KMeansSeeding {
    /// Rows per block of the distance pass and of the draw's block sums.
    static let block = 512

    static func greedyPlusPlus(_ data: KMeansData, k: Int,
                               generator: inout Xoshiro256StarStar) -> [Double] {
        let n = data.rows, d = data.columns
        let blocks = (n + block - 1) / block
        var centres = [Double](repeating: 0, count: k * d)
        func setCentre(_ c: Int, row i: Int) {
            for j in 0..<d { centres[j * k + c] = data.x[i * d + j] }
        }
        let trials = 2 + Int(Foundation.log(Double(k)))
        // trials + 1 distance arrays: the current D² and one per candidate.
        let buffers = (0...trials).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: n) }
        defer { for b in buffers { b.deallocate() } }
        var closest = buffers[trials], spare = Array(buffers[0..<trials])
        // The first centre, ∝ wᵢ.
        var massOfBlocks = [Double](repeating: 0, count: blocks)
        data.weights.withUnsafeBufferPointer { w in
            blockSums(w.baseAddress!, nil, n: n, into: &massOfBlocks)
        }
        let first = draw(generator.nextUnitDouble() * massOfBlocks.reduce(0, +), data: data, mass: Mass(values: nil),
                         blockMass: massOfBlocks)
        setCentre(0, row: first)
        squaredDistances(data, to: first, into: closest)
        data.weights.withUnsafeBufferPointer { w in
            blockSums(w.baseAddress!, closest, n: n, into: &massOfBlocks)
        }
        var trialBlocks = [Double](repeating: 0, count: trials * blocks)
        for c in 1..<max(k, 1) {
            let running = massOfBlocks.reduce(0, +)
            // The candidates are drawn first (the same uniforms, in the same order), then
            // evaluated together in one pass over the data.
            var rows: [Int] = []
            for _ in 0..<trials {
                rows.append(running > 0 ? draw(generator.nextUnitDouble() * running, data: data,
                                               mass: Mass(values: closest), blockMass: massOfBlocks)
                                        : drawUniform(&generator, n))
            }
            candidateDistances(data, rows: rows, closest: closest, into: spare, blockMass: &trialBlocks)
            var potentials = [Double](repeating: 0, count: trials)
            for t in 0..<trials {
                var s = 0.0
                for b in 0..<blocks { s += trialBlocks[t * blocks + b] }
                potentials[t] = s
            }
            var best = 0
            for t in 1..<trials where potentials[t] < potentials[best] { best = t }
            setCentre(c, row: rows[best])
            swap(&closest, &spare[best])
            for b in 0..<blocks { massOfBlocks[b] = trialBlocks[best * blocks + b] }
        }
        return centres
    }

    /// The mass of row i for a draw: wᵢ · values[i] (wᵢ when `values` is nil).
    private struct Mass {
        let values: UnsafeMutablePointer<Double>?
        func callAsFunction(_ w: Double, _ i: Int) -> Double { values.map { w * $0[i] } ?? w }
    }

    /// Σᵢ mass(i) per block of rows, in row order.
    private static func blockSums(_ w: UnsafePointer<Double>, _ values: UnsafeMutablePointer<Double>?, n: Int,
                                  into out: inout [Double]) {
        let mass = Mass(values: values)
        for b in out.indices {
            var s = 0.0
            for i in (b * block)..<min(n, (b + 1) * block) { s += mass(w[i], i) }
            out[b] = s
        }
    }

    /// For each candidate row t: dₜ(i) = min(‖xᵢ − x_t‖², closest(i)) into `out[t]`,
    /// and the per-block sums of wᵢ dₜ(i) into `blockMass[t · blocks + b]`. One read
    /// of X for all candidates, in row blocks on the data's fixed spans, the cross
    /// products by `dgemm`.
    static func candidateDistances(_ data: KMeansData, rows: [Int], closest: UnsafeMutablePointer<Double>,
                                   into out: [UnsafeMutablePointer<Double>], blockMass: inout [Double]) {
        let n = data.rows, d = data.columns, trials = rows.count
        let blocks = (n + block - 1) / block
        let spans = blockSpans(blocks: blocks, data.spans.count)
        // Candidate coordinates, trial-major (d × trials column-major).
        var points = [Double](repeating: 0, count: trials * d)
        for (t, row) in rows.enumerated() { for j in 0..<d { points[t * d + j] = data.x[row * d + j] } }
        let pointNorms = rows.map { data.rowNorms[$0] }
        let targets = SeedingTargets(buffers: out)
        data.rowNorms.withUnsafeBufferPointer { norms in
        data.x.withUnsafeBufferPointer { x in
        data.weights.withUnsafeBufferPointer { w in
        points.withUnsafeBufferPointer { p in
        pointNorms.withUnsafeBufferPointer { pn in
        blockMass.withUnsafeMutableBufferPointer { bm in
            let xs = SharedPointer(x.baseAddress!), ws = SharedPointer(w.baseAddress!)
            let ns = SharedPointer(norms.baseAddress!), near = SharedPointer(closest)
            let ps = SharedPointer(p.baseAddress!), pns = SharedPointer(pn.baseAddress!)
            let mass = SharedPointer(bm.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: spans.count) { s in
                let products = UnsafeMutablePointer<Double>.allocate(capacity: block * trials)
                defer { products.deallocate() }
                var sums = [Double](repeating: 0, count: trials)
                for b in spans[s] {
                    let lo = b * block, count = min(n, lo + block) - lo
                    // −2 c·x for every candidate and the block's rows at once: (trials × d)(d × count).
                    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, Int32(trials), Int32(count), Int32(d),
                                -2, ps.p, Int32(d), xs.p + lo * d, Int32(d), 0, products, Int32(trials))
                    for t in 0..<trials { sums[t] = 0 }
                    for r in 0..<count {
                        let i = lo + r, base = ns.p[i], limit = near.p[i], wi = ws.p[i]
                        let row = products + r * trials
                        for t in 0..<trials {
                            let m = min(max(0, base + pns.p[t] + row[t]), limit)
                            targets.buffers[t][i] = m
                            sums[t] += wi * m
                        }
                    }
                    for t in 0..<trials { mass.p[t * blocks + b] = sums[t] }
                }
            }
        }
        }
        }
        }
        }
        }
    }

    /// The blocks split into `count` contiguous ranges (the data's span count).
    private static func blockSpans(blocks: Int, _ count: Int) -> [Range<Int>] {
        let size = (blocks + count - 1) / count
        return (0..<count).map { s in min(blocks, s * size)..<min(blocks, (s + 1) * size) }
    }

    /// The row where the running total of wᵢ · mass(i) first exceeds `r`: the block
    /// by the block sums, then the row within it (the block's last row of positive
    /// mass if rounding leaves none; the last block of positive mass if `r` is
    /// past the total).
    private static func draw(_ r: Double, data: KMeansData, mass: Mass, blockMass: [Double]) -> Int {
        let n = data.rows
        var running = 0.0, chosen = -1
        for b in blockMass.indices where blockMass[b] > 0 {
            chosen = b
            if running + blockMass[b] > r { break }
            running += blockMass[b]
        }
        guard chosen >= 0 else { return n - 1 }
        var last = chosen * block
        for i in (chosen * block)..<min(n, (chosen + 1) * block) {
            let m = mass(data.weights[i], i)
            guard m > 0 else { continue }
            last = i
            running += m
            if running > r { return i }
        }
        return last
    }

    /// A row drawn uniformly (all potential is 0: every row sits on a centre).
    private static func drawUniform(_ g: inout Xoshiro256StarStar, _ n: Int) -> Int {
        min(n - 1, Int(g.nextUnitDouble() * Double(n)))
    }

    /// ‖xᵢ − x_row‖² for every row i, directly, on the data's spans.
    static func squaredDistances(_ data: KMeansData, to row: Int, into out: UnsafeMutablePointer<Double>) {
        let d = data.columns, spans = data.spans, o = SharedPointer(out)
        data.x.withUnsafeBufferPointer { x in
            let xs = SharedPointer(x.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: spans.count) { s in
                let centre = xs.p + row * d
                for i in spans[s] { o.p[i] = squaredDistance(xs.p + i * d, centre, d) }
            }
        }
    }
}

private struct SeedingTargets: @unchecked Sendable {
    let buffers: [UnsafeMutablePointer<Double>]
}
