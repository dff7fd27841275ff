import SolventNumerics

/// Hamerly's bounds (Hamerly 2010, "Making k-means even faster"): per row an
/// upper bound u on the distance to its own centre and a lower bound l on the
/// distance to every other centre. With s(c) half the distance from c to its
/// nearest other centre, a row whose u ≤ max(s(a), l) keeps its label without
/// any distance computed; otherwise u is made exact, and only if the test
/// still fails are all k distances computed. After centres move by pⱼ,
/// u += p(a) and l −= the largest p among the other centres.
///
/// Starting from u = ∞, l = 0 and label 0, the first pass computes what it
/// must. Distances are direct, √Σ(x − c)², so labels equal Lloyd's except
/// where two centres are equally near to rounding.
struct HamerlyBounds {
    var upper: [Double]
    var lower: [Double]

    init(rows: Int) {
        upper = [Double](repeating: .infinity, count: rows)
        lower = [Double](repeating: 0, count: rows)
    }

    mutating func assign(_ data: KMeansData, centres: [Double], k: Int, labels: inout [Int]) -> ClusterSums {
        let n = data.rows, d = data.columns
        for i in 0..<n where labels[i] < 0 { labels[i] = 0 }
        var half = [Double](repeating: .infinity, count: k)
        for a in 0..<k {
            for b in (a + 1)..<max(k, a + 1) {
                var s = 0.0
                for j in 0..<d { let t = centres[j * k + a] - centres[j * k + b]; s += t * t }
                let h = 0.5 * s.squareRoot()
                half[a] = min(half[a], h); half[b] = min(half[b], h)
            }
        }
        return data.x.withUnsafeBufferPointer { x in
            centres.withUnsafeBufferPointer { cp in
                half.withUnsafeBufferPointer { hp in
                    upper.withUnsafeMutableBufferPointer { up in
                        lower.withUnsafeMutableBufferPointer { lp in
                            let xs = SharedPointer(x.baseAddress!), cs = SharedPointer(cp.baseAddress!)
                            let hs = SharedPointer(hp.baseAddress!)
                            let us = SharedPointer(up.baseAddress!), lw = SharedPointer(lp.baseAddress!)
                            return KMeansLloyd.overBlocks(data, k: k, labels: &labels) { start, b, labels, _ in
                                func distance(_ i: Int, _ c: Int) -> Double {
                                    var s = 0.0
                                    for j in 0..<d { let t = xs.p[j * n + i] - cs.p[j * k + c]; s += t * t }
                                    return s.squareRoot()
                                }
                                for i in start..<(start + b) {
                                    let a = labels[i]
                                    let bound = max(hs.p[a], lw.p[i])
                                    guard us.p[i] > bound else { continue }
                                    us.p[i] = distance(i, a)
                                    guard us.p[i] > bound else { continue }
                                    var best = 0, first = Double.infinity, second = Double.infinity
                                    for c in 0..<k {
                                        let v = distance(i, c)
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

    /// Widens the bounds after the centres moved by `shifts`.
    mutating func move(_ shifts: [Double], labels: [Int]) {
        var top = 0
        for c in shifts.indices where shifts[c] > shifts[top] { top = c }
        var second = 0.0
        for c in shifts.indices where c != top { second = max(second, shifts[c]) }
        for i in upper.indices {
            let a = labels[i]
            upper[i] += shifts[a]
            lower[i] = max(0, lower[i] - (a == top ? second : shifts[top]))
        }
    }
}
