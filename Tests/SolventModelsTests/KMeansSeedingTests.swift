import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

@Suite struct KMeansSeedingTests {
    private func centreRows(_ centres: [Double], k: Int, d: Int) -> [[Double]] {
        (0..<k).map { c in (0..<d).map { centres[$0 * k + c] } }
    }

    @Test func onePerWellSeparatedBlobFromDataRows() throws {
        let blobs: [[Double]] = [[0, 0], [100, 0], [0, 100], [100, 100], [50, 50]]
        let x = kmeansBlobs(blobs, perBlob: 30, sd: 1, seed: 8)
        let data = KMeansData(x, weights: nil)
        for seed: UInt64 in 0..<5 {
            var g = Xoshiro256StarStar(seed: seed)
            let rows = centreRows(KMeansSeeding.greedyPlusPlus(data, k: 5, generator: &g), k: 5, d: 2)
            let centred = (0..<x.rows).map(data.row)
            #expect(rows.allSatisfy { centred.contains($0) })
            let blobOf = rows.map { r in centred.firstIndex(of: r)! / 30 }
            #expect(Set(blobOf).count == 5)
        }
    }

    @Test func drawsAFixedNumberOfUniformsAndNeverZeroWeightRows() throws {
        let x = kmeansBlobs([[0, 0], [20, 20]], perBlob: 40, sd: 2, seed: 3)
        let weights = (0..<80).map { $0 % 2 == 0 ? 1.0 : 0.0 }
        let data = KMeansData(x, weights: weights)
        var g = Xoshiro256StarStar(seed: 4)
        let k = 6
        let centres = centreRows(KMeansSeeding.greedyPlusPlus(data, k: k, generator: &g), k: k, d: 2)
        for c in centres {
            let i = (0..<80).first { data.row($0) == c }!
            #expect(weights[i] == 1)
        }
        var h = Xoshiro256StarStar(seed: 4)
        for _ in 0..<(1 + (k - 1) * (2 + Int(Foundation.log(Double(k))))) { _ = h.nextUnitDouble() }
        #expect(g == h)
    }
}
