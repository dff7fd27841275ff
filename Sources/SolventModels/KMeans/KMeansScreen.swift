import Dispatch

/// The rows as single-precision panels for the screened assignment step: rows
/// 4g…4g+3 in group g, column j's four values at `values[g·d + j]` (the last
/// group padded with zeros), and each group's squared norms ‖xᵢ‖² rounded to
/// `Float`.
///
/// `usable` is false when the values are too large for the single-precision
/// sums to stay finite (4d · max|xᵢⱼ|² > 2¹⁰⁰); the step then uses double
/// precision throughout.
struct KMeansPanels: Sendable {
    let values: [SIMD4<Float>]
    let norms: [SIMD4<Float>]
    /// max over i, j of |xᵢⱼ| (centred).
    let largest: Double
    let usable: Bool

    /// Built in `parts` ranges of whole groups concurrently (a group's four
    /// lanes are written by one thread).
    init(x: [Double], rowNorms: [Double], rows n: Int, columns d: Int, parts: Int) {
        let groups = (n + 3) / 4, per = (groups + parts - 1) / parts
        var values = [SIMD4<Float>](repeating: .zero, count: groups * d)
        var norms = [SIMD4<Float>](repeating: .zero, count: groups)
        var partLargest = [Double](repeating: 0, count: parts)
        x.withUnsafeBufferPointer { xp in
        rowNorms.withUnsafeBufferPointer { rp in
        values.withUnsafeMutableBufferPointer { vp in
        norms.withUnsafeMutableBufferPointer { np in
        partLargest.withUnsafeMutableBufferPointer { lp in
            let xs = SharedPointer(xp.baseAddress!), rs = SharedPointer(rp.baseAddress!)
            let vs = SharedPointer(vp.baseAddress!), ns = SharedPointer(np.baseAddress!)
            let ls = SharedPointer(lp.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                var largest = 0.0
                for i in min(n, 4 * part * per)..<min(n, 4 * (part + 1) * per) {
                    let row = xs.p + i * d, out = vs.p + (i / 4) * d, lane = i % 4
                    for j in 0..<d {
                        out[j][lane] = Float(row[j])
                        largest = max(largest, abs(row[j]))
                    }
                    ns.p[i / 4][lane] = Float(rs.p[i])
                }
                ls.p[part] = largest
            }
        }
        }
        }
        }
        }
        let largest = partLargest.max() ?? 0
        self.values = values
        self.norms = norms
        self.largest = largest
        usable = 4 * Double(d) * largest * largest <= 0x1p100
    }
}

/// The centres prepared for `screen`: in chunks of 8, per chunk and column j
/// the eight values −2cⱼ each splatted over four lanes (`weights[(q·d + j)·8 + c]`),
/// and the eight ‖c‖² (the same doubles as Lloyd's double-precision step,
/// rounded), +∞ for the padding of a last chunk.
///
/// `alpha` is the margin factor of the screen. With Tⱼ = ‖cⱼ‖² − 2x·cⱼ in exact
/// arithmetic from the double values, the single-precision value Fⱼ (inputs
/// rounded to `Float`, d products and d + 1 terms summed in any order) is
/// within γ_{d+4}(|‖cⱼ‖²| + 2Σ|x||c|) ≤ 2γ_{d+4}(‖x‖² + M) of it, M = maxⱼ ‖cⱼ‖²,
/// γₘ = mu/(1 − mu), u = 2⁻²⁴ (Higham, *Accuracy and Stability*, §3.1);
/// `dgemm`'s value Gⱼ is within 2γ_{d+1}(‖x‖² + M) of it with u = 2⁻⁵³. So if
/// F_second − F_best > 4(γ_{d+4}^single + γ_{d+1}^double)(‖x‖² + M), then
/// T_best < T_j − 2·(double bound) for every other j, and G's arg-min is the same
/// centre, strictly. `alpha` is that factor × 1.125 (for the rounding of the
/// test itself); the 2⁻¹⁰⁰ added to ‖x‖² + M covers underflow's absolute errors.
struct ScreenCentres {
    let chunks: Int
    let weights: [SIMD4<Float>]
    let norms: [SIMD4<Float>]
    let alpha: Float
    /// M + 2⁻¹⁰⁰, as a lane vector.
    let offset: SIMD4<Float>
    /// Whether screening is safe for these centres and data.
    let usable: Bool

    init(centres: [Double], norms doubleNorms: [Double], k: Int, d: Int, panels: KMeansPanels) {
        chunks = (k + 7) / 8
        var w = [SIMD4<Float>](repeating: .zero, count: chunks * d * 8)
        var n = [SIMD4<Float>](repeating: SIMD4(repeating: .infinity), count: chunks * 8)
        var largest = panels.largest
        for c in 0..<k {
            let q = c / 8, lane = c % 8
            for j in 0..<d {
                w[(q * d + j) * 8 + lane] = SIMD4(repeating: Float(-2 * centres[j * k + c]))
                largest = max(largest, abs(centres[j * k + c]))
            }
            n[c] = SIMD4(repeating: Float(doubleNorms[c]))
        }
        weights = w
        norms = n
        let m = Double(d) + 4, e = Double(d) + 1
        let single = m * 0x1p-24 / (1 - m * 0x1p-24), double = e * 0x1p-53 / (1 - e * 0x1p-53)
        alpha = Float(1.125 * 4 * (single + double))
        let maximum = doubleNorms.prefix(k).max() ?? 0
        offset = SIMD4(repeating: Float(maximum + 0x1p-100))
        usable = panels.usable && 4 * Double(d) * largest * largest <= 0x1p100 && Double(alpha) * 16 < 1
    }
}

extension KMeansLloyd {
    /// Labels rows `start..<end` with their nearest centre from single-precision
    /// distances ‖c‖² − 2x·c, four rows at a time (eight centres' sums in
    /// registers, column by column), and returns true if for every row the
    /// second smallest value exceeds the smallest by more than the margin
    /// α(‖x‖² + M) of `ScreenCentres`: then every label is the one Lloyd's
    /// double-precision step (`blockDistances` and `nearest`) gives. On the
    /// first row within the margin it stops and returns false; the caller then
    /// labels the block in double precision.
    static func screen(_ panels: UnsafePointer<SIMD4<Float>>, norms: UnsafePointer<SIMD4<Float>>, d: Int,
                       rows start: Int, _ end: Int, centres s: UnsafePointer<SIMD4<Float>>,
                       centreNorms: UnsafePointer<SIMD4<Float>>, chunks: Int, alpha: Float,
                       offset: SIMD4<Float>, labels: UnsafeMutablePointer<Int>) -> Bool {
        let inf = SIMD4<Float>(repeating: .infinity)
        for g in (start / 4)...((end - 1) / 4) {
            let x = panels + g * d
            var best = inf, second = inf, index = SIMD4<Int32>(repeating: 0)
            for q in 0..<chunks {
                let cn = centreNorms + q * 8
                var a0 = cn[0], a1 = cn[1], a2 = cn[2], a3 = cn[3], a4 = cn[4], a5 = cn[5], a6 = cn[6], a7 = cn[7]
                var w = s + q * d * 8
                for j in 0..<d {
                    let v = x[j]
                    a0 += v * w[0]; a1 += v * w[1]; a2 += v * w[2]; a3 += v * w[3]
                    a4 += v * w[4]; a5 += v * w[5]; a6 += v * w[6]; a7 += v * w[7]
                    w += 8
                }
                let base = Int32(q * 8)
                keepSmallest(a0, base, &best, &second, &index); keepSmallest(a1, base + 1, &best, &second, &index)
                keepSmallest(a2, base + 2, &best, &second, &index); keepSmallest(a3, base + 3, &best, &second, &index)
                keepSmallest(a4, base + 4, &best, &second, &index); keepSmallest(a5, base + 5, &best, &second, &index)
                keepSmallest(a6, base + 6, &best, &second, &index); keepSmallest(a7, base + 7, &best, &second, &index)
            }
            let close = (second - best) .<= alpha * (norms[g] + offset)
            for lane in 0..<4 {
                let i = g * 4 + lane
                guard i >= start, i < end else { continue }
                if close[lane] { return false }
                labels[i] = Int(index[lane])
            }
        }
        return true
    }

    /// Lane by lane: a value below `best` makes `best` the second and itself the
    /// best (index c); else a value below `second` becomes the second.
    @inline(__always)
    static func keepSmallest(_ a: SIMD4<Float>, _ c: Int32, _ best: inout SIMD4<Float>, _ second: inout SIMD4<Float>,
                             _ index: inout SIMD4<Int32>) {
        let lower = a .< best
        second = second.replacing(with: best, where: lower).replacing(with: a, where: .!lower .& (a .< second))
        best = best.replacing(with: a, where: lower)
        index = index.replacing(with: SIMD4(repeating: c), where: lower)
    }
}
