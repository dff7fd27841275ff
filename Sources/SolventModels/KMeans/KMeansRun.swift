import Dispatch
import SolventNumerics

/// Weighted sums of the rows per cluster: `sums` k × d column-major, `weight`
/// k; `changed` the number of rows whose label the assignment changed.
struct ClusterSums {
    var sums: [Double]
    var weight: [Double]
    var changed: Int
}

/// One k-means run from given (centred) centres, scikit-learn's
/// `_kmeans_single_lloyd` loop: assign, update (relocating empty clusters),
/// stop on unchanged labels or on Σⱼ‖shiftⱼ‖² ≤ tolerance.
struct KMeansRun {
    let data: KMeansData
    let algorithm: KMeans.Algorithm
    let maxIterations: Int
    /// Absolute tolerance on the summed squared centre shift.
    let tolerance: Double
    /// Whether Lloyd's step screens in single precision first (the same
    /// labels either way; false only to show that in tests).
    var screened = true

    struct Result {
        var centres: [Double]
        var labels: [Int]
        var inertia: Double
        var iterations: Int
        var converged: Bool
    }

    func run(from start: [Double]) -> Result {
        let n = data.rows
        let k = start.count / data.columns
        var centres = start
        var labels = [Int](repeating: -1, count: n)
        var bounds = algorithm == .hamerly ? HamerlyBounds(rows: n) : nil
        var totals = ClusterTotals(k: k, columns: data.columns)
        var iterations = 0, converged = false, strict = false
        for iteration in 1...maxIterations {
            iterations = iteration
            var sums = bounds == nil ? KMeansLloyd.assign(data, centres: centres, k: k, labels: &labels, totals: &totals,
                                                          screened: screened)
                                     : bounds!.assign(data, centres: centres, k: k, labels: &labels, totals: &totals)
            relocateEmpty(&sums, centres: centres, k: k, labels: labels)
            let updated = average(sums, previous: centres, k: k)
            let shifts = centreShifts(from: centres, to: updated, k: k)
            bounds?.move(shifts, labels: labels)
            centres = updated
            if sums.changed == 0 { strict = true; converged = true; break }
            if shifts.reduce(0, { $0 + $1 * $1 }) <= tolerance { converged = true; break }
        }
        if !strict {
            _ = KMeansLloyd.assign(data, centres: centres, k: k, labels: &labels, totals: &totals, screened: screened)
        }
        return Result(centres: centres, labels: labels, inertia: inertia(centres, k: k, labels: labels),
                      iterations: iterations, converged: converged)
    }

    /// scikit-learn's `_relocate_empty_clusters_dense`: each cluster of zero
    /// weight takes the row (of positive weight) farthest from its own centre,
    /// farthest first, ties to the lower row; that row's weighted values move
    /// out of its old cluster's sums. Labels are left as they are.
    func relocateEmpty(_ s: inout ClusterSums, centres: [Double], k: Int, labels: [Int]) {
        let empty = (0..<k).filter { s.weight[$0] == 0 }
        guard !empty.isEmpty else { return }
        let n = data.rows, d = data.columns
        var distance = [Double](repeating: 0, count: n)
        let rowCentres = rowMajorCentres(centres, k: k, d: d)
        data.x.withUnsafeBufferPointer { x in
            rowCentres.withUnsafeBufferPointer { c in
                for i in 0..<n { distance[i] = squaredDistance(x.baseAddress! + i * d, c.baseAddress! + labels[i] * d, d) }
            }
        }
        let far = (0..<n).filter { data.weights[$0] > 0 }
            .sorted { distance[$0] != distance[$1] ? distance[$0] > distance[$1] : $0 < $1 }
        for (cluster, row) in zip(empty, far) {
            let w = data.weights[row], old = labels[row]
            for j in 0..<d {
                let v = data.x[row * d + j] * w
                s.sums[j * k + old] -= v
                s.sums[j * k + cluster] = v
            }
            s.weight[cluster] = w
            s.weight[old] -= w
        }
    }

    /// Centre j = sums/weight; a cluster still of zero weight keeps its
    /// previous centre (scikit-learn would leave the raw sums), so no centre is
    /// ever NaN.
    func average(_ s: ClusterSums, previous: [Double], k: Int) -> [Double] {
        var out = previous
        for c in 0..<k where s.weight[c] > 0 {
            let a = 1 / s.weight[c]
            for j in 0..<data.columns { out[j * k + c] = s.sums[j * k + c] * a }
        }
        return out
    }

    /// ‖cⱼ⁽ⁿᵉʷ⁾ − cⱼ‖ per centre.
    func centreShifts(from a: [Double], to b: [Double], k: Int) -> [Double] {
        (0..<k).map { c in
            var s = 0.0
            for j in 0..<data.columns { let t = b[j * k + c] - a[j * k + c]; s += t * t }
            return s.squareRoot()
        }
    }

    /// Σᵢ wᵢ ‖xᵢ − c_{label(i)}‖², direct differences, summed per span in span order.
    func inertia(_ centres: [Double], k: Int, labels: [Int]) -> Double {
        let d = data.columns
        let spans = data.spans
        var partial = [Double](repeating: 0, count: spans.count)
        let rowCentres = rowMajorCentres(centres, k: k, d: d)
        data.x.withUnsafeBufferPointer { x in
            rowCentres.withUnsafeBufferPointer { c in
                labels.withUnsafeBufferPointer { l in
                    data.weights.withUnsafeBufferPointer { w in
                        partial.withUnsafeMutableBufferPointer { p in
                            let ptr = SpanPointers(x: x.baseAddress!, c: c.baseAddress!, l: l.baseAddress!,
                                                   w: w.baseAddress!, out: p.baseAddress!)
                            DispatchQueue.concurrentPerform(iterations: spans.count) { s in
                                var total = 0.0
                                for i in spans[s] {
                                    total += ptr.w[i] * squaredDistance(ptr.x + i * d, ptr.c + ptr.l[i] * d, d)
                                }
                                ptr.out[s] = total
                            }
                        }
                    }
                }
            }
        }
        return partial.reduce(0, +)
    }
}

private struct SpanPointers: @unchecked Sendable {
    let x: UnsafePointer<Double>
    let c: UnsafePointer<Double>
    let l: UnsafePointer<Int>
    let w: UnsafePointer<Double>
    let out: UnsafeMutablePointer<Double>
}
