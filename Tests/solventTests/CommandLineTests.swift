import Foundation
import Testing

/// End-to-end tests of `solvent`: they run the built binary as a user would.
@Suite struct CommandLineTests {
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The `solvent` executable next to the test bundle (works with any --scratch-path),
    /// else `SOLVENT_BINARY`.
    static func binary() throws -> URL {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["SOLVENT_BINARY"] { candidates.append(URL(fileURLWithPath: path)) }
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent().appendingPathComponent("solvent")) }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("solvent"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("solvent"))
        let arg0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(arg0.deletingLastPathComponent().appendingPathComponent("solvent"))
        for url in candidates where FileManager.default.isExecutableFile(atPath: url.path) { return url }
        throw BinaryNotFound(tried: candidates.map(\.path))
    }

    struct BinaryNotFound: Error, CustomStringConvertible {
        let tried: [String]
        var description: String { "solvent binary not found; tried \(tried)" }
    }

    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }

    /// One folder per test process for the tests' files, removed when the process exits
    /// (not every test removes its own, and a failing one leaves it for a look until then).
    static let temporaryRoot: URL = {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("solvent-cli-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: root)
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: CommandLineTests.temporaryRoot) }
        return root
    }()

    static func temporaryFolder(_ name: String = #function) throws -> URL {
        let url = temporaryRoot.appendingPathComponent(name.filter(\.isLetter))
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let files = ["customers.csv", "invoices.csv", "payments.csv", "ratings.csv", "limits.csv",
                        "disputes.csv", "orders.csv", "opportunities.csv", "truth.csv"]

    static func generate(seed: Int, into dir: URL, extra: [String] = []) throws -> Outcome {
        try run(["generate", "--customers", "60", "--months", "14", "--seed", String(seed), "--out", dir.path] + extra)
    }

    @Test func sameSeedGivesByteIdenticalFiles() throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let a = root.appendingPathComponent("a"), b = root.appendingPathComponent("b")
        let first = try Self.generate(seed: 7, into: a), second = try Self.generate(seed: 7, into: b)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(first.stdout.contains("invoices.csv"))
        for file in Self.files {
            let x = try Data(contentsOf: a.appendingPathComponent(file))
            let y = try Data(contentsOf: b.appendingPathComponent(file))
            #expect(x == y, "\(file) differs between two runs with the same seed")
            #expect(x.count > 40, "\(file) is nearly empty")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: a.path).filter { $0.hasPrefix(".partial") }
        #expect(left.isEmpty, "staging folder left behind: \(left)")
    }

    @Test func differentSeedsGiveDifferentFiles() throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let a = root.appendingPathComponent("a"), b = root.appendingPathComponent("b")
        #expect(try Self.generate(seed: 1, into: a).status == 0)
        #expect(try Self.generate(seed: 2, into: b).status == 0)
        for file in ["customers.csv", "invoices.csv", "payments.csv", "truth.csv"] {
            let x = try Data(contentsOf: a.appendingPathComponent(file))
            let y = try Data(contentsOf: b.appendingPathComponent(file))
            #expect(x != y, "\(file) is the same for seeds 1 and 2")
        }
    }

    @Test(arguments: [
        (["--customers", "0", "--months", "12"], "--customers must be a positive whole number, got 0"),
        (["--customers", "10", "--months=-3"], "--months must be a positive whole number, got -3"),
        (["--customers", "abc", "--months", "12"], "customers"),
        (["--customers", "10", "--months", "12", "--end", "2026-02-30"], "--end must be a date"),
    ])
    func badArgumentsExitTwo(arguments: [String], message: String) throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let outcome = try Self.run(["generate"] + arguments + ["--seed", "1", "--out", out.path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains(message), "stderr: \(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path), "bad arguments must not create the folder")
    }

    @Test func nonEmptyFolderNeedsForce() throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let keep = root.appendingPathComponent("notes.txt")
        try Data("mine".utf8).write(to: keep)
        let refused = try Self.generate(seed: 3, into: root)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("is not empty"), "stderr: \(refused.stderr)")
        #expect(refused.stderr.contains("--force"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("truth.csv").path))

        let forced = try Self.generate(seed: 3, into: root, extra: ["--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("truth.csv").path))
        #expect(FileManager.default.fileExists(atPath: keep.path), "--force must leave other files alone")
    }

    @Test func unwritableFolderExitsTwo() throws {
        let outcome = try Self.run(["generate", "--customers", "5", "--months", "3", "--seed", "1",
                                    "--out", "/proc/solvent-cannot-write-here"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("cannot write to output folder /proc/solvent-cannot-write-here"),
                "stderr: \(outcome.stderr)")
    }

    @Test func outputThatIsAFileExitsTwo() throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("plain")
        try Data().write(to: file)
        let outcome = try Self.generate(seed: 1, into: file)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("is not a folder"), "stderr: \(outcome.stderr)")
    }

    @Test func versionAndHelp() throws {
        let version = try Self.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        let help = try Self.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("generate"))
        #expect(help.stdout.contains("demo"))
        let generateHelp = try Self.run(["generate", "--help"])
        for option in ["--customers", "--months", "--seed", "--out", "--force", "--end"] {
            #expect(generateHelp.stdout.contains(option), "generate --help lacks \(option)")
        }
        let unknown = try Self.run(["frobnicate"])
        #expect(unknown.status == 2)
    }

    @Test func demoRefusesAForeignFolder() throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("mine".utf8).write(to: root.appendingPathComponent("notes.txt"))
        let outcome = try Self.run(["demo", "--dir", root.path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("was not made by solvent demo"), "stderr: \(outcome.stderr)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("notes.txt").path))
    }

    @Test func demoGeneratesTheSampleAndReplacesItsFolder() throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try Self.run(["demo"], in: root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("2000 customers × 24 months"))
        #expect(first.stdout.contains("invoices.csv"))
        #expect(first.stdout.contains("Step 2 of 8: ingest"))
        #expect(first.stdout.contains("Step 3 of 8: receivables metrics") && first.stdout.contains("countback"))
        #expect(first.stdout.contains("Step 5 of 8: train a default model") && first.stdout.contains("held-out AUC"))
        #expect(first.stdout.contains("Step 6 of 8: score every customer") && first.stdout.contains("2,000 customers scored"))
        #expect(first.stdout.contains("2,000 customers × 87 features"))
        // Issue 6's bar: automatic k finds the generator's 6 segments ± 1, named, with policies; the ARI is printed.
        #expect(first.stdout.contains("Step 7 of 8: segment the customers"))
        let k = first.stdout.firstMatch(of: /k = (\d+) of 3…10/).flatMap { Int($0.1) }
        #expect(k.map { abs($0 - 6) <= 1 } == true, "chosen k: \(String(describing: k))")
        #expect(first.stdout.contains("punctual") && first.stdout.contains("at risk") && first.stdout.contains("credit hold until-paid"))
        let ari = first.stdout.firstMatch(of: /adjusted Rand index (\d\.\d+)/).flatMap { Double($0.1) }
        #expect((ari ?? 0) >= 0.9, "ARI \(String(describing: ari))")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("solvent-demo/models/segments.json").path))
        #expect(first.stdout.contains("Step 8 of 8: forecast the cash coming in over 13 weeks") && first.stdout.contains("80 % interval"))
        let cash = try String(contentsOf: root.appendingPathComponent("solvent-demo/cash.csv"), encoding: .utf8)
        #expect(cash.hasPrefix("week_start,week_end,source,mean,lo_80,hi_80,lo_95,hi_95\n2026-11-01,2026-11-07,open,"))
        #expect(first.stdout.contains("invoices        132,891 rows stored"))
        let dir = root.appendingPathComponent("solvent-demo")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("solvent.sqlite").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("models/pd.json").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("models/pd.md").path))
        let scores = try String(contentsOf: dir.appendingPathComponent("scores.csv"), encoding: .utf8)
        #expect(scores.hasPrefix("id,pd,score,band,reason_1,reason_2,reason_3,reason_4\n"))
        // The demo generates exactly the committed sample (datasets/sample/README.md).
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("datasets/sample")
        for file in Self.files {
            let generated = try Data(contentsOf: dir.appendingPathComponent(file))
            let committed = try Data(contentsOf: sample.appendingPathComponent(file))
            #expect(generated == committed, "\(file) differs from datasets/sample: regenerate the sample and its README")
        }
        let again = try Self.run(["demo"], in: root)
        #expect(again.status == 0, "a second demo run replaces the folder: \(again.stderr)")
    }
}
