extension WoEBinning {
    /// Bins a categorical feature: nil = missing (its own bin).
    ///
    /// 1. One bin per level; levels whose share of all rows is below
    ///    `minBinShare` are pooled into one `other` bin.
    /// 2. While a bin has no goods or no bads, the first such bin (in bin
    ///    order) is merged with the bin whose bad rate is nearest (the first on
    ///    a tie); a merge with `other` stays `other`.
    /// 3. While there are more than `maxBins` bins, bins are ordered by bad
    ///    rate and the adjacent pair whose merge loses the least IV is merged.
    ///
    /// Unseen levels at scoring go to `other` if there is one, else to the bin
    /// whose WoE is nearest 0 (`FeatureBinning.unseenLevelBin`). With no level
    /// at all in training (all missing) an empty `other` bin (WoE 0) is made.
    /// `monotonic` does not apply (levels have no order); special values neither.
    public func fitCategorical(feature: String, levels: [String?], labels: [Int],
                               weights: [Double]? = nil) throws(ModelError) -> FeatureBinning {
        try validate()
        let weights = try BinningInput.check(feature: feature, count: levels.count, labels: labels, weights: weights)
        var rows: [Int] = [], missingRows: [Int] = []
        for (i, l) in levels.enumerated() where weights[i] > 0 {
            if l == nil { missingRows.append(i) } else { rows.append(i) }
        }
        rows.sort { a, b in
            if levels[a] != levels[b] { return levels[a] ?? "" < levels[b] ?? "" }
            return labels[a] != labels[b] ? labels[a] < labels[b] : weights[a] < weights[b]
        }
        var names: [String] = [], counts: [BinCounts] = []
        for i in rows {
            guard let l = levels[i] else { continue }
            if names.last != l {
                names.append(l)
                counts.append(BinCounts())
            }
            counts[counts.count - 1].add(label: labels[i], weight: weights[i])
        }
        let missing = BinningInput.counts(of: missingRows, labels: labels, weights: weights)
        let totals = counts.reduce(BinCounts(), +) + missing

        var groups = LevelGroup.initial(counts: counts, minShare: minBinShare, rowTotal: totals.total)
        LevelGroup.mergePure(&groups)
        LevelGroup.limitCount(&groups, maxBins: maxBins, totals: totals)

        var bins = groups.map { g in
            let l = g.levels.map { names[$0] }
            return WoEBin(rule: g.isOther ? .other(l) : .levels(l), counts: g.counts, totals: totals)
        }
        if bins.isEmpty { bins.append(WoEBin(rule: .other([]), counts: BinCounts(), totals: totals)) }
        let unseen = bins.firstIndex { if case .other = $0.rule { true } else { false } }
            ?? bins.indices.min { abs(bins[$0].woe) < abs(bins[$1].woe) } ?? 0
        bins.append(WoEBin(rule: .missing, counts: missing, totals: totals))
        return try FeatureBinning(feature: feature, kind: .categorical, bins: bins, unseenLevelBin: unseen)
    }
}

/// Levels (indices into the sorted level names) being merged into one bin.
struct LevelGroup: Hashable, Sendable {
    var levels: [Int]
    var counts: BinCounts
    var isOther: Bool

    /// One group per level, rare levels pooled into `other` (placed last).
    static func initial(counts: [BinCounts], minShare: Double, rowTotal: Double) -> [LevelGroup] {
        var groups: [LevelGroup] = []
        var other = LevelGroup(levels: [], counts: BinCounts(), isOther: true)
        for (i, c) in counts.enumerated() {
            if c.total / rowTotal < minShare {
                other.levels.append(i)
                other.counts = other.counts + c
            } else {
                groups.append(LevelGroup(levels: [i], counts: c, isOther: false))
            }
        }
        if !other.levels.isEmpty { groups.append(other) }
        return groups
    }

    /// Rule 2 of `fitCategorical`.
    static func mergePure(_ groups: inout [LevelGroup]) {
        while groups.count > 1, let i = groups.firstIndex(where: { $0.counts.isPure }) {
            let r = groups[i].counts.badRate
            var j = i == 0 ? 1 : 0
            for k in groups.indices where k != i
                && abs(groups[k].counts.badRate - r) < abs(groups[j].counts.badRate - r) {
                j = k
            }
            merge(&groups, i, j)
        }
    }

    /// Rule 3 of `fitCategorical`.
    static func limitCount(_ groups: inout [LevelGroup], maxBins: Int, totals: BinCounts) {
        while groups.count > Swift.max(maxBins, 1) {
            let order = groups.indices.sorted { a, b in
                let ra = groups[a].counts.badRate, rb = groups[b].counts.badRate
                return ra != rb ? ra < rb : a < b
            }
            var best = (0, 1), bestLoss = Double.infinity
            for (a, b) in zip(order, order.dropFirst()) {
                let ca = groups[a].counts, cb = groups[b].counts
                let loss = BinMath.iv(ca, totals: totals) + BinMath.iv(cb, totals: totals)
                    - BinMath.iv(ca + cb, totals: totals)
                if loss < bestLoss {
                    bestLoss = loss
                    best = (a, b)
                }
            }
            merge(&groups, best.0, best.1)
        }
    }

    /// Merges groups i and j (any two); the result keeps bin order: level
    /// groups by their first level, `other` last.
    static func merge(_ groups: inout [LevelGroup], _ i: Int, _ j: Int) {
        let a = groups[Swift.min(i, j)], b = groups[Swift.max(i, j)]
        let merged = LevelGroup(levels: (a.levels + b.levels).sorted(), counts: a.counts + b.counts,
                                isOther: a.isOther || b.isOther)
        groups.remove(at: Swift.max(i, j))
        groups.remove(at: Swift.min(i, j))
        groups.append(merged)
        groups.sort { x, y in
            x.isOther != y.isOther ? !x.isOther : (x.levels.first ?? 0) < (y.levels.first ?? 0)
        }
    }
}
