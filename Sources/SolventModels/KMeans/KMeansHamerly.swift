import CLAPACK
import SolventNumerics

/// Hamerly's bounds (Hamerly 2010, "Making k-means even faster"): per row an
/// upper bound u on the distance to its own centre and a lower bound l on the
/// distance to every other centre. With s(c) half the distance from c to its
/// nearest other centre, a row whose u ≤ max(s(a), l) keeps its label without
/// any distance computed; otherwise u is made exact, and only if the test
/// still fails are all k distances computed. After centres move by pⱼ,
/// u += p(a) and l −= the largest p among the other centres; `move` only
/// records the moves and the next `assign` applies them row by row in the
/// same pass that tests the bounds (one read and write of the bounds per
/// iteration).
///
/// A block of rows still unlabelled (the first pass) is labelled as Lloyd's
/// step does (`dgemm`, the same arg-min), its bounds from those squared
/// distances widened by their rounding bound δ = (4d + 8)·u·(‖x‖² + max‖c‖²),
/// u = 2⁻⁵³: √(d²₁ + δ) and √(max(0, d²₂ − δ)). Later distances are direct,
/// √Σ(x − c)² over the row's contiguous values, so labels equal Lloyd's
/// except where two centres are equally near to rounding; the cluster
/// sums are kept up to date as Lloyd's are (`KMeansLloyd.overBlocks`), so
/// equal labels give equal centres, and a row whose bounds hold is not read
/// at all.
struct HamerlyBounds {
    var upper: [Double]
    var lower: [Double]
    /// Centre moves not yet applied to the bounds (empty: none).
    var pending: [Double] = []

    init(rows: Int) {
        upper = [Double](repeating: .infinity, count: rows)
        lower = [Double](repeating: 0, count: rows)
    }

    mutating func assign(_ data: KMeansData, centres: [Double], k: Int, labels: inout [Int],
                         totals: inout ClusterTotals) -> ClusterSums {
        let d = data.columns
        let rowCentres = rowMajorCentres(centres, k: k, d: d)
        let norms = KMeansLloyd.normPattern(centres, k: k, d: d)
        let slack = Double(4 * d + 8) * Double.ulpOfOne / 2, largest = norms[0..<k].max() ?? 0
        var half = [Double](repeating: .infinity, count: k)
        for a in 0..<k {
            for b in (a + 1)..<max(k, a + 1) {
                var s = 0.0
                for j in 0..<d { let t = centres[j * k + a] - centres[j * k + b]; s += t * t }
                let h = 0.5 * s.squareRoot()
                half[a] = min(half[a], h); half[b] = min(half[b], h)
            }
        }
        // What each row's bounds widen by, from the pending moves.
        let moves = pending.isEmpty ? [Double](repeating: 0, count: k) : pending
        var top = 0
        for c in moves.indices where moves[c] > moves[top] { top = c }
        var second = 0.0
        for c in moves.indices where c != top { second = max(second, moves[c]) }
        let lowerMoves = (0..<k).map { $0 == top ? second : moves[top] }
        pending = []
        return data.x.withUnsafeBufferPointer { x in
            data.rowNorms.withUnsafeBufferPointer { rn in
            centres.withUnsafeBufferPointer { cc in
            norms.withUnsafeBufferPointer { np in
            rowCentres.withUnsafeBufferPointer { cp in
                half.withUnsafeBufferPointer { hp in
                    moves.withUnsafeBufferPointer { mp in
                        lowerMoves.withUnsafeBufferPointer { lm in
                            upper.withUnsafeMutableBufferPointer { up in
                                lower.withUnsafeMutableBufferPointer { lp in
                                    let xs = SharedPointer(x.baseAddress!), cs = SharedPointer(cp.baseAddress!)
                                    let hs = SharedPointer(hp.baseAddress!), ms = SharedPointer(mp.baseAddress!)
                                    let lms = SharedPointer(lm.baseAddress!), rns = SharedPointer(rn.baseAddress!)
                                    let ccs = SharedPointer(cc.baseAddress!), ns = SharedPointer(np.baseAddress!)
                                    let us = SharedPointer(up.baseAddress!), lw = SharedPointer(lp.baseAddress!)
                                    return KMeansLloyd.overBlocks(data, k: k, labels: &labels,
                                                                  totals: &totals) { start, b, labels, scratch in
                                        if labels[start] < 0 {
                                            KMeansLloyd.blockDistances(xs.p + start * d, rows: b, d: d, centres: ccs.p, k: k,
                                                                       pattern: ns.p, into: scratch)
                                            for r in 0..<b {
                                                let i = start + r, row = scratch + r * k
                                                let (best, bestValue) = KMeansLloyd.nearest(row, k)
                                                var second = Double.infinity
                                                for c in 0..<k where c != best { second = min(second, row[c]) }
                                                let delta = slack * (rns.p[i] + largest)
                                                labels[i] = best
                                                us.p[i] = max(0, rns.p[i] + bestValue + delta).squareRoot()
                                                lw.p[i] = max(0, rns.p[i] + second - delta).squareRoot()
                                            }
                                            return
                                        }
                                        for i in start..<(start + b) {
                                            let a = labels[i], row = xs.p + i * d
                                            if a >= 0 {
                                                var u = us.p[i] + ms.p[a]
                                                let l = max(0, lw.p[i] - lms.p[a])
                                                let bound = max(hs.p[a], l)
                                                if u <= bound { us.p[i] = u; lw.p[i] = l; continue }
                                                u = squaredDistance(row, cs.p + a * d, d).squareRoot()
                                                if u <= bound { us.p[i] = u; lw.p[i] = l; continue }
                                            }
                                            var best = 0, first = Double.infinity, second = Double.infinity
                                            for c in 0..<k {
                                                let v = squaredDistance(row, cs.p + c * d, d).squareRoot()
                                                if v < first { second = first; first = v; best = c } else if v < second { second = v }
                                            }
                                            labels[i] = best
                                            us.p[i] = first
                                            lw.p[i] = second
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            }
            }
            }
        }
    }

    /// Records that the centres moved by `shifts` (applied to the bounds by the
    /// next `assign`).
    mutating func move(_ shifts: [Double], labels: [Int]) {
        if pending.isEmpty {
            pending = shifts
        } else {
            for c in shifts.indices { pending[c] += shifts[c] }
        }
    }
}
