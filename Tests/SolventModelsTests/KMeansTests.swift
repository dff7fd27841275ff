import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

/// Seeded Gaussian blobs: `perBlob` rows around each of `centres`, sd `sd`.
func kmeansBlobs(_ centres: [[Double]], perBlob: Int, sd: Double, seed: UInt64) -> Matrix {
    var g = Xoshiro256StarStar(seed: seed)
    var rows: [[Double]] = []
    for c in centres {
        for _ in 0..<perBlob { rows.append(c.map { $0 + g.normal(sd: sd) }) }
    }
    return try! Matrix(rowArrays: rows)
}

@Suite struct KMeansTests {
    static let blobCentres: [[Double]] = [[0, 0], [10, 10], [-10, 10], [10, -10]]

    @Test func findsWellSeparatedBlobsExactly() throws {
        let x = kmeansBlobs(Self.blobCentres, perBlob: 50, sd: 0.5, seed: 1)
        let model = try KMeans(k: 4, seed: 7).fit(x)
        #expect(model.converged)
        #expect(model.warnings.isEmpty)
        // Every blob is one cluster, and each centre is its blob's mean.
        for b in 0..<4 {
            let labels = Set(model.labels[(b * 50)..<(b * 50 + 50)])
            #expect(labels.count == 1)
            let c = labels.first!
            for j in 0..<2 {
                let mean = (0..<50).map { x[b * 50 + $0, j] }.reduce(0, +) / 50
                #expect(abs(model.centres[c, j] - mean) < 1e-12)
                #expect(abs(model.centres[c, j] - Self.blobCentres[b][j]) < 0.3)
            }
        }
        #expect(Set(model.labels).count == 4)
        let predicted = try model.predict(x)
        #expect(predicted.labels == model.labels)
        let inertia = predicted.distances.map { $0 * $0 }.reduce(0, +)
        #expect(abs(inertia - model.inertia) <= 1e-10 * model.inertia)
    }

    @Test func sameSeedSameModelAndInputUntouched() throws {
        let x = kmeansBlobs(Self.blobCentres, perBlob: 300, sd: 4, seed: 2)
        let copy = x
        let settings = KMeans(k: 5, nInit: 3, seed: 11)
        let a = try settings.fit(x), b = try settings.fit(x)
        #expect(a == b)
        #expect(x == copy)
        let other = try KMeans(k: 5, nInit: 3, seed: 12).fit(x)
        #expect(other.inertia > 0)
    }

    @Test func oneAndTwoBLASThreadsGiveIdenticalModels() throws {
        let x = kmeansBlobs(Self.blobCentres, perBlob: 1500, sd: 5, seed: 3)
        let before = BLAS.threadCount
        defer { BLAS.setThreadCount(before) }
        for algorithm in KMeans.Algorithm.allCases {
            let settings = KMeans(k: 6, nInit: 2, seed: 5, algorithm: algorithm)
            BLAS.setThreadCount(1)
            let one = try settings.fit(x)
            BLAS.setThreadCount(2)
            let two = try settings.fit(x)
            #expect(one == two)
        }
    }

    @Test func weightsEqualRepetition() throws {
        let base = kmeansBlobs(Self.blobCentres, perBlob: 40, sd: 3, seed: 4)
        var g = Xoshiro256StarStar(seed: 9)
        let counts = (0..<base.rows).map { _ in g.integer(in: 1...3) }
        var repeated: [[Double]] = []
        for i in 0..<base.rows { for _ in 0..<counts[i] { repeated.append(base.row(i)) } }
        let start = try Matrix(rowArrays: [base.row(0), base.row(45), base.row(90), base.row(130)])
        let weighted = try KMeans(k: 4).fit(base, weights: counts.map(Double.init), initialCentres: start)
        let plain = try KMeans(k: 4).fit(try Matrix(rowArrays: repeated), initialCentres: start)
        #expect(weighted.iterations == plain.iterations)
        #expect(abs(weighted.inertia - plain.inertia) <= 1e-10 * plain.inertia)
        for m in 0..<weighted.centres.storage.count {
            #expect(abs(weighted.centres.storage[m] - plain.centres.storage[m]) <= 1e-10)
        }
        // Seeded k-means++ draws the same rows too.
        let seededW = try KMeans(k: 4, seed: 3).fit(base, weights: counts.map(Double.init))
        let seededR = try KMeans(k: 4, seed: 3).fit(try Matrix(rowArrays: repeated))
        #expect(abs(seededW.inertia - seededR.inertia) <= 1e-10 * seededR.inertia)
    }

    @Test func rowOrderDoesNotMatterFromTheSameCentres() throws {
        let x = kmeansBlobs(Self.blobCentres, perBlob: 60, sd: 4, seed: 12)
        var g = Xoshiro256StarStar(seed: 13)
        let order = Array(0..<x.rows).shuffled(using: &g)
        let start = try Matrix(rowArrays: [x.row(0), x.row(1), x.row(2), x.row(3), x.row(4)])
        let a = try KMeans(k: 5, tolerance: 0).fit(x, initialCentres: start)
        let b = try KMeans(k: 5, tolerance: 0).fit(x.selectingRows(order), initialCentres: start)
        #expect(order.map { a.labels[$0] } == b.labels)
        #expect(abs(a.inertia - b.inertia) <= 1e-12 * a.inertia)
        for m in 0..<a.centres.storage.count {
            #expect(abs(a.centres.storage[m] - b.centres.storage[m]) <= 1e-12 * max(1, abs(a.centres.storage[m])))
        }
    }

    @Test func emptyClusterTakesTheFarthestPoint() throws {
        // Centre 2 sits far from every row: after the first assignment it is
        // empty and takes the row farthest from its centre (row 5 at 20).
        let x = try Matrix(rowArrays: [[0], [1], [2], [10], [11], [20]])
        let start = try Matrix(rowArrays: [[1], [11], [1000]])
        let model = try KMeans(k: 3).fit(x, initialCentres: start)
        let centres = (0..<3).map { model.centres[$0, 0] }
        #expect(centres == [1, 10.5, 20])
        #expect(model.labels == [0, 0, 0, 1, 1, 2])
        #expect(abs(model.inertia - 2.5) < 1e-12)
    }

    @Test func duplicatePointsWithTooLargeKWarnAndStayFinite() throws {
        let x = try Matrix(rowArrays: [[1, 1], [1, 1], [1, 1], [5, 5], [5, 5]])
        for algorithm in KMeans.Algorithm.allCases {
            let model = try KMeans(k: 4, nInit: 2, seed: 1, algorithm: algorithm).fit(x)
            #expect(model.warnings.contains { $0.contains("only 2 distinct points") })
            #expect(model.centres.storage.allSatisfy { $0.isFinite })
            #expect(model.inertia == 0)
        }
    }

    @Test func codableDropsLabels() throws {
        let x = kmeansBlobs(Self.blobCentres, perBlob: 20, sd: 1, seed: 6)
        let model = try KMeans(k: 4, seed: 2).fit(x)
        let back = try JSONDecoder().decode(KMeansModel.self, from: JSONEncoder().encode(model))
        #expect(back.labels.isEmpty)
        #expect(back.centres == model.centres && back.inertia == model.inertia && back.settings == model.settings)
        #expect(try back.predict(x).labels == model.labels)
    }
}
