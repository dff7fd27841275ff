import ArgumentParser
import Foundation
import Receivables

/// `solvent demo`: the whole pipeline on the built-in sample. For now: generate, ingest,
/// receivables metrics and the customer profile.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the pipeline on a generated sample portfolio (for now: generate, ingest, metrics, profile).",
        discussion: """
        Generates the sample portfolio (2,000 customers, 24 months, seed 20261129) into a \
        working folder, replacing the previous demo, and loads it into a fresh store there \
        (DIR/solvent.sqlite), validating every row; then prints the portfolio's receivables \
        metrics at the end of the history and builds the customer profile there. Later \
        steps (train, score, segment, forecast, report) join as they become available.
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
        print("Step 1 of 4: generate the sample portfolio")
        let summary = try GenerateCommand.generate(Self.sample, into: dir, force: true)
        let elapsed = clock.now - started
        _ = FileManager.default.createFile(atPath: (dir as NSString).appendingPathComponent(Self.marker), contents: Data())
        print(GenerateCommand.report(summary, seconds: elapsed.seconds))

        let storePath = (dir as NSString).appendingPathComponent("solvent.sqlite")
        print("\nStep 2 of 4: ingest it into \(storePath), validating every row")
        let store = try ingest(into: storePath)
        let asOf = Self.sample.end
        let portfolio = try store.loadPortfolio()
        print("\nStep 3 of 4: receivables metrics at \(asOf) (solvent metrics --as-of \(asOf))")
        let metrics = try MetricsTable(portfolio: portfolio, periodEnds: [asOf]).row(period: 0)
        print(Self.describe(metrics, currency: portfolio.reportingCurrency))
        print("\nStep 4 of 4: the customer profile at \(asOf) (solvent profile --as-of \(asOf))")
        let profile = try ProfileBuilder(portfolio: portfolio).profile(asOf: asOf)
        try store.saveProfileSnapshot(profile)
        print("  \(grouped(profile.rowCount)) customers × \(profile.features.count) features, snapshot stored "
              + "(solvent profile --describe lists them)")
    }

    /// The portfolio's metrics in a few lines a CFO reads.
    static func describe(_ m: MetricsRow, currency: String) -> String {
        func money(_ cents: Int64) -> String { grouped(Int((Double(cents) / 100).rounded())) + " " + currency }
        func days(_ x: Double?) -> String { x.map { String(format: "%.1f days", $0) } ?? "n/a (no sales)" }
        let a = m.aging
        return [
            "  AR \(money(m.ar)), of which current \(money(m.currentAR)); sales in the month \(money(m.sales))",
            "  DSO \(days(m.dso)), countback \(days(m.countbackDSO)), best possible \(days(m.bestPossibleDSO)), "
                + "average days delinquent \(days(m.averageDaysDelinquent))",
            "  CEI " + (m.cei.map { String(format: "%.1f %%", $0) } ?? "n/a"),
            "  aging: current \(money(a.current)), 1–30 \(money(a.days1to30)), 31–60 \(money(a.days31to60)), "
                + "61–90 \(money(a.days61to90)), 91+ \(money(a.days91plus))",
        ].joined(separator: "\n")
    }

    /// Loads every source file of the demo folder into a fresh store.
    private func ingest(into storePath: String) throws -> SQLiteStore {
        let store: SQLiteStore
        do {
            store = try SQLiteStore(path: storePath)
        } catch let error as StoreError {
            throw RunError(error.description)
        }
        let ingestor = Ingestor(store: store)
        let profile = ImportProfile(name: "default")
        for kind in SourceKind.allCases {
            let path = (dir as NSString).appendingPathComponent("\(kind.rawValue).csv")
            let report: IngestReport
            do {
                report = try ingestor.ingest(IngestRequest(kind: kind, path: path, profile: profile))
            } catch let error as IngestError {
                throw RunError("demo data did not load: \(error)")
            }
            guard report.outcome == .stored else {
                throw RunError("demo data did not load: \(path): \(report.firstRejects.first.map(\.description) ?? "\(report.outcome)")")
            }
            print("  \(kind.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0))"
                  + padLeft(grouped(report.rowsStored), 9) + " rows stored"
                  + String(format: "%7.2f s", report.seconds))
        }
        return store
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
