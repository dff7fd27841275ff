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
    /// weighted sums and the number of rows whose label changed.
    ///
    /// Per block of 512 rows, D = −2 C X_bᵀ by `dgemm` (k × b; the row-major
    /// block read in place), then per row the arg-min over j of D_jі + ‖c_j‖²
    /// (‖x_i‖² is the same for every j and left out), ties to the lowest j,
    /// while D and the block are in cache; the block's rows are then added
    /// into the sums from cache.
    static func assign(_ data: KMeansData, centres: [Double], k: Int, labels: inout [Int]) -> ClusterSums {
        let d = data.columns
        var norms = [Double](repeating: 0, count: k)
        for j in 0..<d { for c in 0..<k { norms[c] += centres[j * k + c] * centres[j * k + c] } }
        return data.x.withUnsafeBufferPointer { x in
            centres.withUnsafeBufferPointer { cp in
                norms.withUnsafeBufferPointer { np in
                    let xs = SharedPointer(x.baseAddress!), cs = SharedPointer(cp.baseAddress!)
                    let ns = SharedPointer(np.baseAddress!)
                    return overBlocks(data, k: k, labels: &labels) { start, b, labels, scratch in
                        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(k), Int32(b), Int32(d),
                                    -2, cs.p, Int32(k), xs.p + start * d, Int32(d), 0, scratch, Int32(k))
                        var changed = 0
                        for i in 0..<b {
                            let row = scratch + i * k
                            var best = 0, bestValue = row[0] + ns.p[0]
                            for c in 1..<max(k, 1) {
                                let v = row[c] + ns.p[c]
                                if v < bestValue { bestValue = v; best = c }
                            }
                            if labels[start + i] != best { changed += 1; labels[start + i] = best }
                        }
                        return changed
                    }
                }
            }
        }
    }

    /// Runs `body(start, count, labels, scratch) -> changed labels` on the
    /// blocks of each span (spans concurrently, blocks in order), then adds
    /// each block's rows, in row order, into its span's per-cluster sums; the
    /// span sums are added in span order. `scratch` holds `blockRows × k`
    /// doubles.
    static func overBlocks(_ data: KMeansData, k: Int, labels: inout [Int],
                           _ body: @Sendable (Int, Int, UnsafeMutablePointer<Int>, UnsafeMutablePointer<Double>) -> Int)
        -> ClusterSums {
        let d = data.columns, spans = data.spans
        let stride = k * d + k + 1, blockRows = KMeansData.blockRows
        var partial = [Double](repeating: 0, count: spans.count * stride)
        data.x.withUnsafeBufferPointer { x in
            data.weights.withUnsafeBufferPointer { w in
                labels.withUnsafeMutableBufferPointer { l in
                    partial.withUnsafeMutableBufferPointer { p in
                        let xs = SharedPointer(x.baseAddress!), ws = SharedPointer(w.baseAddress!)
                        let ls = SharedPointer(l.baseAddress!), ps = SharedPointer(p.baseAddress!)
                        DispatchQueue.concurrentPerform(iterations: spans.count) { s in
                            // Row-major k × d sums, then k weights, then the changed count.
                            let sums = ps.p + s * stride, weight = sums + k * d
                            let scratch = UnsafeMutablePointer<Double>.allocate(capacity: blockRows * k)
                            defer { scratch.deallocate() }
                            var changed = 0
                            var start = spans[s].lowerBound
                            while start < spans[s].upperBound {
                                let b = min(blockRows, spans[s].upperBound - start)
                                changed += body(start, b, ls.p, scratch)
                                for i in start..<(start + b) {
                                    let c = ls.p[i], wi = ws.p[i]
                                    weight[c] += wi
                                    let row = xs.p + i * d, target = sums + c * d
                                    for j in 0..<d { target[j] += wi * row[j] }
                                }
                                start += b
                            }
                            weight[k] = Double(changed)
                        }
                    }
                }
            }
        }
        var out = ClusterSums(sums: [Double](repeating: 0, count: k * d), weight: [Double](repeating: 0, count: k),
                              changed: 0)
        for s in 0..<spans.count {
            let base = s * stride
            for c in 0..<k { for j in 0..<d { out.sums[j * k + c] += partial[base + c * d + j] } }
            for c in 0..<k { out.weight[c] += partial[base + k * d + c] }
            out.changed += Int(partial[base + k * d + k])
        }
        return out
    }
}
