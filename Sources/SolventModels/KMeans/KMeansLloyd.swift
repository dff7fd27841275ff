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
    /// weighted sums.
    ///
    /// Per block of 256 rows, D = −2 X_b Cᵀ by `dgemm` (X_b read in place, lda
    /// n), then the arg-min over j of D_ij + ‖c_j‖² (‖x_i‖² is the same for
    /// every j and left out), ties to the lowest j, while D is in cache.
    static func assign(_ data: KMeansData, centres: [Double], k: Int, labels: inout [Int]) -> ClusterSums {
        let n = data.rows, d = data.columns
        var norms = [Double](repeating: 0, count: k)
        for j in 0..<d { for c in 0..<k { norms[c] += centres[j * k + c] * centres[j * k + c] } }
        return data.x.withUnsafeBufferPointer { x in
            centres.withUnsafeBufferPointer { cp in
                norms.withUnsafeBufferPointer { np in
                    let xs = SharedPointer(x.baseAddress!), cs = SharedPointer(cp.baseAddress!)
                    let ns = SharedPointer(np.baseAddress!)
                    return overBlocks(data, k: k, labels: &labels) { start, b, labels, scratch in
                        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, Int32(b), Int32(k), Int32(d),
                                    -2, xs.p + start, Int32(n), cs.p, Int32(k), 0, scratch, Int32(b))
                        for i in 0..<b {
                            var best = 0, bestValue = scratch[i] + ns.p[0]
                            for c in 1..<max(k, 1) {
                                let v = scratch[i + c * b] + ns.p[c]
                                if v < bestValue { bestValue = v; best = c }
                            }
                            labels[start + i] = best
                        }
                    }
                }
            }
        }
    }

    /// Runs `body(start, count, labels, scratch)` on the blocks of each span
    /// (spans concurrently, blocks in order), then adds each block's rows into
    /// its span's per-cluster sums; the span sums are added in span order.
    /// `scratch` holds `blockRows × k` doubles.
    static func overBlocks(_ data: KMeansData, k: Int, labels: inout [Int],
                           _ body: @Sendable (Int, Int, UnsafeMutablePointer<Int>, UnsafeMutablePointer<Double>) -> Void)
        -> ClusterSums {
        let n = data.rows, d = data.columns, spans = data.spans
        let stride = k * d + k, blockRows = KMeansData.blockRows
        var partial = [Double](repeating: 0, count: spans.count * stride)
        data.x.withUnsafeBufferPointer { x in
            data.weights.withUnsafeBufferPointer { w in
                labels.withUnsafeMutableBufferPointer { l in
                    partial.withUnsafeMutableBufferPointer { p in
                        let xs = SharedPointer(x.baseAddress!), ws = SharedPointer(w.baseAddress!)
                        let ls = SharedPointer(l.baseAddress!), ps = SharedPointer(p.baseAddress!)
                        DispatchQueue.concurrentPerform(iterations: spans.count) { s in
                            let sums = ps.p + s * stride, weight = sums + k * d
                            let scratch = UnsafeMutablePointer<Double>.allocate(capacity: blockRows * k)
                            defer { scratch.deallocate() }
                            var start = spans[s].lowerBound
                            while start < spans[s].upperBound {
                                let b = min(blockRows, spans[s].upperBound - start)
                                body(start, b, ls.p, scratch)
                                for i in start..<(start + b) { weight[ls.p[i]] += ws.p[i] }
                                for j in 0..<d {
                                    let column = xs.p + j * n, target = sums + j * k
                                    for i in start..<(start + b) { target[ls.p[i]] += ws.p[i] * column[i] }
                                }
                                start += b
                            }
                        }
                    }
                }
            }
        }
        var out = ClusterSums(sums: [Double](repeating: 0, count: k * d), weight: [Double](repeating: 0, count: k))
        for s in 0..<spans.count {
            for m in 0..<(k * d) { out.sums[m] += partial[s * stride + m] }
            for c in 0..<k { out.weight[c] += partial[s * stride + k * d + c] }
        }
        return out
    }
}
