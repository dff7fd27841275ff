import Foundation
import Testing
@testable import SolventModels

@Suite struct NumericPreBinningTests {
    @Test func distinctValuesAreSortedAndCounted() {
        let d = DistinctValues(values: [3, 1, 3, 2, 1], labels: [1, 0, 0, 1, 1], weights: [1, 2, 0.5, 1, 1])
        #expect(d.values == [1, 2, 3])
        #expect(d.counts == [BinCounts(goods: 2, bads: 1), BinCounts(goods: 0, bads: 1), BinCounts(goods: 0.5, bads: 1)])
        #expect(d.total == BinCounts(goods: 2.5, bads: 3))
    }

    @Test func quantilePreBinsByWeightedMidRank() {
        // Ten values of weight 1 in 5 pre-bins: mid-ranks 0.5, 1.5, …, 9.5 → pre-bins 0,0,1,1,…,4,4.
        let d = DistinctValues(values: (1...10).map(Double.init), labels: Array(repeating: 0, count: 10),
                               weights: Array(repeating: 1, count: 10))
        #expect(d.quantileGroups(5).map { [$0.first, $0.last] } == [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]])
        // Weight 7 on the first value (total 16, quarters of 4): mid-ranks 3.5, 7.5, 8.5 … 11.5,
        // 12.5 … 15.5 → pre-bins 0, 1, 2 (values 3–6), 3 (values 7–10): the pre-bins follow the weight.
        let w = DistinctValues(values: (1...10).map(Double.init), labels: Array(repeating: 0, count: 10),
                               weights: [7] + Array(repeating: 1, count: 9))
        #expect(w.quantileGroups(4).map { [$0.first, $0.last] } == [[0, 0], [1, 1], [2, 5], [6, 9]])
    }

    @Test func tiesAreNeverSplit() {
        // 60 % of the rows share one value: it fills one pre-bin, and fewer than 20 pre-bins exist.
        let values = Array(repeating: 5.0, count: 60) + (1...40).map(Double.init)
        let d = DistinctValues(values: values, labels: Array(repeating: 0, count: 100),
                               weights: Array(repeating: 1, count: 100))
        let groups = d.quantileGroups(20)
        #expect(groups.count < 20)
        #expect(groups.filter { $0.first <= 4 && 4 <= $0.last }.count == 1)   // index 4 holds value 5
        #expect(groups.map(\.counts.total).reduce(0, +) == 100)
        #expect(zip(groups, groups.dropFirst()).allSatisfy { $0.last + 1 == $1.first })
    }

    @Test func rankCorrelationSign() {
        let up = DistinctValues(values: [1, 2, 3, 4], labels: [0, 0, 1, 1], weights: [1, 1, 1, 1])
        #expect(up.rankCorrelationSign() == 1)
        let down = DistinctValues(values: [1, 2, 3, 4], labels: [1, 1, 0, 0], weights: [1, 1, 1, 1])
        #expect(down.rankCorrelationSign() == -1)
        let flat = DistinctValues(values: [1, 1], labels: [0, 1], weights: [1, 1])
        #expect(flat.rankCorrelationSign() == 0)
        // Weights count: the one bad at 1 outweighs the three at 4.
        let weighted = DistinctValues(values: [1, 2, 3, 4], labels: [1, 0, 0, 1], weights: [10, 1, 1, 3])
        #expect(weighted.rankCorrelationSign() == -1)
    }

    @Test func fixedBreaksKeepEmptyIntervals() {
        let d = DistinctValues(values: [1, 2, 10], labels: [0, 1, 1], weights: [1, 1, 1])
        let g = d.fixedGroups(breaks: [2, 5, 8])
        #expect(g.map(\.counts.total) == [1, 1, 0, 1])   // (−∞,2) [2,5) [5,8) [8,+∞)
    }
}
