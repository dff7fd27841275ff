import Foundation
import Testing
@testable import SolventModels

@Suite struct InformationValueTests {
    @Test func usualReading() {
        #expect(PredictivePower(informationValue: 0) == .useless)
        #expect(PredictivePower(informationValue: 0.0199) == .useless)
        #expect(PredictivePower(informationValue: 0.02) == .weak)
        #expect(PredictivePower(informationValue: 0.0999) == .weak)
        #expect(PredictivePower(informationValue: 0.1) == .medium)
        #expect(PredictivePower(informationValue: 0.2999) == .medium)
        #expect(PredictivePower(informationValue: 0.3) == .strong)
        #expect(PredictivePower(informationValue: 2) == .strong)
        #expect(PredictivePower.useless < .weak && PredictivePower.medium < .strong)
    }

    /// A binning whose only real bin has the given IV contribution.
    func binning(_ name: String, iv: Double) throws -> FeatureBinning {
        try FeatureBinning(feature: name, kind: .numeric, bins: [
            WoEBin(rule: .interval(lower: -.infinity, upper: .infinity), goods: 1, bads: 1, share: 1,
                   woe: 0, ivContribution: iv, adjusted: false),
            WoEBin(rule: .missing, goods: 0, bads: 0, share: 0, woe: 0, ivContribution: 0, adjusted: false),
        ])
    }

    @Test func selectionAndSummary() throws {
        let all = [try binning("a", iv: 0.01), try binning("b", iv: 0.5), try binning("c", iv: 0.05),
                   try binning("d", iv: 0.05), try binning("e", iv: 0.02)]
        #expect(InformationValue.select(all).map(\.feature) == ["b", "c", "d", "e"])
        #expect(InformationValue.select(all, threshold: 0.1).map(\.feature) == ["b"])
        let s = InformationValue.summary(all)
        #expect(s.map(\.feature) == ["b", "c", "d", "e", "a"])
        #expect(s.map(\.power) == [.strong, .weak, .weak, .weak, .useless])
        #expect(s.map(\.selected) == [true, true, true, true, false])
        #expect(InformationValue.defaultThreshold == 0.02)
    }
}
