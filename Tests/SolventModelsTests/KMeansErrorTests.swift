import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

@Suite struct KMeansErrorTests {
    let x = try! Matrix(rowArrays: [[0, 1], [2, 3], [4, 5]])

    private func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let error as ModelError { return error.description } catch {
            return "not a ModelError: \(error)"
        }
    }

    @Test func kOutsideOneToRows() {
        #expect(message { _ = try KMeans(k: 0).fit(x) } == "invalid argument: k = 0 must be between 1 and the number of rows (3)")
        #expect(message { _ = try KMeans(k: 4).fit(x) } == "invalid argument: k = 4 must be between 1 and the number of rows (3)")
    }

    @Test func emptyData() {
        #expect(message { _ = try KMeans(k: 1).fit(Matrix(rows: 0, columns: 2)) }
                == "not enough data: k-means needs at least one row and one column; got 0 × 2")
        #expect(message { _ = try KMeans(k: 1).fit(Matrix(rows: 3, columns: 0)) } != nil)
    }

    @Test func nonFiniteNamesColumnAndRow() throws {
        let bad = try Matrix(rowArrays: [[0, 1], [2, .nan], [4, 5]])
        #expect(message { _ = try KMeans(k: 2).fit(bad) } == "non-finite value nan in column 'x2' at row 2")
        let inf = try Matrix(rowArrays: [[0, 1], [2, 3], [-.infinity, 5]])
        #expect(message { _ = try KMeans(k: 2).fit(inf, columnNames: ["days_late", "spread"]) }
                == "non-finite value -inf in column 'days_late' at row 3")
    }

    @Test func badWeights() {
        #expect(message { _ = try KMeans(k: 2).fit(x, weights: [1, 1]) } == "bad weights: 2 weights for 3 rows")
        #expect(message { _ = try KMeans(k: 2).fit(x, weights: [1, -1, 1]) }
                == "bad weights: weight -1.0 at row 2 must be finite and ≥ 0")
        #expect(message { _ = try KMeans(k: 2).fit(x, weights: [1, .nan, 1]) }
                == "bad weights: weight nan at row 2 must be finite and ≥ 0")
        #expect(message { _ = try KMeans(k: 2).fit(x, weights: [0, 0, 0]) } == "bad weights: all weights are 0")
    }

    @Test func badSettings() {
        #expect(message { _ = try KMeans(k: 2, nInit: 0).fit(x) } == "invalid argument: nInit = 0 must be ≥ 1")
        #expect(message { _ = try KMeans(k: 2, maxIterations: 0).fit(x) }
                == "invalid argument: maxIterations = 0 must be ≥ 1")
        #expect(message { _ = try KMeans(k: 2, tolerance: -1).fit(x) }
                == "invalid argument: tolerance = -1.0 must be finite and ≥ 0")
    }

    @Test func badInitialCentres() throws {
        let wrong = try Matrix(rowArrays: [[0, 0]])
        #expect(message { _ = try KMeans(k: 2).fit(x, initialCentres: wrong) }
                == "invalid argument: initial centres are 1 × 2; k × columns is 2 × 2")
        let nan = try Matrix(rowArrays: [[0, 0], [.nan, 1]])
        #expect(message { _ = try KMeans(k: 2).fit(x, initialCentres: nan) }
                == "invalid argument: initial centre 2 has nan in column 'x1'")
    }

    @Test func predictChecksColumnsAndValues() throws {
        let model = try KMeans(k: 2, seed: 1).fit(x)
        #expect(message { _ = try model.predict(Matrix(rows: 2, columns: 3)) }
                == "invalid argument: the data have 3 columns; the model has 2")
        let bad = try Matrix(rowArrays: [[0, .infinity]])
        #expect(message { _ = try model.predict(bad) } == "non-finite value inf in column 'x2' at row 1")
    }
}
