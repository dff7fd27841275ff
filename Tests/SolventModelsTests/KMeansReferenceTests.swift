import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

/// Agreement with scikit-learn `KMeans(init=array, n_init=1, algorithm="lloyd")`
/// on seeded blobs (`Fixtures/kmeans/make_reference.py`, versions in the JSON):
/// centres and inertia to 1e-10 relative, labels and iteration counts exactly.
@Suite struct KMeansReferenceTests {
    struct Reference: Decodable {
        struct Case: Decodable {
            let name: String, weighted: Bool
            let `init`: [[Double]], centres: [[Double]]
            let inertia: Double, labels: [Int], iterations: Int
        }
        let k: Int, x: [[Double]], weights: [Double], cases: [Case]
    }

    static let reference: Reference = {
        guard let url = Bundle.module.url(forResource: "reference", withExtension: "json",
                                          subdirectory: "Fixtures/kmeans"),
              let data = try? Data(contentsOf: url),
              let r = try? JSONDecoder().decode(Reference.self, from: data) else {
            fatalError("kmeans/reference.json missing or not decodable")
        }
        return r
    }()

    @Test(arguments: KMeans.Algorithm.allCases)
    func matchesScikitLearnFromTheSameCentres(_ algorithm: KMeans.Algorithm) throws {
        let r = Self.reference
        let x = try Matrix(rowArrays: r.x)
        #expect(r.cases.count == 4)
        for c in r.cases {
            let model = try KMeans(k: r.k, algorithm: algorithm)
                .fit(x, weights: c.weighted ? r.weights : nil, initialCentres: Matrix(rowArrays: c.`init`))
            #expect(model.converged, "\(c.name)")
            #expect(model.iterations == c.iterations, "\(c.name)")
            #expect(model.labels == c.labels, "\(c.name)")
            #expect(abs(model.inertia - c.inertia) <= 1e-10 * c.inertia, "\(c.name): \(model.inertia) vs \(c.inertia)")
            for (i, row) in c.centres.enumerated() {
                for (j, v) in row.enumerated() {
                    #expect(abs(model.centres[i, j] - v) <= 1e-10 * max(1, abs(v)), "\(c.name) centre \(i),\(j)")
                }
            }
        }
    }
}
