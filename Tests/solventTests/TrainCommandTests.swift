import Foundation
import Testing

/// `solvent train pd`, `score` and `validate` end to end, on the German credit data.
@Suite struct TrainCommandTests {
    typealias CLI = CommandLineTests
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let german = root.appendingPathComponent("datasets/german-credit/german_credit.csv").path
    static let allow = ["--allow-feature", "personal_status_and_sex", "--allow-feature", "foreign_worker"]

    func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    /// The issue's bar: statsmodels' coefficients within 1e-6, standard errors 1e-5, log-likelihood 1e-8.
    @Test func germanCreditMatchesStatsmodels() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("models/german.json").path
        let run = try CLI.run(["train", "pd", "--data", Self.german, "--target", "creditability", "--out", out] + Self.allow)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Logit Regression Results") && run.stdout.contains("No. Observations:                 1000"))
        let model = try json(out)
        let reference = try json(Self.root.appendingPathComponent("Tests/SolventModelsTests/Fixtures/logistic/german.json").path)
        let coefficients = try #require(model["coefficients"] as? [[String: Any]])
        #expect(coefficients.map { $0["name"] as? String } == (reference["columns"] as? [String])?.map { Optional($0) })
        let beta = reference["coefficients"] as? [Double] ?? [], se = reference["standard_errors"] as? [Double] ?? []
        for (k, c) in coefficients.enumerated() {
            let b = c["estimate"] as? Double ?? .nan, s = c["stdError"] as? Double ?? .nan
            #expect(abs(b - beta[k]) / abs(beta[k]) < 1e-6, "\(c["name"] ?? "")")
            #expect(abs(s - se[k]) / se[k] < 1e-5)
        }
        let fit = try #require(model["fit"] as? [String: Any])
        let ll = reference["log_likelihood"] as? Double ?? .nan
        #expect(abs((fit["logLikelihood"] as? Double ?? 0) - ll) / abs(ll) < 1e-8)
        #expect(model["schemaVersion"] as? Int == 1 && model["kind"] as? String == "pd")
        #expect((model["sha256"] as? String)?.count == 64)
        let card = try String(contentsOfFile: dir.appendingPathComponent("models/german.md").path, encoding: .utf8)
        #expect(card.contains("# Model card: german") && card.contains("Protected attributes used"))
        #expect(card.contains("`personal_status_and_sex`") && card.contains("| `(Intercept)` |"))

        // Scoring: one row per input row, the documented columns; the same model again gives the same scores.
        let scores = dir.appendingPathComponent("scores.csv").path
        let scored = try CLI.run(["score", "--model", out, "--data", Self.german, "--out", scores])
        #expect(scored.status == 0, "\(scored.stderr)")
        let lines = try String(contentsOfFile: scores, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1001)
        #expect(lines[0] == "id,pd,score,band,reason_1,reason_2,reason_3,reason_4")
        let again = try CLI.run(["score", "--model", out, "--data", Self.german])
        #expect(again.stdout == lines.joined(separator: "\n") + "\n")

        let validated = try CLI.run(["validate", "--model", out, "--data", Self.german])
        #expect(validated.status == 0, "\(validated.stderr)")
        #expect(validated.stdout.contains("AUC 0.8309") && validated.stdout.contains("PSI of the score against training: 0.0000 (stable)"))
    }

    @Test func protectedAttributesAreRefusedUnlessAllowed() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.run(["train", "pd", "--data", Self.german, "--target", "creditability",
                               "--out", dir.appendingPathComponent("m.json").path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("protected attributes in the features: personal_status_and_sex (sex), foreign_worker (foreign)"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("m.json").path))
    }

    @Test func aScorecardWithValidationAndAnEditedModelIsRefused() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("card.json").path
        let run = try CLI.run(["train", "pd", "--data", Self.german, "--target", "creditability", "--woe", "--monotonic",
                               "--bins", "6", "--cv", "5", "--test-fraction", "0.3", "--exclude",
                               "personal_status_and_sex,foreign_worker", "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Logit Regression Results (on WoE)"))
        #expect(run.stdout.contains("5-fold cross-validation: AUC"))
        #expect(run.stdout.contains("test rows: random 30 % of the rows"))
        let card = try String(contentsOfFile: dir.appendingPathComponent("card.md").path, encoding: .utf8)
        #expect(card.contains("## Information value") && card.contains("WoE"))

        // One digit changed anywhere in the payload: refused with the reason, exit 65.
        var text = try String(contentsOfFile: out, encoding: .utf8)
        let range = try #require(text.range(of: "\"pdo\" : 20"))
        text.replaceSubrange(range, with: "\"pdo\" : 21")
        let edited = dir.appendingPathComponent("edited.json").path
        try text.write(toFile: edited, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["score", "--model", edited, "--data", Self.german])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("checksum mismatch"))
    }

    @Test func scoringDataWithOtherColumnsIsRefused() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("m.json").path
        #expect(try CLI.run(["train", "pd", "--data", Self.german, "--target", "creditability", "--out", out] + Self.allow).status == 0)
        var lines = try String(contentsOfFile: Self.german, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[0] = lines[0].replacingOccurrences(of: "age_in_years", with: "age")
        let other = dir.appendingPathComponent("other.csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: other, atomically: true, encoding: .utf8)
        let run = try CLI.run(["score", "--model", out, "--data", other])
        #expect(run.status == 65)
        #expect(run.stderr.contains("missing age_in_years; not in the model age"), "\(run.stderr)")
    }

    @Test func badArguments() throws {
        for (arguments, message) in [
            (["train", "pd", "--out", "m.json"], "give either --data FILE --target COL"),
            (["train", "pd", "--data", "x.csv", "--out", "m.json"], "--data needs --target"),
            (["train", "pd", "--data", "x.csv", "--target", "y", "--l2", "1", "--firth", "--out", "m.json"], "--l2 and --firth are alternatives"),
            (["train", "pd", "--data", "x.csv", "--target", "y", "--test-fraction", "1.5", "--out", "m.json"], "--test-fraction must be between 0 and 1"),
            (["score", "--model", "m.json"], "give --data FILE or --as-of DATE"),
        ] {
            let run = try CLI.run(arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains(message), "\(run.stderr)")
        }
    }
}
