import SolventNumerics

extension BinaryValidation {
    /// The Hosmer–Lemeshow goodness-of-fit test over the groups of the calibration table.
    ///
    ///     Ĉ = Σ_g (O_g − E_g)² / (E_g (1 − E_g / N_g)),   df = G′ − 2
    ///
    /// with N_g = Σ w, O_g = Σ w·y and E_g = Σ w·p over group g, and G′ the number
    /// of non-empty groups (Hosmer & Lemeshow, *Applied Logistic Regression*, 3rd ed.,
    /// §5.2.2). The p-value is the upper tail of χ²(df). A group whose variance term
    /// is zero (all p = 0 or all p = 1) adds 0 when O_g = E_g and makes Ĉ = +∞ otherwise.
    public struct HosmerLemeshow: Sendable, Hashable, Codable {
        /// The statistic Ĉ.
        public let statistic: Double
        /// G′ − 2.
        public let degreesOfFreedom: Int
        /// P(χ²(df) ≥ Ĉ); a small value says the probabilities are miscalibrated.
        public let pValue: Double
        /// G′, the non-empty groups (fewer than asked when ties fill several groups).
        public let groupsUsed: Int
    }

    /// One group of the calibration table (a decile of p with the default 10 groups).
    ///
    /// Groups are cut by rank of p on the weight: the rows are sorted by p and rows
    /// with equal p (a tie block) always share a group. A block whose cumulative
    /// weight before it is C and whose own weight is b goes to group
    /// ⌊G · (C + b/2) / W⌋ + 1 (capped at G), the group where its weight midpoint
    /// falls. Without ties and with W a multiple of G each group holds W/G; a large
    /// tie block can leave a group empty, and empty groups are not listed. (With
    /// unit weights and W not a multiple of G the sizes alternate: n = 25, G = 10
    /// gives 2, 3, 2, 3, …) The rule depends only on the weights, so a weight of 2
    /// and a repeated row give the same groups.
    public struct CalibrationGroup: Sendable, Hashable, Codable {
        /// The group number, 1…G in ascending order of p (gaps where a group is empty).
        public let group: Int
        /// The rows of positive weight in the group.
        public let rows: Int
        /// N_g = Σ w.
        public let weight: Double
        /// The smallest and largest p in the group.
        public let minPredicted: Double
        public let maxPredicted: Double
        /// E_g / N_g, the mean predicted probability.
        public let meanPredicted: Double
        /// O_g / N_g, the observed default rate.
        public let observedRate: Double
        /// E_g = Σ w·p, the expected positives.
        public let expectedPositives: Double
        /// O_g = Σ w·y, the observed positives.
        public let observedPositives: Double
    }
}

/// The calibration table of one sample and its Hosmer–Lemeshow test.
struct Calibration: Sendable {
    let table: [BinaryValidation.CalibrationGroup]

    init(table: [BinaryValidation.CalibrationGroup]) {
        self.table = table
    }

    /// `blocks` non-empty, in ascending order of score; `groups` ≥ 1.
    init(blocks: [ScoreBlock], groups: Int) {
        var cumulative: [Double] = []          // weight before each block, summed in order
        cumulative.reserveCapacity(blocks.count)
        var running = 0.0
        for block in blocks {
            cumulative.append(running)
            running += block.weight
        }
        let total = running
        var table: [BinaryValidation.CalibrationGroup] = []
        var start = 0
        while start < blocks.count {
            let g = Self.group(before: cumulative[start], weight: blocks[start].weight, total: total, groups: groups)
            var end = start + 1
            while end < blocks.count,
                  Self.group(before: cumulative[end], weight: blocks[end].weight, total: total, groups: groups) == g {
                end += 1
            }
            table.append(Self.summary(of: blocks[start..<end], group: g + 1))
            start = end
        }
        self.table = table
    }

    /// ⌊G · (C + b/2) / W⌋, capped at G − 1 (0-based). Non-decreasing along the blocks.
    static func group(before: Double, weight: Double, total: Double, groups: Int) -> Int {
        let g = Int((Double(groups) * (before + weight / 2) / total).rounded(.down))
        return Swift.min(Swift.max(g, 0), groups - 1)
    }

    private static func summary(of blocks: ArraySlice<ScoreBlock>, group: Int) -> BinaryValidation.CalibrationGroup {
        var rows = 0
        var weight = 0.0, observed = 0.0, expected = 0.0
        for block in blocks {
            rows += block.rows
            weight += block.weight
            observed += block.positive
            expected += block.expected
        }
        return .init(group: group, rows: rows, weight: weight,
                     minPredicted: blocks.first?.score ?? 0, maxPredicted: blocks.last?.score ?? 0,
                     meanPredicted: expected / weight, observedRate: observed / weight,
                     expectedPositives: expected, observedPositives: observed)
    }

    /// The test over `table`; nil when fewer than 3 groups are used (no degrees of freedom).
    func hosmerLemeshow() throws(ModelError) -> BinaryValidation.HosmerLemeshow? {
        guard table.count >= 3 else { return nil }
        var statistic = 0.0
        for g in table {
            let o = g.observedPositives, e = g.expectedPositives
            let variance = e * (1 - e / g.weight)
            if variance > 0 {
                statistic += (o - e) * (o - e) / variance
            } else if o != e {
                statistic = .infinity
            }
        }
        let df = table.count - 2
        let chiSquared: ChiSquared
        do {
            chiSquared = try ChiSquared(degreesOfFreedom: Double(df))
        } catch {
            throw .numeric("Hosmer–Lemeshow p-value", error)
        }
        return .init(statistic: statistic, degreesOfFreedom: df,
                     pValue: chiSquared.survival(statistic), groupsUsed: table.count)
    }
}
