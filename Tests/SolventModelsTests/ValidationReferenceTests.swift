import Foundation
import Testing
@testable import SolventModels

/// Agreement with `Fixtures/validation/reference.json` (scikit-learn, scipy and
/// numpy; see `make_reference.py`) on 3,000 rows with tied scores, to 1e-12.
@Suite struct ValidationReferenceTests {
    struct Reference: Decodable {
        struct Data: Decodable {
            let labels: [Int], probabilities: [Double], weights: [Double]
            let recentProbabilities: [Double]
            let csiExpected: [String], csiActual: [String]
        }
        struct Group: Decodable {
            let group: Int, rows: Int, weight: Double, minPredicted: Double, maxPredicted: Double
            let meanPredicted: Double, observedRate: Double, expected: Double, observed: Double
        }
        struct HosmerLemeshow: Decodable {
            let statistic: Double, df: Int, pValue: Double, groupsUsed: Int, table: [Group]
        }
        struct Metrics: Decodable {
            let auc: Double, gini: Double, ks: Double, ksThreshold: Double, brier: Double, logLoss: Double
            let positives: Double, rows: Int, hosmerLemeshow: HosmerLemeshow
        }
        struct Shares: Decodable {
            let expectedShare: [Double], actualShare: [Double], contribution: [Double], total: Double
            let cuts: [Double]?, expectedCounts: [Int]?, actualCounts: [Int]?, labels: [String]?
        }
        let groups: Int, psiBins: Int, shareFloor: Double
        let data: Data
        let unweighted: Metrics, weighted: Metrics
        let psi: Shares, csi: Shares
    }

    static let reference: Reference = {
        guard let url = Bundle.module.url(forResource: "reference", withExtension: "json",
                                          subdirectory: "Fixtures/validation"),
              let data = try? Foundation.Data(contentsOf: url) else {
            fatalError("validation/reference.json missing from the test bundle")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do { return try decoder.decode(Reference.self, from: data) } catch {
            fatalError("validation/reference.json does not decode: \(error)")
        }
    }()

    /// |a − b| ≤ 1e-12 · max(1, |b|).
    private func close(_ a: Double, _ b: Double, _ what: String) {
        #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "\(what): \(a) vs reference \(b)")
    }

    private func check(_ v: BinaryValidation, against r: Reference.Metrics) {
        close(v.auc, r.auc, "AUC")
        close(v.gini, r.gini, "Gini")
        close(v.ks, r.ks, "KS")
        #expect(v.ksThreshold == r.ksThreshold)
        close(v.brier, r.brier, "Brier")
        close(v.logLoss, r.logLoss, "log-loss")
        close(v.positives, r.positives, "positives")
        #expect(v.rows == r.rows)
        let hl = v.hosmerLemeshow
        close(hl?.statistic ?? .nan, r.hosmerLemeshow.statistic, "HL statistic")
        close(hl?.pValue ?? .nan, r.hosmerLemeshow.pValue, "HL p-value")
        #expect(hl?.degreesOfFreedom == r.hosmerLemeshow.df)
        #expect(hl?.groupsUsed == r.hosmerLemeshow.groupsUsed)
        #expect(v.calibration.count == r.hosmerLemeshow.table.count)
        for (g, e) in zip(v.calibration, r.hosmerLemeshow.table) {
            #expect(g.group == e.group && g.rows == e.rows)
            #expect(g.minPredicted == e.minPredicted && g.maxPredicted == e.maxPredicted)
            close(g.weight, e.weight, "group \(e.group) weight")
            close(g.expectedPositives, e.expected, "group \(e.group) expected")
            close(g.observedPositives, e.observed, "group \(e.group) observed")
            close(g.meanPredicted, e.meanPredicted, "group \(e.group) mean predicted")
            close(g.observedRate, e.observedRate, "group \(e.group) observed rate")
        }
    }

    @Test func unweightedMetricsAgreeWithScikitLearnScipyAndNumpy() throws {
        let r = Self.reference
        #expect(r.data.labels.count == 3000)
        #expect(Set(r.data.probabilities).count < 1000)            // ties
        let v = try BinaryValidation(labels: r.data.labels, probabilities: r.data.probabilities, groups: r.groups)
        check(v, against: r.unweighted)
    }

    @Test func weightedMetricsAgreeWithScikitLearnAndNumpy() throws {
        let r = Self.reference
        #expect(r.data.weights.contains(0))
        let v = try BinaryValidation(labels: r.data.labels, probabilities: r.data.probabilities,
                                     weights: r.data.weights, groups: r.groups)
        check(v, against: r.weighted)
    }

    private func check(_ s: StabilityIndex, against r: Reference.Shares) {
        #expect(s.bins.count == r.expectedShare.count)
        for (i, bin) in s.bins.enumerated() {
            close(bin.expectedShare, r.expectedShare[i], "expected share \(i)")
            close(bin.actualShare, r.actualShare[i], "actual share \(i)")
            close(bin.contribution, r.contribution[i], "contribution \(i)")
        }
        close(s.total, r.total, "total")
    }

    @Test func psiAgreesWithNumpy() throws {
        let r = Self.reference
        #expect(StabilityIndex.shareFloor == r.shareFloor)
        let s = try StabilityIndex.population(expected: r.data.probabilities, actual: r.data.recentProbabilities,
                                              bins: r.psiBins)
        #expect(s.bins.compactMap(\.upper) == r.psi.cuts)
        #expect(s.bins.map(\.expectedCount) == r.psi.expectedCounts)
        #expect(s.bins.map(\.actualCount) == r.psi.actualCounts)
        check(s, against: r.psi)
        #expect(s.stability == .monitor)
    }

    @Test func csiAgreesWithNumpy() throws {
        let r = Self.reference
        let s = try StabilityIndex.characteristic(expected: r.data.csiExpected, actual: r.data.csiActual)
        #expect(s.bins.map(\.label) == r.csi.labels)
        check(s, against: r.csi)
        #expect(s.stability == .stable)
    }
}
