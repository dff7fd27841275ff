import Foundation
import Testing

/// `solvent train segments` and `solvent score` with a segments model, from a table.
@Suite struct SegmentsCommandTests {
    typealias CLI = CommandLineTests

    /// Three groups on the profile's behaviour feature names (deterministic, no randomness needed).
    static func table(rows: Int = 90) -> String {
        var text = "customer_id,pb_12m_days_late_mean,reg_day_concentration,dsp_12m_rate,name\n"
        for i in 0..<rows {
            let wobble = Double(i % 7) / 10
            switch i % 3 {
            case 0: text += "C\(i),\(1 + wobble),\(0.1 + wobble / 10),0.01,Firm \(i)\n"
            case 1: text += "C\(i),\(35 + wobble),\(0.9 - wobble / 20),0.02,Firm \(i)\n"
            default: text += "C\(i),\(20 + wobble),\(0.2 + wobble / 10),\(0.35 + wobble / 20),Firm \(i)\n"
            }
        }
        return text
    }

    @Test func automaticSegmentsFromATableAreNamedAndScoredWithActions() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("behaviour.csv"), model = dir.appendingPathComponent("m/segments.json").path
        try Self.table().write(to: data, atomically: true, encoding: .utf8)
        let trained = try CLI.run(["train", "segments", "--data", data.path, "--id", "customer_id", "--k", "auto",
                                   "--k-range", "2..5", "--out", model])
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(trained.stdout.contains("← chosen") && trained.stdout.contains("Calinski–Harabasz"))
        #expect(trained.stdout.contains("3 segments of 90 rows"))
        let card = try String(contentsOfFile: dir.appendingPathComponent("m/segments.md").path, encoding: .utf8)
        #expect(card.contains("# Model card: segments") && card.contains("## Choosing k"))

        let scored = try CLI.run(["score", "--model", model, "--data", data.path, "--policy", "default"])
        #expect(scored.status == 0, "\(scored.stderr)")
        let lines = scored.stdout.split(separator: "\n")
        #expect(lines.first == "id,segment,segment_name,distance,reminders,channel,credit_hold,limit_review")
        #expect(lines.count == 91)
        #expect(lines[1].hasPrefix("C0,3,punctual,") && lines[1].hasSuffix(",none,email,none,annual"))
        #expect(lines[2].hasPrefix("C1,2,fixed-day payers,"))
        #expect(lines[3].hasPrefix("C2,1,disputers,") && lines[3].hasSuffix(",due due+7,phone,until-paid,quarterly"))
        let plain = try CLI.run(["score", "--model", model, "--data", data.path])
        #expect(plain.stdout.hasPrefix("id,segment,segment_name,distance\n"))
    }

    @Test func badInputGetsAClearMessage() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("behaviour.csv"), model = dir.appendingPathComponent("segments.json").path
        try Self.table().write(to: data, atomically: true, encoding: .utf8)
        let base = ["train", "segments", "--data", data.path, "--id", "customer_id", "--out", model]

        let zero = try CLI.run(base + ["--k", "0"])
        #expect(zero.status == 2 && zero.stderr.contains("--k must be a whole number ≥ 1 or auto"))
        let tooMany = try CLI.run(base + ["--k", "91"])
        #expect(tooMany.status == 65 && tooMany.stderr.contains("k = 91 must be between 1 and the number of rows (90)"))
        let range = try CLI.run(base + ["--k", "auto", "--k-range", "5..3"])
        #expect(range.status == 2 && range.stderr.contains("--k-range must be A..B with 2 ≤ A < B"))

        let infinite = dir.appendingPathComponent("inf.csv")
        try (Self.table().replacingOccurrences(of: "C4,35.4", with: "C4,inf")).write(to: infinite, atomically: true, encoding: .utf8)
        let nonFinite = try CLI.run(["train", "segments", "--data", infinite.path, "--id", "customer_id", "--k", "3", "--out", model])
        #expect(nonFinite.status == 65 && nonFinite.stderr.contains("non-finite value inf in column 'pb_12m_days_late_mean' at row 5"),
                "\(nonFinite.stderr)")

        let constant = dir.appendingPathComponent("constant.csv")
        let constantText = Self.table().split(separator: "\n").enumerated().map { i, line in
            i == 0 ? "customer_id,pb_12m_days_late_mean,reg_day_concentration,dsp_12m_rate"
                : line.split(separator: ",").prefix(3).joined(separator: ",") + ",0.02"
        }.joined(separator: "\n") + "\n"
        try constantText.write(to: constant, atomically: true, encoding: .utf8)
        let flat = try CLI.run(["train", "segments", "--data", constant.path, "--id", "customer_id", "--k", "3", "--out", model])
        #expect(flat.status == 0 && flat.stdout.contains("warning: column 'dsp_12m_rate' is constant"), "\(flat.stdout)")
        #expect(try CLI.run(base + ["--k", "3"]).status == 0)

        let other = dir.appendingPathComponent("other.csv")
        try Self.table().replacingOccurrences(of: "dsp_12m_rate", with: "disputes").write(to: other, atomically: true, encoding: .utf8)
        let mismatch = try CLI.run(["score", "--model", model, "--data", other.path])
        #expect(mismatch.status == 65 && mismatch.stderr.contains("missing dsp_12m_rate; not in the model disputes"), "\(mismatch.stderr)")

        let policy = dir.appendingPathComponent("policy.toml")
        try "[default]\nreminders = [7]\nchannel = \"fax\"\ncredit_hold = \"none\"\nlimit_review = \"annual\"\n"
            .write(to: policy, atomically: true, encoding: .utf8)
        let badPolicy = try CLI.run(["score", "--model", model, "--data", data.path, "--policy", policy.path])
        #expect(badPolicy.status == 65 && badPolicy.stderr.contains("default.channel = \"fax\"; use one of email, sms-link, paper-qr, phone"))

        let byWithout = try CLI.run(["metrics", "--as-of", "2026-10-31", "--by", "segment"])
        #expect(byWithout.status == 2 && byWithout.stderr.contains("--by segment needs --segments MODEL"))
    }
}
