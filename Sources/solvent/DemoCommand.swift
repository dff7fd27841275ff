import ArgumentParser
import Foundation
import Receivables

/// `solvent demo`: the whole pipeline on the built-in sample. For now: generate.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the pipeline on a generated sample portfolio (for now: generate it).",
        discussion: """
        Generates the sample portfolio (2,000 customers, 24 months, seed 20261129) into a \
        working folder, replacing the previous demo, and prints what it wrote. Later steps \
        (ingest, train, score, segment, forecast, report) join as they become available.
        """
    )

    /// The settings of the committed sample in datasets/sample.
    static let sample = PortfolioSettings(customers: 2_000, months: 24, seed: 20_261_129)
    /// The file that marks a folder as a demo folder, so that `demo` never empties another folder.
    static let marker = ".solvent-demo"

    @Option(help: ArgumentHelp("Working folder, replaced on each run.", valueName: "dir"))
    var dir: String = "solvent-demo"

    func run() throws {
        try clearWorkingFolder()
        let clock = ContinuousClock()
        let started = clock.now
        print("Step 1 of 1: generate the sample portfolio")
        let summary = try GenerateCommand.generate(Self.sample, into: dir, force: true)
        let elapsed = clock.now - started
        _ = FileManager.default.createFile(atPath: (dir as NSString).appendingPathComponent(Self.marker), contents: Data())
        print(GenerateCommand.report(summary, seconds: elapsed.seconds))
    }

    /// Empties the working folder when it is a previous demo (or empty); refuses any other folder.
    private func clearWorkingFolder() throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: dir, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw ValidationError("demo folder \(dir) exists and is not a folder; pass another --dir")
        }
        let entries = (try? fm.contentsOfDirectory(atPath: dir)) ?? []
        guard entries.isEmpty || entries.contains(Self.marker) else {
            throw ValidationError("\(dir) is not empty and was not made by solvent demo; pass another --dir or remove it")
        }
        for entry in entries {
            do {
                try fm.removeItem(atPath: (dir as NSString).appendingPathComponent(entry))
            } catch {
                throw ValidationError("cannot clear demo folder \(dir): \(error.localizedDescription)")
            }
        }
    }
}
