import Foundation

/// Weighted goods and bads of one bin (label 0 = good, 1 = bad), and the
/// weight-of-evidence arithmetic shared by numeric and categorical binning.
///
/// WoE_i = ln((goods_i / G) / (bads_i / B)) and IV_i = (goods_i / G − bads_i / B) · WoE_i,
/// where G and B are the weighted goods and bads of every row of the feature
/// (missing and special rows included), so higher WoE = safer (DESIGN.md).
struct BinCounts: Hashable, Sendable {
    var goods: Double = 0
    var bads: Double = 0

    var total: Double { goods + bads }
    /// bads / (goods + bads); 0 for an empty bin (callers test `isEmpty` first).
    var badRate: Double { total > 0 ? bads / total : 0 }
    var isEmpty: Bool { total == 0 }
    /// Rows of only one class: its plain WoE would be ±∞.
    var isPure: Bool { !isEmpty && (goods == 0 || bads == 0) }

    mutating func add(label: Int, weight: Double) {
        if label == 1 { bads += weight } else { goods += weight }
    }

    static func + (a: BinCounts, b: BinCounts) -> BinCounts {
        BinCounts(goods: a.goods + b.goods, bads: a.bads + b.bads)
    }
}

/// The WoE and IV contribution of a bin, with the documented treatment of
/// bins whose plain WoE is not finite.
struct WoEValue: Hashable, Sendable {
    var woe: Double
    var iv: Double
    /// True when 0.5 was added to both counts (see `init(counts:totals:)`).
    var adjusted: Bool

    /// - A bin with no rows has WoE 0 (the population average: nothing is
    ///   known about it) and IV 0.
    /// - A bin with rows of one class only gets the Laplace-style adjustment:
    ///   0.5 is added to both its goods and its bads, the totals G and B stay
    ///   unadjusted, so WoE = ln(((goods + 0.5) / G) / ((bads + 0.5) / B)).
    ///   Only missing and special bins, a single remaining interval bin, or
    ///   bins of fixed breaks can reach this; merging removes the others.
    init(counts c: BinCounts, totals: BinCounts) {
        if c.isEmpty {
            self.init(woe: 0, iv: 0, adjusted: false)
            return
        }
        let adjust = c.isPure
        let g = adjust ? c.goods + 0.5 : c.goods
        let b = adjust ? c.bads + 0.5 : c.bads
        let gs = g / totals.goods
        let bs = b / totals.bads
        let woe = Foundation.log(gs / bs)
        self.init(woe: woe, iv: (gs - bs) * woe, adjusted: adjust)
    }

    init(woe: Double, iv: Double, adjusted: Bool) {
        self.woe = woe
        self.iv = iv
        self.adjusted = adjusted
    }
}

/// One group of rows under construction (interval of distinct values or a set
/// of levels) during merging.
struct BinGroup: Hashable, Sendable {
    /// First and last index (inclusive) into the sorted distinct values, for intervals.
    var first: Int
    var last: Int
    var counts: BinCounts

    func merged(with other: BinGroup) -> BinGroup {
        BinGroup(first: Swift.min(first, other.first), last: Swift.max(last, other.last),
                 counts: counts + other.counts)
    }
}

enum BinMath {
    /// IV contribution of a group of counts (0 for an empty or pure group,
    /// which merging never compares: they are merged first).
    static func iv(_ c: BinCounts, totals: BinCounts) -> Double {
        guard c.goods > 0, c.bads > 0 else { return 0 }
        let gs = c.goods / totals.goods
        let bs = c.bads / totals.bads
        return (gs - bs) * Foundation.log(gs / bs)
    }

    /// The neighbour of `i` (i − 1 or i + 1) whose bad rate is closer to bin
    /// i's; the left one on a tie; the only one at an end.
    static func closerNeighbour(_ i: Int, in groups: [BinGroup]) -> Int {
        if i == 0 { return 1 }
        if i == groups.count - 1 { return i - 1 }
        let r = groups[i].counts.badRate
        let left = abs(groups[i - 1].counts.badRate - r)
        let right = abs(groups[i + 1].counts.badRate - r)
        return right < left ? i + 1 : i - 1
    }

    /// Replaces groups i and j (adjacent) by their union, in place.
    static func merge(_ groups: inout [BinGroup], _ i: Int, _ j: Int) {
        let lo = Swift.min(i, j), hi = Swift.max(i, j)
        groups[lo] = groups[lo].merged(with: groups[hi])
        groups.remove(at: hi)
    }
}
