import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

/// The single-precision screen of Lloyd's step gives exactly the labels of the
/// double-precision step, on data built to sit on and near the boundaries
/// between centres.
@Suite struct KMeansScreenTests {
    /// d-dimensional standard normal rows, n of them.
    private func noise(rows n: Int, columns d: Int, seed: UInt64) -> Matrix {
        var g = Xoshiro256StarStar(seed: seed)
        return try! Matrix(rowArrays: (0..<n).map { _ in (0..<d).map { _ in g.normal(sd: 1) } })
    }

    /// Rows on the bisecting plane of two centres ±e₁ (first value 0 before
    /// centring) and off it by ±10⁻ᵐ, m = 1…16, the other values random.
    private func nearTies(rows n: Int, columns d: Int, seed: UInt64) -> Matrix {
        var g = Xoshiro256StarStar(seed: seed)
        var offsets: [Double] = [0]
        for m in 1...16 {
            let e = Foundation.pow(10.0, -Double(m))
            offsets += [e, -e]
        }
        var rows: [[Double]] = []
        for i in 0..<n {
            var row = [offsets[i % offsets.count]]
            for _ in 1..<d { row.append(g.normal(sd: 1)) }
            rows.append(row)
        }
        return try! Matrix(rowArrays: rows)
    }

    private func labels(_ data: KMeansData, centres: [Double], k: Int, screened: Bool) -> ([Int], ClusterSums) {
        var labels = [Int](repeating: -1, count: data.rows)
        var totals = ClusterTotals(k: k, columns: data.columns)
        let sums = KMeansLloyd.assign(data, centres: centres, k: k, labels: &labels, totals: &totals, screened: screened)
        return (labels, sums)
    }

    @Test func nearTiesGetTheDoublePrecisionLabels() throws {
        // 4099 rows: two spans, the second starting inside a group of four.
        let data = KMeansData(nearTies(rows: 4099, columns: 6, seed: 3), weights: nil)
        let d = data.columns, k = 3
        // Centres ±e₁ (in the data's centred units) and a third far off, column-major.
        var centres = [Double](repeating: 0, count: k * d)
        centres[0] = 1 - data.mean[0]; centres[1] = -1 - data.mean[0]; centres[2] = 40
        for j in 1..<d { centres[j * k] = -data.mean[j]; centres[j * k + 1] = -data.mean[j]; centres[j * k + 2] = 3 }
        let (screened, a) = labels(data, centres: centres, k: k, screened: true)
        let (exact, b) = labels(data, centres: centres, k: k, screened: false)
        #expect(screened == exact)
        #expect(a.sums == b.sums && a.weight == b.weight && a.changed == b.changed)
        #expect(Set(exact) == [0, 1])
    }

    @Test func screenDeclinesATieAndKeepsClearRows() throws {
        let data = KMeansData(try Matrix(rowArrays: [[0, 1], [0.5, 1], [-0.5, 2], [3, 0], [0.1, 0]]), weights: nil)
        let k = 2, d = 2
        // Centres (−1, 0) and (1, 0) in original units: row 0 is equidistant from both.
        var centres = [-1 - data.mean[0], 1 - data.mean[0], -data.mean[1], -data.mean[1]]
        let pattern = KMeansLloyd.normPattern(centres, k: k, d: d)
        let screen = ScreenCentres(centres: centres, norms: pattern, k: k, d: d, panels: data.panels)
        #expect(screen.usable)
        var out = [Int](repeating: -1, count: data.rows)
        func run(_ start: Int, _ end: Int) -> Bool {
            data.panels.values.withUnsafeBufferPointer { v in data.panels.norms.withUnsafeBufferPointer { n in
                screen.weights.withUnsafeBufferPointer { w in screen.norms.withUnsafeBufferPointer { c in
                    out.withUnsafeMutableBufferPointer { o in
                        KMeansLloyd.screen(v.baseAddress!, norms: n.baseAddress!, d: d, rows: start, end,
                                           centres: w.baseAddress!, centreNorms: c.baseAddress!, chunks: screen.chunks,
                                           alpha: screen.alpha, offset: screen.offset, labels: o.baseAddress!)
                    }
                }}
            }}
        }
        #expect(!run(0, 5))          // row 0 is equidistant
        #expect(run(1, 5))           // rows 1–4 are clear, row 4 by 0.4
        #expect(out[1...] == [1, 0, 1, 1])
        centres[0] = 1e40            // values too large for Float: not screened
        #expect(!ScreenCentres(centres: centres, norms: KMeansLloyd.normPattern(centres, k: k, d: d), k: k, d: d,
                               panels: data.panels).usable)
    }

    @Test(arguments: [(8, 16), (3, 5), (11, 7), (1, 4)])
    func screenedRunEqualsTheDoublePrecisionRun(_ k: Int, _ d: Int) throws {
        // Noise: no structure, many rows near boundaries, many iterations.
        let data = KMeansData(noise(rows: 6001, columns: d, seed: UInt64(10 * k + d)), weights: nil)
        var g = Xoshiro256StarStar(seed: 5)
        let start = KMeansSeeding.greedyPlusPlus(data, k: k, generator: &g)
        let tol = 1e-6 * data.meanVariance
        let screened = KMeansRun(data: data, algorithm: .lloyd, maxIterations: 300, tolerance: tol).run(from: start)
        let exact = KMeansRun(data: data, algorithm: .lloyd, maxIterations: 300, tolerance: tol, screened: false)
            .run(from: start)
        #expect(screened.labels == exact.labels)
        #expect(screened.centres == exact.centres)
        #expect(screened.iterations == exact.iterations)
        #expect(screened.inertia == exact.inertia)
    }

    @Test func hugeValuesFallBackToDoublePrecision() throws {
        let x = try Matrix(rowArrays: (0..<64).map { [Double($0) * 1e30, Double($0 % 7)] })
        let data = KMeansData(x, weights: nil)
        #expect(!data.panels.usable)
        let model = try KMeans(k: 3, seed: 1).fit(x)
        #expect(model.converged)
    }
}
