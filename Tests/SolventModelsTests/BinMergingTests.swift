import Foundation
import Testing
@testable import SolventModels

/// Each merging rule on a table whose quantile pre-bins hold one value each
/// (checked by hand in the comments), with the other rules switched off where
/// they would interfere.
@Suite struct BinMergingTests {
    func fit(_ table: [(Double?, goods: Int, bads: Int)], _ s: WoEBinning) throws -> FeatureBinning {
        let (x, y) = countRows(table)
        return try s.fitNumeric(feature: "x", values: x, labels: y)
    }

    func intervals(_ b: FeatureBinning) -> [String] {
        b.bins.compactMap { if case .interval = $0.rule { $0.label } else { nil } }
    }

    // Weights 10, 15, 20, 25: weighted mid-ranks put the values in pre-bins 1, 5, 10, 16.
    @Test func ruleAMergesAZeroBadBinAtTheEdge() throws {
        let b = try fit([(1, 10, 0), (2, 10, 5), (3, 10, 10), (4, 5, 20)], WoEBinning(minBinShare: 0))
        #expect(intervals(b) == ["[-inf, 3)", "[3, 4)", "[4, +inf)"])
        #expect(b.bins.map(\.goods) == [20, 10, 5, 0])
        #expect(b.bins.map(\.bads) == [5, 10, 20, 0])
        #expect(b.bins.allSatisfy { !$0.adjusted && $0.woe.isFinite })
    }

    // Value 2 (bad rate 1) sits between rates 0.5 and 0.8: it joins the closer, on its right.
    @Test func ruleAMergesIntoTheNeighbourOfCloserBadRate() throws {
        let b = try fit([(1, 10, 10), (2, 0, 5), (3, 2, 8), (4, 20, 2)], WoEBinning(minBinShare: 0))
        #expect(intervals(b) == ["[-inf, 2)", "[2, 4)", "[4, +inf)"])
        #expect(b.bins[1].bads == 13)
    }

    // Weights 40, 2, 30, 28 (pre-bins 4, 8, 11, 17). Value 2 has 2 % of the rows, bad rate 0.5.
    @Test func ruleBMergesASmallBinIntoTheCloserNeighbour() throws {
        let right = try fit([(1, 30, 10), (2, 1, 1), (3, 18, 12), (4, 20, 8)], WoEBinning())
        #expect(intervals(right) == ["[-inf, 2)", "[2, 4)", "[4, +inf)"])   // 0.4 is closer than 0.25
        let left = try fit([(1, 22, 18), (2, 1, 1), (3, 24, 6), (4, 20, 8)], WoEBinning())
        #expect(intervals(left) == ["[-inf, 3)", "[3, 4)", "[4, +inf)"])    // 0.45 is closer than 0.2
        let kept = try fit([(1, 30, 10), (2, 1, 1), (3, 18, 12), (4, 20, 8)], WoEBinning(minBinShare: 0.01))
        #expect(intervals(kept).count == 4)
    }

    @Test func ruleBCountsMissingRowsInTheShare() throws {
        // Value 2 has 2 rows: 3.3 % of 60 rows (kept at minBinShare 0.03), but
        // only 1.25 % once 100 missing rows join the denominator (merged).
        let table: [(Double?, goods: Int, bads: Int)] = [(1, 15, 5), (2, 1, 1), (3, 12, 8), (4, 10, 8)]
        #expect(intervals(try fit(table, WoEBinning(minBinShare: 0.03))).count == 4)
        #expect(intervals(try fit(table + [(nil, 50, 50)], WoEBinning(minBinShare: 0.03))).count == 3)
    }

    // Equal weights 20: pre-bins 2, 7, 12, 17. Bad rates 0.1, 0.3, 0.2, 0.5: one violation.
    @Test func ruleCPoolsAdjacentViolators() throws {
        let table: [(Double?, goods: Int, bads: Int)] = [(1, 18, 2), (2, 14, 6), (3, 16, 4), (4, 10, 10)]
        let free = try fit(table, WoEBinning(minBinShare: 0))
        #expect(intervals(free).count == 4)
        #expect(free.trend == nil)
        let mono = try fit(table, WoEBinning(minBinShare: 0, monotonic: true))
        #expect(intervals(mono) == ["[-inf, 2)", "[2, 4)", "[4, +inf)"])
        #expect(mono.trend == .decreasing)
        #expect(mono.bins[1].bads == 10 && mono.bins[1].goods == 30)
        #expect(mono.bins[0].woe > mono.bins[1].woe && mono.bins[1].woe > mono.bins[2].woe)
    }

    @Test func ruleCFollowsTheSignOfTheRankCorrelation() throws {
        // The same table mirrored: higher values are now safer, so WoE must rise.
        let table: [(Double?, goods: Int, bads: Int)] = [(-4, 10, 10), (-3, 16, 4), (-2, 14, 6), (-1, 18, 2)]
        let mono = try fit(table, WoEBinning(minBinShare: 0, monotonic: true))
        #expect(intervals(mono) == ["[-inf, -3)", "[-3, -1)", "[-1, +inf)"])
        #expect(mono.trend == .increasing)
        #expect(mono.bins[0].woe < mono.bins[1].woe && mono.bins[1].woe < mono.bins[2].woe)
    }

    @Test func ruleCPoolsEqualNeighbours() throws {
        var groups = [BinGroup(first: 0, last: 0, counts: BinCounts(goods: 9, bads: 1)),
                      BinGroup(first: 1, last: 1, counts: BinCounts(goods: 8, bads: 2)),
                      BinGroup(first: 2, last: 2, counts: BinCounts(goods: 4, bads: 1))]
        BinMerging.makeMonotone(&groups, badRateIncreasing: true)
        #expect(groups.map(\.first) == [0, 1])
        #expect(groups[1].counts == BinCounts(goods: 12, bads: 3))
    }

    // Twelve values of weight 20 (one pre-bin each); values 3 and 4 have the
    // same bad rate, as have 9 and 10: merging them loses no IV.
    @Test func ruleDMergesThePairThatLosesTheLeastIV() throws {
        let bads = [1, 2, 4, 4, 6, 8, 10, 12, 14, 14, 16, 18]
        let table = bads.enumerated().map { (Double($0.offset + 1) as Double?, goods: 20 - $0.element, bads: $0.element) }
        let all = try fit(table, WoEBinning(maxBins: 12))
        #expect(intervals(all).count == 12)
        let b = try fit(table, WoEBinning(maxBins: 10))
        #expect(intervals(b) == ["[-inf, 2)", "[2, 3)", "[3, 5)", "[5, 6)", "[6, 7)", "[7, 8)", "[8, 9)",
                                 "[9, 11)", "[11, 12)", "[12, +inf)"])
        #expect(abs(b.informationValue - all.informationValue) < 1e-12)
        let two = try fit(table, WoEBinning(maxBins: 2))
        #expect(intervals(two).count == 2)
        #expect(two.informationValue < b.informationValue)
    }

    @Test func ruleDPicksTheMinimumLossAmongAllPairs() {
        // Brute force: after one merge, no other adjacent merge would have kept more IV.
        let counts = [(30, 2), (25, 5), (20, 9), (18, 10), (10, 14), (5, 20)].map { BinCounts(goods: Double($0.0), bads: Double($0.1)) }
        let totals = counts.reduce(BinCounts(), +)
        let start = counts.enumerated().map { BinGroup(first: $0.offset, last: $0.offset, counts: $0.element) }
        var groups = start
        BinMerging.limitCount(&groups, maxBins: 5, totals: totals)
        let iv = { (g: [BinGroup]) in g.reduce(0) { $0 + BinMath.iv($1.counts, totals: totals) } }
        for i in 0..<(start.count - 1) {
            var alternative = start
            BinMath.merge(&alternative, i, i + 1)
            #expect(iv(groups) >= iv(alternative) - 1e-15)
        }
    }
}
