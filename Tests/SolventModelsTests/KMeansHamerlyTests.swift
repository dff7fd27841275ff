import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

@Suite struct KMeansHamerlyTests {
    @Test func hamerlyEqualsLloydFromTheSameSeeds() throws {
        let x = kmeansBlobs([[0, 0, 0], [6, 0, 2], [0, 6, -2], [5, 5, 5], [-4, 3, 1]],
                            perBlob: 800, sd: 2.5, seed: 21)
        for seed: UInt64 in [1, 2, 3] {
            let lloyd = try KMeans(k: 7, nInit: 2, tolerance: 0, seed: seed, algorithm: .lloyd).fit(x)
            let hamerly = try KMeans(k: 7, nInit: 2, tolerance: 0, seed: seed, algorithm: .hamerly).fit(x)
            #expect(lloyd.labels == hamerly.labels)
            #expect(lloyd.iterations == hamerly.iterations)
            #expect(lloyd.centres == hamerly.centres)
            #expect(abs(lloyd.inertia - hamerly.inertia) <= 1e-12 * lloyd.inertia)
        }
    }

    @Test func hamerlyHandlesOneCluster() throws {
        let x = kmeansBlobs([[1, 2]], perBlob: 30, sd: 1, seed: 4)
        let h = try KMeans(k: 1, algorithm: .hamerly).fit(x)
        let l = try KMeans(k: 1, algorithm: .lloyd).fit(x)
        #expect(h.centres == l.centres)
        #expect(h.labels.allSatisfy { $0 == 0 })
    }
}

@Suite struct KMeansHamerlyBoundsTests {
    @Test func firstPassBoundsHoldAndLabelsAreLloyds() throws {
        // Three blobs far from the centring mean, so ‖x‖² + ‖c‖² − 2x·c loses digits.
        let x = kmeansBlobs([[0, 0, 0], [1e4, 0, 0], [1e4 + 3, 1, 0], [1e4, 3, 2]], perBlob: 1200, sd: 1, seed: 51)
        let data = KMeansData(x, weights: nil)
        var g = Xoshiro256StarStar(seed: 52)
        let k = 4, d = data.columns
        let centres = KMeansSeeding.greedyPlusPlus(data, k: k, generator: &g)
        var bounds = HamerlyBounds(rows: data.rows)
        var labels = [Int](repeating: -1, count: data.rows), lloydLabels = labels
        var totals = ClusterTotals(k: k, columns: d), lloydTotals = totals
        _ = bounds.assign(data, centres: centres, k: k, labels: &labels, totals: &totals)
        _ = KMeansLloyd.assign(data, centres: centres, k: k, labels: &lloydLabels, totals: &lloydTotals)
        #expect(labels == lloydLabels)
        let rowCentres = rowMajorCentres(centres, k: k, d: d)
        data.x.withUnsafeBufferPointer { xp in
            rowCentres.withUnsafeBufferPointer { cp in
                for i in 0..<data.rows {
                    for c in 0..<k {
                        let distance = squaredDistance(xp.baseAddress! + i * d, cp.baseAddress! + c * d, d).squareRoot()
                        if c == labels[i] {
                            #expect(bounds.upper[i] >= distance)
                        } else {
                            #expect(bounds.lower[i] <= distance)
                        }
                    }
                }
            }
        }
    }
}
