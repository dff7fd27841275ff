import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

@Suite struct KMeansDataTests {
    @Test func centredRowMajorWithNormsAndVariance() throws {
        let x = kmeansBlobs([[3, -2, 100], [7, 1, 90]], perBlob: 2000, sd: 1.5, seed: 31)
        let data = KMeansData(x, weights: nil)
        #expect(data.isFinite)
        let n = x.rows, d = x.columns
        var variance = 0.0
        for j in 0..<d {
            let column = (0..<n).map { x[$0, j] }
            let mean = column.reduce(0, +) / Double(n)
            #expect(abs(data.mean[j] - mean) <= 1e-12 * max(1, abs(mean)))
            variance += column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)
            for i in stride(from: 0, to: n, by: 97) {
                #expect(abs(data.x[i * d + j] - (x[i, j] - mean)) <= 1e-12 * max(1, abs(mean)))
            }
        }
        #expect(abs(data.meanVariance - variance / Double(d)) <= 1e-12 * variance)
        for i in stride(from: 0, to: n, by: 89) {
            let norm = data.row(i).map { $0 * $0 }.reduce(0, +)
            #expect(abs(data.rowNorms[i] - norm) <= 1e-12 * max(1, norm))
        }
    }

    @Test func nonFiniteValuesAreFlagged() throws {
        var rows = (0..<3000).map { [Double($0 % 7), Double($0 % 5)] }
        rows[2500][1] = .nan
        #expect(!KMeansData(try Matrix(rowArrays: rows), weights: nil).isFinite)
        rows[2500][1] = .infinity
        #expect(!KMeansData(try Matrix(rowArrays: rows), weights: nil).isFinite)
        #expect(throws: ModelError.self) { try KMeans(k: 2).fit(try Matrix(rowArrays: rows)) }
    }
}
