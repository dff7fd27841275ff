/// The merging rules that turn quantile pre-bins of a numeric feature into
/// its final interval bins, applied in this order (each only merges adjacent
/// bins, so bins stay intervals):
///
/// (a) `mergePure`: while a bin has no goods or no bads (its WoE would be
///     infinite), the leftmost such bin is merged into the neighbour whose bad
///     rate is closer (the left one on a tie).
/// (b) `mergeSmall`: while a bin's share of all rows (missing and special rows
///     included in the denominator) is below the minimum, the smallest such bin
///     (leftmost on a tie) is merged into the neighbour whose bad rate is
///     closer (left on a tie).
/// (c) `makeMonotone`: pool-adjacent-violators on the bad rates, in the
///     direction of the rank correlation of the feature with the target:
///     adjacent bins are pooled until the bad rate is strictly increasing
///     (WoE strictly decreasing) in the feature, or strictly decreasing
///     (WoE strictly increasing). Equal neighbouring rates are pooled too.
/// (d) `limitCount`: while there are more bins than the maximum, the adjacent
///     pair whose merge loses the least IV (IV_i + IV_(i+1) − IV_merged,
///     leftmost on a tie) is merged.
///
/// Every rule stops at one bin. Missing and special bins never take part.
enum BinMerging {
    /// Rule (a).
    static func mergePure(_ groups: inout [BinGroup]) {
        while groups.count > 1, let i = groups.firstIndex(where: { $0.counts.isPure || $0.counts.isEmpty }) {
            BinMath.merge(&groups, i, BinMath.closerNeighbour(i, in: groups))
        }
    }

    /// Rule (b): `rowTotal` is the weight of all rows of the feature.
    static func mergeSmall(_ groups: inout [BinGroup], minShare: Double, rowTotal: Double) {
        while groups.count > 1 {
            var smallest: Int?
            for (i, g) in groups.enumerated() where g.counts.total / rowTotal < minShare {
                if let s = smallest, groups[s].counts.total <= g.counts.total { continue }
                smallest = i
            }
            guard let i = smallest else { return }
            BinMath.merge(&groups, i, BinMath.closerNeighbour(i, in: groups))
        }
    }

    /// Rule (c): `badRateIncreasing` true for a positive rank correlation
    /// (higher values riskier, WoE decreasing).
    static func makeMonotone(_ groups: inout [BinGroup], badRateIncreasing: Bool) {
        var out: [BinGroup] = []
        out.reserveCapacity(groups.count)
        for g in groups {
            out.append(g)
            while out.count >= 2 {
                let left = out[out.count - 2].counts.badRate
                let right = out[out.count - 1].counts.badRate
                let ordered = badRateIncreasing ? left < right : left > right
                if ordered { break }
                BinMath.merge(&out, out.count - 2, out.count - 1)
            }
        }
        groups = out
    }

    /// Rule (d): `totals` are the goods and bads of all rows of the feature.
    static func limitCount(_ groups: inout [BinGroup], maxBins: Int, totals: BinCounts) {
        while groups.count > Swift.max(maxBins, 1) {
            var best = 0
            var bestLoss = Double.infinity
            for i in 0..<(groups.count - 1) {
                let a = groups[i].counts, b = groups[i + 1].counts
                let loss = BinMath.iv(a, totals: totals) + BinMath.iv(b, totals: totals)
                    - BinMath.iv(a + b, totals: totals)
                if loss < bestLoss {
                    bestLoss = loss
                    best = i
                }
            }
            BinMath.merge(&groups, best, best + 1)
        }
    }
}
