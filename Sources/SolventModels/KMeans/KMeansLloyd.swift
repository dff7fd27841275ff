import CLAPACK
import Dispatch
import SolventNumerics

/// A raw pointer handed to the worker threads; each thread writes only its
/// own rows or its own span's accumulator.
struct SharedPointer<T>: @unchecked Sendable {
    let p: UnsafeMutablePointer<T>
    init(_ p: UnsafeMutablePointer<T>) { self.p = p }
    init(_ p: UnsafePointer<T>) { self.p = UnsafeMutablePointer(mutating: p) }
}

/// The assignment step of Lloyd's algorithm and the span/block driver it
/// shares with Hamerly's.
enum KMeansLloyd {
    /// Labels every row with its nearest centre and returns the clusters'
    /// weighted sums (`totals` brought up to date) and the number of rows whose
    /// label changed.
    ///
    /// Per block of 512 rows, first `screen` in single precision: when every
    /// row's nearest centre is clear by its rounding margin, those are the
    /// labels. Otherwise (a row within the margin; `screened` false; values
    /// too large for `Float`) D = ‖c‖² − 2 C X_bᵀ by `dgemm` (k × b; the
    /// row-major block read in place), then per row the arg-min over j of D_ji
    /// (‖x_i‖² is the same for every j and left out), ties to the lowest j,
    /// while D and the block are in cache. Either way the labels are those of
    /// the double-precision step. The rows that changed cluster then move
    /// between the sums, from cache.
    static func assign(_ data: KMeansData, centres: [Double], k: Int, labels: inout [Int],
                       totals: inout ClusterTotals, screened: Bool = true) -> ClusterSums {
        let d = data.columns
        let pattern = normPattern(centres, k: k, d: d)
        let screen = ScreenCentres(centres: centres, norms: pattern, k: k, d: d, panels: data.panels)
        let useScreen = screened && screen.usable
        return data.x.withUnsafeBufferPointer { x in
            centres.withUnsafeBufferPointer { cp in
                pattern.withUnsafeBufferPointer { pp in
                    data.panels.values.withUnsafeBufferPointer { fx in
                    data.panels.norms.withUnsafeBufferPointer { fn in
                    screen.weights.withUnsafeBufferPointer { fw in
                    screen.norms.withUnsafeBufferPointer { fc in
                    let xs = SharedPointer(x.baseAddress!), cs = SharedPointer(cp.baseAddress!)
                    let ps = SharedPointer(pp.baseAddress!)
                    let fxs = SharedPointer(fx.baseAddress!), fns = SharedPointer(fn.baseAddress!)
                    let fws = SharedPointer(fw.baseAddress!), fcs = SharedPointer(fc.baseAddress!)
                    let chunks = screen.chunks, alpha = screen.alpha, offset = screen.offset
                    return overBlocks(data, k: k, labels: &labels, totals: &totals) { start, b, labels, scratch in
                        if useScreen, KMeansLloyd.screen(fxs.p, norms: fns.p, d: d, rows: start, start + b,
                                                         centres: fws.p, centreNorms: fcs.p, chunks: chunks,
                                                         alpha: alpha, offset: offset, labels: labels) {
                            return
                        }
                        blockDistances(xs.p + start * d, rows: b, d: d, centres: cs.p, k: k, pattern: ps.p,
                                       into: scratch)
                        for i in 0..<b { labels[start + i] = nearest(scratch + i * k, k).index }
                    }
                    }
                    }
                    }
                    }
                }
            }
        }
    }

    /// ‖c_j‖² repeated for every row of a block: `blockRows` rows of k values.
    static func normPattern(_ centres: [Double], k: Int, d: Int) -> [Double] {
        var norms = [Double](repeating: 0, count: k)
        for j in 0..<d { for c in 0..<k { norms[c] += centres[j * k + c] * centres[j * k + c] } }
        var out = [Double](repeating: 0, count: KMeansData.blockRows * k)
        for i in 0..<KMeansData.blockRows { for c in 0..<k { out[i * k + c] = norms[c] } }
        return out
    }

    /// D = ‖c‖² − 2 C Xᵀ for `rows` contiguous rows (k × rows, row i's k values
    /// contiguous): the norms copied in, then `dgemm` with β = 1 (no separate
    /// pass to clear D).
    @inline(__always)
    static func blockDistances(_ x: UnsafeMutablePointer<Double>, rows b: Int, d: Int, centres: UnsafeMutablePointer<Double>,
                               k: Int, pattern: UnsafeMutablePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        out.update(from: pattern, count: b * k)
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(k), Int32(b), Int32(d),
                    -2, centres, Int32(k), x, Int32(d), 1, out, Int32(k))
    }

    /// The smallest of k values (the first on ties), without branches.
    @inline(__always)
    static func nearest(_ row: UnsafeMutablePointer<Double>, _ k: Int) -> (index: Int, value: Double) {
        var best = 0, value = row[0]
        for c in 1..<max(k, 1) {
            let v = row[c], lower = v < value
            value = lower ? v : value
            best = lower ? c : best
        }
        return (best, value)
    }

    /// Runs `body(start, count, labels, scratch)` on the blocks of each span
    /// (spans concurrently, blocks in order); `body` relabels the block's rows.
    /// The rows whose label changed then move, in row order, between their
    /// span's per-cluster sums (subtracted from the old cluster, added to the
    /// new); the span sums are added into `totals` in span order. Returns the
    /// updated totals rounded, with the number of changed labels. `scratch`
    /// holds `blockRows × k` doubles.
    ///
    /// The sums are thus kept up to date rather than recomputed: once few
    /// labels change, an iteration no longer reads every row. They are
    /// compensated (Neumaier: a running sum and its rounding errors), so
    /// adding and later removing a row leaves them as if it had never been
    /// added, to ~1e-32 relative, and they equal a from-scratch sum to the
    /// last bit in all but rare rounding ties.
    static func overBlocks(_ data: KMeansData, k: Int, labels: inout [Int], totals: inout ClusterTotals,
                           _ body: @Sendable (Int, Int, UnsafeMutablePointer<Int>, UnsafeMutablePointer<Double>) -> Void)
        -> ClusterSums {
        let d = data.columns, spans = data.spans
        let size = k * d + 2 * k, stride = 2 * size + 1, blockRows = KMeansData.blockRows
        var partial = [Double](repeating: 0, count: spans.count * stride)
        data.x.withUnsafeBufferPointer { x in
            data.weights.withUnsafeBufferPointer { w in
                labels.withUnsafeMutableBufferPointer { l in
                    partial.withUnsafeMutableBufferPointer { p in
                        let xs = SharedPointer(x.baseAddress!), ws = SharedPointer(w.baseAddress!)
                        let ls = SharedPointer(l.baseAddress!), ps = SharedPointer(p.baseAddress!)
                        DispatchQueue.concurrentPerform(iterations: spans.count) { s in
                            // Row-major k × d sums, k weights, k counts of rows of positive weight (hi,
                            // then lo), then the changed count.
                            let hi = ps.p + s * stride, lo = hi + size
                            let scratch = UnsafeMutablePointer<Double>.allocate(capacity: blockRows * k)
                            let old = UnsafeMutablePointer<Int>.allocate(capacity: blockRows)
                            defer { scratch.deallocate(); old.deallocate() }
                            var changed = 0
                            var start = spans[s].lowerBound
                            while start < spans[s].upperBound {
                                let b = min(blockRows, spans[s].upperBound - start)
                                for r in 0..<b { old[r] = ls.p[start + r] }
                                body(start, b, ls.p, scratch)
                                for r in 0..<b where ls.p[start + r] != old[r] {
                                    changed += 1
                                    let i = start + r, c = ls.p[i], a = old[r], wi = ws.p[i], row = xs.p + i * d
                                    if a >= 0 {
                                        for j in 0..<d { compensatedAdd(hi + a * d + j, lo + a * d + j, -(wi * row[j])) }
                                        compensatedAdd(hi + k * d + a, lo + k * d + a, -wi)
                                        if wi > 0 { hi[k * d + k + a] -= 1 }
                                    }
                                    for j in 0..<d { compensatedAdd(hi + c * d + j, lo + c * d + j, wi * row[j]) }
                                    compensatedAdd(hi + k * d + c, lo + k * d + c, wi)
                                    if wi > 0 { hi[k * d + k + c] += 1 }
                                }
                                start += b
                            }
                            hi[2 * size] = Double(changed)
                        }
                    }
                }
            }
        }
        var changed = 0
        totals.hi.withUnsafeMutableBufferPointer { th in
            totals.lo.withUnsafeMutableBufferPointer { tl in
                for s in 0..<spans.count {
                    let base = s * stride
                    for m in 0..<size {
                        compensatedAdd(th.baseAddress! + m, tl.baseAddress! + m, partial[base + m])
                        tl[m] += partial[base + size + m]
                    }
                    changed += Int(partial[base + 2 * size])
                }
            }
        }
        return totals.rounded(changed: changed)
    }
}

/// The per-cluster weighted sums of the rows currently labelled with each
/// cluster, compensated: the sum is `hi + lo`. Row-major k × d sums, the k
/// weights, then the k counts of rows of positive weight (exact integers in
/// `hi`: a cluster without such rows has weight and sums exactly 0, however
/// its sums cancelled).
struct ClusterTotals {
    let k: Int
    let columns: Int
    var hi: [Double]
    var lo: [Double]

    init(k: Int, columns: Int) {
        self.k = k
        self.columns = columns
        hi = [Double](repeating: 0, count: k * columns + 2 * k)
        lo = hi
    }

    /// The sums rounded to doubles, k × d column-major.
    func rounded(changed: Int) -> ClusterSums {
        let d = columns
        var out = ClusterSums(sums: [Double](repeating: 0, count: k * d), weight: [Double](repeating: 0, count: k),
                              changed: changed)
        for c in 0..<k where hi[k * d + k + c] > 0 {
            for j in 0..<d { out.sums[j * k + c] = hi[c * d + j] + lo[c * d + j] }
            out.weight[c] = hi[k * d + c] + lo[k * d + c]
        }
        return out
    }
}

/// hi + lo += v with the rounding error of hi + v kept in lo (Neumaier's TwoSum step).
@inline(__always)
func compensatedAdd(_ hi: UnsafeMutablePointer<Double>, _ lo: UnsafeMutablePointer<Double>, _ v: Double) {
    let h = hi.pointee, s = h + v, bv = s - h
    lo.pointee += (h - (s - bv)) + (v - bv)
    hi.pointee = s
}
