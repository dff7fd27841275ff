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
        var candidate = [Double](repeating: 0, count: n)
        var bestDistances = [Double](repeating: 0, count: n)
        for c in 1..<max(k, 1) {
            running = 0
            for i in 0..<n { running += data.weights[i] * closest[i]; cumulative[i] = running }
            var bestPotential = Double.infinity, bestRow = 0
            for _ in 0..<trials {
                let row = running > 0 ? draw(generator.nextUnitDouble() * running, cumulative)
                                      : drawUniform(&generator, n)
                candidate = squaredDistances(data, to: row)
                var potential = 0.0
                for i in 0..<n {
                    candidate[i] = min(candidate[i], closest[i])
                    potential += data.weights[i] * candidate[i]
                }
                if potential < bestPotential {
                    bestPotential = potential
                    bestRow = row
                    swap(&bestDistances, &candidate)
                }
            }
            setCentre(c, row: bestRow)
            swap(&closest, &bestDistances)
        }
        return centres
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
