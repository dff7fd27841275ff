import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

/// FeatureScaling and ClusterQuality against scikit-learn (Fixtures/segments/make_reference.py).
@Suite struct SegmentsReferenceTests {
    let json: [String: Any]
    let x: Matrix
    let labels: [Int]
    let names = ["x", "y", "amount", "constant"]

    init() throws {
        let url = try #require(Bundle.module.url(forResource: "reference", withExtension: "json", subdirectory: "Fixtures/segments"))
        json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        x = try Matrix(rowArrays: json["X"] as? [[Double]] ?? [])
        labels = json["labels"] as? [Int] ?? []
    }

    func close(_ a: [Double], _ b: [Double], _ tolerance: Double) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
    }

    @Test func scalersMatchScikitLearn() throws {
        for (method, key) in [(FeatureScaling.Method.zScore, "zscore"), (.robust, "robust")] {
            let s = try FeatureScaling(fitting: x, names: names, method: method, log: ["amount"])
            let ref = try #require(json[key] as? [String: [Double]])
            #expect(close(s.centres, ref["centres"] ?? [], 1e-12), "\(key) centres")
            #expect(close(s.scales, ref["scales"] ?? [], 1e-12), "\(key) scales")
            #expect(s.constantColumns == ["constant"])
            // Back and forth gives the data again; the constant column scales to 0.
            let scaled = try s.transform(x)
            #expect(scaled.column(3).allSatisfy { $0 == 0 })
            #expect(close(try s.inverse(scaled).storage, x.storage, 1e-12))
        }
        let none = try FeatureScaling(fitting: x, names: names, method: .none)
        #expect(try none.transform(x) == x)
    }

    @Test func qualityIndicesMatchScikitLearn() throws {
        let xy = x.selectingColumns([0, 1])
        let s = try ClusterQuality.silhouette(xy, labels: labels)
        #expect(abs(s - (json["silhouette"] as? Double ?? .nan)) < 1e-12)
        let ch = try ClusterQuality.calinskiHarabasz(xy, labels: labels)
        #expect(abs(ch - (json["calinski_harabasz"] as? Double ?? .nan)) / ch < 1e-12)
    }

    @Test func adjustedRandIndexMatchesScikitLearn() throws {
        let ari = try #require(json["ari"] as? [String: Any])
        let a = try #require(ari["a"] as? [Int]), b = try #require(ari["b"] as? [Int])
        #expect(abs(try ClusterQuality.adjustedRandIndex(a, b) - (ari["value"] as? Double ?? .nan)) < 1e-12)
        // Renaming the labels changes nothing; one cluster each side is trivially the same partition.
        #expect(try ClusterQuality.adjustedRandIndex([0, 0, 1, 1, 2], [7, 7, -1, -1, 3]) == 1)
        #expect(try ClusterQuality.adjustedRandIndex([1, 1, 1], [0, 0, 0]) == 1)
        #expect(throws: ModelError.invalidArgument("3 labels against 2")) { try ClusterQuality.adjustedRandIndex([0, 1, 1], [0, 1]) }
    }

    @Test func errorsSayWhat() throws {
        #expect(throws: ModelError.invalidArgument("the index needs between 2 and 2 clusters; the labels have 1")) {
            try ClusterQuality.silhouette(Matrix(rowArrays: [[0], [1], [2]]), labels: [0, 0, 0])
        }
        #expect(throws: ModelError.invalidArgument("2 labels for 3 rows")) {
            try ClusterQuality.calinskiHarabasz(Matrix(rowArrays: [[0], [1], [2]]), labels: [0, 1])
        }
        #expect(throws: ModelError.invalidArgument("log transform of 'amt', which is not a column (columns: a)")) {
            try FeatureScaling(fitting: Matrix(rowArrays: [[1], [2]]), names: ["a"], method: .zScore, log: ["amt"])
        }
        #expect(throws: ModelError.nonFinite(column: "a", row: 1, value: .infinity)) {
            try FeatureScaling(fitting: Matrix(rowArrays: [[1], [.infinity]]), names: ["a"], method: .zScore)
        }
    }

    @Test func singletonsHaveSilhouetteZeroAndHandExample() throws {
        // Two tight pairs far apart: a = 1, b ≈ 10 → s ≈ 0.9 for each row.
        let m = try Matrix(rowArrays: [[0], [1], [10], [11]])
        let s = try ClusterQuality.silhouette(m, labels: [0, 0, 1, 1])
        // Row 0: a = 1, b = (10 + 11)/2 = 10.5 → 0.9048; row 1: a = 1, b = 9.5 → 0.8947 (symmetric for 2, 3).
        #expect(abs(s - (2 * (1 - 1 / 10.5) + 2 * (1 - 1 / 9.5)) / 4) < 1e-12)
        let single = try ClusterQuality.silhouette(Matrix(rowArrays: [[0], [1], [10]]), labels: [0, 0, 1])
        #expect(abs(single - ((1 - 1 / 10.0) + (1 - 1 / 9.0) + 0) / 3) < 1e-12)
    }
}
