/// The distinct values of a numeric feature (missing and special rows left
/// out) with their weighted goods and bads, sorted ascending.
///
/// Rows are put in a canonical order — by value, then label, then weight —
/// before their weights are summed, so the sums (and everything built on them)
/// are bit-identical whatever the order of the input rows.
struct DistinctValues: Sendable {
    private(set) var values: [Double] = []
    private(set) var counts: [BinCounts] = []

    init(values v: [Double], labels: [Int], weights: [Double]) {
        var order = Array(v.indices)
        order.sort { a, b in
            if v[a] != v[b] { return v[a] < v[b] }
            if labels[a] != labels[b] { return labels[a] < labels[b] }
            return weights[a] < weights[b]
        }
        for i in order {
            if values.last != v[i] {
                values.append(v[i])
                counts.append(BinCounts())
            }
            counts[counts.count - 1].add(label: labels[i], weight: weights[i])
        }
    }

    var isEmpty: Bool { values.isEmpty }

    var total: BinCounts { counts.reduce(BinCounts(), +) }

    /// Quantile pre-bins by weighted rank: distinct value i, with weight w_i
    /// and cumulative weight C_(i−1) of the values below it, goes to pre-bin
    /// ⌊q · (C_(i−1) + w_i / 2) / W⌋ (capped at q − 1), the quantile bin of its
    /// weighted mid-rank. A value is never split across pre-bins (ties stay
    /// together); pre-bins that receive no value do not exist, so a heavy value
    /// can make fewer than q pre-bins.
    func quantileGroups(_ q: Int) -> [BinGroup] {
        let w = total.total
        var groups: [BinGroup] = []
        var lastBin = -1
        var cumulative = 0.0
        for (i, c) in counts.enumerated() {
            let mid = cumulative + c.total / 2
            let bin = Swift.min(q - 1, Int((Double(q) * mid / w).rounded(.down)))
            cumulative += c.total
            if bin != lastBin {
                groups.append(BinGroup(first: i, last: i, counts: c))
                lastBin = bin
            } else {
                groups[groups.count - 1].last = i
                groups[groups.count - 1].counts = groups[groups.count - 1].counts + c
            }
        }
        return groups
    }

    /// Sign of the weighted Spearman (rank) correlation between the feature
    /// and the label (1 = bad): +1 when higher values go with more bads.
    ///
    /// With a 0/1 target, Spearman's ρ (Pearson's on weighted mid-ranks)
    /// has the sign of mean rank of the bads − mean rank of the goods, which is
    /// what is computed. Returns 0 when they are equal (e.g. a constant feature).
    func rankCorrelationSign() -> Int {
        var cumulative = 0.0
        var badRank = 0.0, goodRank = 0.0
        for c in counts {
            let rank = cumulative + c.total / 2
            badRank += c.bads * rank
            goodRank += c.goods * rank
            cumulative += c.total
        }
        let t = total
        guard t.bads > 0, t.goods > 0 else { return 0 }
        let difference = badRank / t.bads - goodRank / t.goods
        return difference > 0 ? 1 : (difference < 0 ? -1 : 0)
    }

    /// Groups for fixed, strictly increasing breaks b_1 < … < b_k: the
    /// intervals (−∞, b_1), [b_1, b_2), …, [b_k, +∞); empty intervals are
    /// kept (as groups with first > last), so the result has k + 1 groups.
    func fixedGroups(breaks: [Double]) -> [BinGroup] {
        var groups: [BinGroup] = []
        var i = 0
        for upper in breaks + [.infinity] {
            let start = i
            var c = BinCounts()
            while i < values.count, values[i] < upper {
                c = c + counts[i]
                i += 1
            }
            groups.append(BinGroup(first: start, last: i - 1, counts: c))
        }
        return groups
    }
}
