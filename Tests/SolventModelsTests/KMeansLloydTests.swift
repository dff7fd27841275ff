import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

@Suite struct KMeansLloydTests {
    /// Σ wᵢ xᵢ per label, directly, k × d column-major, and the weights.
    private func directSums(_ data: KMeansData, labels: [Int], k: Int) -> ([Double], [Double]) {
        let d = data.columns
        var sums = [Double](repeating: 0, count: k * d), weight = [Double](repeating: 0, count: k)
        for i in 0..<data.rows {
            weight[labels[i]] += data.weights[i]
            for j in 0..<d { sums[j * k + labels[i]] += data.weights[i] * data.x[i * d + j] }
        }
        return (sums, weight)
    }

    @Test func sumsKeptUpToDateEqualSumsFromScratch() throws {
        let x = kmeansBlobs([[0, 0, 0], [4, 1, 0], [1, 4, 2], [3, 3, 3]], perBlob: 1500, sd: 2, seed: 41)
        var g = Xoshiro256StarStar(seed: 42)
        let weights = (0..<x.rows).map { _ in g.nextUnitDouble() * 3 }
        let data = KMeansData(x, weights: weights)
        let k = 5, d = data.columns
        var centres = KMeansSeeding.greedyPlusPlus(data, k: k, generator: &g)
        var labels = [Int](repeating: -1, count: data.rows)
        var totals = ClusterTotals(k: k, columns: d)
        for iteration in 0..<6 {
            let sums = KMeansLloyd.assign(data, centres: centres, k: k, labels: &labels, totals: &totals)
            if iteration == 0 { #expect(sums.changed == data.rows) }
            let (direct, weight) = directSums(data, labels: labels, k: k)
            for m in 0..<(k * d) { #expect(abs(sums.sums[m] - direct[m]) <= 1e-12 * max(1, abs(direct[m]))) }
            for c in 0..<k {
                #expect(abs(sums.weight[c] - weight[c]) <= 1e-12 * weight[c])
                for j in 0..<d where sums.weight[c] > 0 { centres[j * k + c] = sums.sums[j * k + c] / sums.weight[c] }
            }
        }
    }

    @Test func aClusterLeftEmptyHasExactlyZeroWeightAndSums() throws {
        var totals = ClusterTotals(k: 2, columns: 1)
        let data = KMeansData(try Matrix(rowArrays: (0..<4096).map { [Double($0) * 0.1] }),
                              weights: (0..<4096).map { 0.3 + Double($0 % 3) * 0.7 })
        var labels = [Int](repeating: -1, count: 4096)
        // All rows to centre 0, then all to centre 1: cluster 0 is empty again.
        _ = KMeansLloyd.assign(data, centres: [0, 1e9], k: 2, labels: &labels, totals: &totals)
        let after = KMeansLloyd.assign(data, centres: [1e9, 0], k: 2, labels: &labels, totals: &totals)
        #expect(after.changed == 4096)
        #expect(after.weight[0] == 0 && after.sums[0] == 0)
        #expect(abs(after.weight[1] - data.weights.reduce(0, +)) <= 1e-12 * after.weight[1])
    }

    @Test func nearestIsTheFirstSmallest() {
        var values: [Double] = [3, 1, 2, 1, 5]
        values.withUnsafeMutableBufferPointer { p in
            let r = KMeansLloyd.nearest(p.baseAddress!, 5)
            #expect(r.index == 1 && r.value == 1)
        }
    }
}
