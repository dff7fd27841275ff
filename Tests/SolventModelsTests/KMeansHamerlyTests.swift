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
