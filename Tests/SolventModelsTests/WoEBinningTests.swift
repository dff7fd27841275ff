import Foundation
import SolventNumerics
import Testing
@testable import SolventModels

/// Rows from a count table: for each entry, `goods` rows labelled 0 and
/// `bads` rows labelled 1 with that value (shared by the scorecard tests).
func countRows<V>(_ table: [(V, goods: Int, bads: Int)]) -> (values: [V], labels: [Int]) {
    var values: [V] = [], labels: [Int] = []
    for (v, g, b) in table {
        values += Array(repeating: v, count: g + b)
        labels += Array(repeating: 0, count: g) + Array(repeating: 1, count: b)
    }
    return (values, labels)
}

/// The hand-worked table: G = B = 100, so shares are counts / 100.
///   x = 5:   40 goods, 10 bads → WoE ln 4,     IV 0.3 ln 4
///   x = 15:  30 goods, 20 bads → WoE ln 1.5,   IV 0.1 ln 1.5
///   x = 25:  10 goods, 30 bads → WoE ln(1/3),  IV 0.2 ln 3
///   missing: 20 goods, 40 bads → WoE ln(1/2),  IV 0.2 ln 2
let handTable: [(Double?, goods: Int, bads: Int)] = [(5, 40, 10), (15, 30, 20), (25, 10, 30), (nil, 20, 40)]

@Suite struct WoEBinningTests {
    @Test func handWorkedWoEAndIV() throws {
        let (x, y) = countRows(handTable)
        let b = try WoEBinning().fitNumeric(feature: "x", values: x, labels: y)
        #expect(b.bins.map(\.label) == ["[-inf, 15)", "[15, 25)", "[25, +inf)", "missing"])
        let woe = [log(4.0), log(1.5), log(1.0 / 3), log(0.5)]
        let iv = [0.3 * log(4.0), 0.1 * log(1.5), 0.2 * log(3.0), 0.2 * log(2.0)]
        for (k, bin) in b.bins.enumerated() {
            #expect(abs(bin.woe - woe[k]) < 1e-14)
            #expect(abs(bin.ivContribution - iv[k]) < 1e-14)
            #expect(!bin.adjusted)
        }
        #expect(b.bins.map(\.share) == [0.25, 0.25, 0.2, 0.3])
        #expect(b.bins.map(\.goods) == [40, 30, 10, 20])
        #expect(b.bins.map(\.badRate) == [0.2, 0.4, 0.75, 40.0 / 60])
        #expect(abs(b.informationValue - iv.reduce(0, +)) < 1e-14)
        #expect(b.power == .strong)
        #expect(b.conventionNote.contains("WoE = ln(good share / bad share)"))
    }

    @Test func fixedBreaksGiveTheSameTable() throws {
        let (x, y) = countRows(handTable)
        let fitted = try WoEBinning().fitNumeric(feature: "x", values: x, labels: y)
        let fixed = try WoEBinning().fitNumeric(feature: "x", values: x, labels: y, breaks: [15, 25])
        #expect(fixed == fitted)
    }

    @Test func weightsEqualRepetition() throws {
        var rng = Xoshiro256StarStar(seed: 20240605)
        for trial in 0..<20 {
            let n = 200 + trial * 10
            var x: [Double?] = [], c: [String?] = [], y: [Int] = [], w: [Double] = []
            for _ in 0..<n {
                let u = rng.nextUnitDouble()
                let v: Double? = u < 0.05 ? nil : (u < 0.08 ? -1 : (rng.normal() * 10).rounded() / 2)
                x.append(v)
                c.append(u > 0.95 ? nil : ["A", "B", "C", "D", "E", "F"][rng.integer(in: 0...5)])
                let p = 1 / (1 + exp(2 - 0.15 * (v ?? 3)))
                y.append(rng.nextUnitDouble() < p ? 1 : 0)
                w.append(Double(rng.integer(in: 0...3)))
            }
            var rx: [Double?] = [], rc: [String?] = [], ry: [Int] = []
            for i in 0..<n where w[i] > 0 {
                for _ in 0..<Int(w[i]) { rx.append(x[i]); rc.append(c[i]); ry.append(y[i]) }
            }
            for settings in [WoEBinning(specialValues: [-1]), WoEBinning(maxBins: 4, monotonic: true)] {
                let weighted = try settings.fitNumeric(feature: "x", values: x, labels: y, weights: w)
                let repeated = try settings.fitNumeric(feature: "x", values: rx, labels: ry)
                #expect(weighted == repeated, "trial \(trial)")
                #expect(weighted.bins.count >= 3)   // at least two intervals and the missing bin: not trivial
                let wc = try settings.fitCategorical(feature: "c", levels: c, labels: y, weights: w)
                let rcb = try settings.fitCategorical(feature: "c", levels: rc, labels: ry)
                #expect(wc == rcb, "trial \(trial)")
            }
        }
    }

    @Test func rowOrderDoesNotMatter() throws {
        var rng = Xoshiro256StarStar(seed: 7)
        let n = 500
        var x: [Double?] = [], c: [String?] = [], y: [Int] = [], w: [Double] = []
        for _ in 0..<n {
            let v = (rng.normal() * 4).rounded() / 4
            x.append(rng.nextUnitDouble() < 0.05 ? nil : v)
            c.append(["red", "green", "blue", "grey"][rng.integer(in: 0...3)])
            y.append(rng.nextUnitDouble() < 1 / (1 + exp(1.5 - v)) ? 1 : 0)
            w.append(0.1 + rng.nextUnitDouble() * 3)   // not integers: sums depend on order unless canonical
        }
        let settings = WoEBinning(monotonic: true, specialValues: [0])
        let a = try settings.fitNumeric(feature: "x", values: x, labels: y, weights: w)
        let ac = try settings.fitCategorical(feature: "c", levels: c, labels: y, weights: w)
        for _ in 0..<5 {
            let p = Array(0..<n).shuffled(using: &rng)
            let b = try settings.fitNumeric(feature: "x", values: p.map { x[$0] }, labels: p.map { y[$0] },
                                            weights: p.map { w[$0] })
            let bc = try settings.fitCategorical(feature: "c", levels: p.map { c[$0] }, labels: p.map { y[$0] },
                                                 weights: p.map { w[$0] })
            #expect(a == b)
            #expect(ac == bc)
        }
    }

    @Test func zeroWeightRowsAreLeftOut() throws {
        let (x, y) = countRows(handTable)
        let plain = try WoEBinning().fitNumeric(feature: "x", values: x, labels: y)
        let padded = try WoEBinning().fitNumeric(feature: "x", values: x + [1000, 1001], labels: y + [1, 0],
                                                 weights: Array(repeating: 1, count: x.count) + [0, 0])
        #expect(plain == padded)
    }

    @Test func errorsSayWhatIsWrong() throws {
        let s = WoEBinning()
        #expect(throws: ModelError.empty("feature 'x' has no rows")) {
            try s.fitNumeric(feature: "x", values: [], labels: [])
        }
        #expect(throws: ModelError.oneClass(column: "label", label: 0, rows: 3)) {
            try s.fitNumeric(feature: "x", values: [1, 2, 3], labels: [0, 0, 0])
        }
        #expect(throws: ModelError.oneClass(column: "label", label: 1, rows: 2)) {
            try s.fitCategorical(feature: "c", levels: ["a", "b", "c"], labels: [1, 1, 0], weights: [1, 1, 0])
        }
        #expect(throws: ModelError.nonFinite(column: "x", row: 1, value: .infinity)) {
            try s.fitNumeric(feature: "x", values: [1, .infinity, 3], labels: [0, 1, 0])
        }
        do {
            _ = try s.fitNumeric(feature: "x", values: [1, .nan], labels: [0, 1])
            Issue.record("NaN accepted")
        } catch {
            #expect(error.description == "non-finite value nan in column 'x' at row 2")
        }
        #expect(throws: ModelError.badLabel(column: "label", row: 2, value: "2")) {
            try s.fitNumeric(feature: "x", values: [1, 2, 3], labels: [0, 1, 2])
        }
        #expect(throws: ModelError.invalidArgument("feature 'x' has 3 values but 2 labels")) {
            try s.fitNumeric(feature: "x", values: [1, 2, 3], labels: [0, 1])
        }
        #expect(throws: ModelError.badWeights("weight -1.0 at row 2 is negative")) {
            try s.fitNumeric(feature: "x", values: [1, 2, 3], labels: [0, 1, 0], weights: [1, -1, 1])
        }
        #expect(throws: ModelError.badWeights("2 weights for 3 rows of 'x'")) {
            try s.fitNumeric(feature: "x", values: [1, 2, 3], labels: [0, 1, 0], weights: [1, 1])
        }
        #expect(throws: ModelError.badWeights("all 3 weights are zero")) {
            try s.fitNumeric(feature: "x", values: [1, 2, 3], labels: [0, 1, 0], weights: [0, 0, 0])
        }
        #expect(throws: ModelError.nonFinite(column: "weight", row: 0, value: .infinity)) {
            try s.fitNumeric(feature: "x", values: [1, 2], labels: [0, 1], weights: [.infinity, 1])
        }
        #expect(throws: ModelError.invalidArgument("maxBins must be at least 2; got 1")) {
            try WoEBinning(maxBins: 1).fitNumeric(feature: "x", values: [1, 2], labels: [0, 1])
        }
        #expect(ModelError.invalidArgument("maxBins must be at least 2; got 1").description
                == "invalid argument: maxBins must be at least 2; got 1")
        #expect(throws: ModelError.invalidArgument("preBins must be at least 2; got 0")) {
            try WoEBinning(preBins: 0).fitNumeric(feature: "x", values: [1, 2], labels: [0, 1])
        }
        #expect(throws: ModelError.invalidArgument("minBinShare must be in [0, 0.5); got 0.5")) {
            try WoEBinning(minBinShare: 0.5).fitCategorical(feature: "c", levels: ["a", "b"], labels: [0, 1])
        }
        #expect(throws: ModelError.invalidArgument("special values must be finite; got nan")) {
            try WoEBinning(specialValues: [.nan]).fitNumeric(feature: "x", values: [1, 2], labels: [0, 1])
        }
        #expect(throws: ModelError.invalidArgument("breaks of 'x' must be finite and strictly increasing; got [2.0, 1.0]")) {
            try s.fitNumeric(feature: "x", values: [1, 2], labels: [0, 1], breaks: [2, 1])
        }
    }

    @Test func settingsAreCodable() throws {
        let s = WoEBinning(preBins: 30, minBinShare: 0.02, maxBins: 6, monotonic: true, specialValues: [-1, 9999])
        let back = try JSONDecoder().decode(WoEBinning.self, from: JSONEncoder().encode(s))
        #expect(back == s)
        #expect(WoEBinning() == WoEBinning(preBins: 20, minBinShare: 0.05, maxBins: 10, monotonic: false, specialValues: []))
    }
}
