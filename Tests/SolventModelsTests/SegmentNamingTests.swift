import Testing
@testable import SolventModels

/// Segment names from centres: the rules in order, the behaviour features of
/// catalogue 1.2.0 and the older ones, numbering of repeated behaviours.
struct SegmentNamingTests {
    static let features = ["pb_all_days_late_median", "reg_day_concentration", "reg_modal_day_share", "dsp_all_rate",
                           "pb_slope_days_late", "ar_share_91_plus"]

    @Test func theRulesNameTheBehaviourFeaturesSegments() {
        func name(_ means: [Double]) -> String? { SegmentNaming.behaviour(means: means, features: Self.features) }
        #expect(name([45, 0.3, 0.2, 0.02, 3.3, 0.99]) == "at risk")
        #expect(name([13, 0.15, 0.12, 0.32, 0.2, 0]) == "disputers")
        #expect(name([40, 0.17, 0.13, 0.03, 2.4, 0]) == "deteriorating")
        #expect(name([37, 0.9, 0.5, 0.01, 0.05, 0]) == "fixed-day payers")
        #expect(name([1.3, 0.14, 0.11, 0.01, 0, 0]) == "punctual")
        #expect(name([31, 0.17, 0.12, 0.02, 0.06, 0]) == "slow but steady")
    }

    @Test func theNewerFeatureWinsAndTheOlderStillNames() {
        // Both lateness columns: the all-history median decides (8 > 7), not the 12-month mean (3).
        #expect(SegmentNaming.behaviour(means: [8, 3], features: ["pb_all_days_late_median", "pb_12m_days_late_mean"])
                == "slow but steady")
        #expect(SegmentNaming.behaviour(means: [3], features: ["pb_12m_days_late_mean"]) == "punctual")
        #expect(SegmentNaming.behaviour(means: [0.2, 0.1], features: ["dsp_12m_rate", "dsp_all_rate"]) == nil)
        #expect(SegmentNaming.behaviour(means: [0.2], features: ["dsp_12m_rate"]) == "disputers")
        #expect(SegmentNaming.behaviour(means: [5], features: ["x"]) == nil)
    }

    @Test func namesFollowRuleOrderThenSizeWhateverTheClusterOrder() {
        let means: [[Double]] = [[31, 0.17, 0.12, 0.02, 0.06, 0], [1.3, 0.14, 0.11, 0.01, 0, 0],
                                 [2, 0.15, 0.1, 0.01, 0, 0], [13, 0.15, 0.12, 0.32, 0.2, 0]]
        let named = SegmentNaming.order(means: means, sizes: [400, 300, 500, 200], features: Self.features)
        #expect(named.map(\.name) == ["disputers", "punctual", "punctual 2", "slow but steady"])
        #expect(named.map(\.cluster) == [3, 2, 1, 0])
        let permuted = SegmentNaming.order(means: [means[3], means[2], means[1], means[0]], sizes: [200, 500, 300, 400],
                                           features: Self.features)
        #expect(permuted.map(\.name) == named.map(\.name))
    }
}
