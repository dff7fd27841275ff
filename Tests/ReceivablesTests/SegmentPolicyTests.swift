import Foundation
import Testing
@testable import Receivables

struct SegmentPolicyTests {
    @Test func theBuiltInPolicyIsTheCommittedFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent("policies/segments.toml"), encoding: .utf8)
        #expect(committed == SegmentPolicy.defaultTOML + "\n", "policies/segments.toml and SegmentPolicy.defaultTOML differ")
        let policy = try SegmentPolicy.builtIn()
        #expect(policy.actions(for: "punctual") == .init(reminders: [], channel: .email, creditHold: .none, limitReview: .annual))
        #expect(policy.actions(for: "disputers").creditHold == .untilPaid)
        #expect(policy.actions(for: "slow but steady").reminderText == "due-3 due+7 due+14")
        #expect(policy.actions(for: nil) == policy.fallback)
        #expect(policy.actions(for: "segment 4").reminderText == "due+7 due+14 due+30")
    }

    @Test func mistakesNameTheKey() {
        let entry = "reminders = [0]\nchannel = \"email\"\ncredit_hold = \"none\"\nlimit_review = \"annual\"\n"
        #expect(throws: ProfileError.self) { try SegmentPolicy.parse("[segments.\"punctual\"]\n" + entry, source: "p") }
        do {
            _ = try SegmentPolicy.parse("[default]\n" + entry + "[segments.\"punctal\"]\n" + entry, source: "p.toml")
            Issue.record("a misspelt behaviour was accepted")
        } catch {
            #expect(error.description.hasPrefix("p.toml: segments.\"punctal\" is not a segment behaviour; use one of at risk"))
        }
        do {
            _ = try SegmentPolicy.parse("[default]\n" + entry.replacingOccurrences(of: "[0]", with: "[400]"), source: "p.toml")
            Issue.record("a reminder 400 days out was accepted")
        } catch {
            #expect(error.description == "p.toml: default.reminders has 400: reminders are days from the due date, within ±365")
        }
        do {
            _ = try SegmentPolicy.parse("[default]\n" + entry + "colour = \"red\"\n", source: "p.toml")
            Issue.record("an unknown key was accepted")
        } catch {
            #expect(error.description.contains("not a valid segment policy"))
        }
    }
}
