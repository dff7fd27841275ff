import Foundation
import Testing
@testable import SolventModels

@Suite struct BinCountsTests {
    let totals = BinCounts(goods: 80, bads: 20)

    @Test func plainWoEAndIV() {
        let w = WoEValue(counts: BinCounts(goods: 40, bads: 5), totals: totals)
        #expect(abs(w.woe - log(0.5 / 0.25)) < 1e-15)
        #expect(abs(w.iv - 0.25 * log(2.0)) < 1e-15)
        #expect(!w.adjusted)
        #expect(abs(BinMath.iv(BinCounts(goods: 40, bads: 5), totals: totals) - w.iv) < 1e-15)
    }

    @Test func oneClassBinsGetHalfACountEach() {
        let noBads = WoEValue(counts: BinCounts(goods: 8, bads: 0), totals: totals)
        #expect(noBads.adjusted)
        #expect(abs(noBads.woe - log((8.5 / 80) / (0.5 / 20))) < 1e-15)
        #expect(abs(noBads.iv - (8.5 / 80 - 0.5 / 20) * noBads.woe) < 1e-15)
        let noGoods = WoEValue(counts: BinCounts(goods: 0, bads: 3), totals: totals)
        #expect(noGoods.adjusted && noGoods.woe < 0)
    }

    @Test func emptyBinsAreNeutral() {
        let w = WoEValue(counts: BinCounts(), totals: totals)
        #expect(w.woe == 0 && w.iv == 0 && !w.adjusted)
        #expect(BinCounts().badRate == 0 && BinCounts().isEmpty && !BinCounts().isPure)
    }

    @Test func closerNeighbourPrefersTheLeftOnATie() {
        let g = [0.25, 0.5, 0.75, 0.625].enumerated().map {
            BinGroup(first: $0.offset, last: $0.offset, counts: BinCounts(goods: 1 - $0.element, bads: $0.element))
        }
        #expect(BinMath.closerNeighbour(0, in: g) == 1)
        #expect(BinMath.closerNeighbour(3, in: g) == 2)
        #expect(BinMath.closerNeighbour(1, in: g) == 0)   // |0.5 − 0.25| = |0.5 − 0.75| exactly
        #expect(BinMath.closerNeighbour(2, in: g) == 3)   // 0.625 is closer than 0.5
    }
}
