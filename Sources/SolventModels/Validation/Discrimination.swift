/// AUC and KS of one sample, from its tie blocks in one ascending pass.
///
/// With the blocks b = 1…B in ascending order of score s_b, positive weight P_b
/// and negative weight N_b, and N_{<b} the negative weight of the blocks below b:
///
///     AUC = Σ_b P_b · (N_{<b} + ½ N_b) / (W₊ W₋)
///
/// which is the Mann–Whitney form with ties counted half, and the area under the
/// ROC curve drawn through one point per distinct score (trapezoids), as
/// scikit-learn `roc_auc_score` computes it.
///
///     KS = max_b |F₊(s_b) − F₋(s_b)|,   F(s) = the weighted share with p ≤ s
///
/// (the two-sample Kolmogorov–Smirnov statistic of scipy `ks_2samp`). Since
/// TPR(t) = 1 − F₊(s_b) for the next distinct score t = s_{b+1}, this is
/// max |TPR − FPR| over thresholds, reached at t = s_{b+1}. F₊ and F₋ divide
/// running sums by their own last value, so both reach exactly 1 at the top.
///
/// The KS threshold is the lowest one whose distance is within `thresholdTolerance`
/// (1e-12, relative) of the maximum: maxima that are equal in exact arithmetic
/// (⅔ as 2/3 − 0 and as 1 − 1/3) differ in the last bit, and the tolerance makes
/// the choice independent of that rounding (and so of row order). With KS = 0 the
/// threshold is the smallest score (everyone predicted positive).
struct Discrimination: Sendable, Hashable {
    /// Relative tolerance for equal maxima of |TPR − FPR| when choosing the threshold.
    static let thresholdTolerance = 1e-12

    let auc: Double
    let ks: Double
    let ksThreshold: Double
    let positiveWeight: Double
    let negativeWeight: Double

    /// `blocks` must be non-empty, in ascending order of score, with both classes present.
    init(blocks: [ScoreBlock]) {
        var negativeBelow = 0.0, positiveBelow = 0.0, pairs = 0.0
        for block in blocks {
            pairs += block.positive * (negativeBelow + 0.5 * block.negative)
            negativeBelow += block.negative
            positiveBelow += block.positive
        }
        positiveWeight = positiveBelow
        negativeWeight = negativeBelow
        auc = pairs / positiveBelow / negativeBelow

        // |F₊ − F₋| after each block but the last (where both are 1).
        var distances: [Double] = []
        distances.reserveCapacity(blocks.count)
        var cumulativePositive = 0.0, cumulativeNegative = 0.0
        for block in blocks.dropLast() {
            cumulativePositive += block.positive
            cumulativeNegative += block.negative
            distances.append(abs(cumulativePositive / positiveBelow - cumulativeNegative / negativeBelow))
        }
        let best = distances.max() ?? 0
        let first = distances.firstIndex { $0 >= best * (1 - Self.thresholdTolerance) && $0 > 0 }
        let threshold = first.map { blocks[$0 + 1].score } ?? blocks[0].score
        ks = best
        ksThreshold = threshold
    }
}
