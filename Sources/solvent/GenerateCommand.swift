import ArgumentParser
import Foundation
import Receivables

/// `solvent generate`: a synthetic portfolio, every source file plus truth.csv.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a synthetic portfolio: the eight source files plus truth.csv.",
        discussion: """
        Writes customers, invoices, payments, ratings, limits, disputes, orders and \
        opportunities (DESIGN.md columns) and truth.csv (latent segment, true default flag \
        and date, true PD) for N customers over M months ending on --end. The same \
        settings give byte-identical files. The generative model: docs/generator.md.
        """
    )

    @Option(help: "Number of customers (positive).")
    var customers: Int

    @Option(help: "Months of history, ending with the month of --end (positive).")
    var months: Int

    @Option(help: "Random seed; the same seed gives the same bytes.")
    var seed: UInt64

    @Option(help: ArgumentHelp("Output folder; created if missing.", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp("Last day of the history (yyyy-MM-dd).", valueName: "date"))
    var end: String = PortfolioSettings.defaultEnd.description

    @Flag(help: "Write into a non-empty output folder, replacing files of the same names.")
    var force = false

    func validate() throws {
        _ = try settings()
    }

    /// The validated generator settings; a `ValidationError` (exit 2) names the bad value.
    func settings() throws -> PortfolioSettings {
        guard let endDate = CalendarDate(iso: end) else {
            throw ValidationError("--end must be a date yyyy-MM-dd, got \"\(end)\"")
        }
        let settings = PortfolioSettings(customers: customers, months: months, seed: seed, end: endDate)
        do {
            try settings.validate()
        } catch {
            throw ValidationError(error.description)
        }
        return settings
    }

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let summary = try GenerateCommand.generate(settings(), into: out, force: force)
        let elapsed = clock.now - started
        print(GenerateCommand.report(summary, seconds: elapsed.seconds))
    }

    /// Runs the generator, turning output-folder problems into usage errors (exit 2).
    static func generate(_ settings: PortfolioSettings, into folder: String, force: Bool) throws -> GenerationSummary {
        do {
            return try PortfolioGenerator(settings: settings).write(to: folder, force: force)
        } catch let error as OutputFolderError {
            throw ValidationError(error.description)
        } catch let error as PortfolioSettingsError {
            throw ValidationError(error.description)
        } catch let error as FileWriteError {
            throw RunError("generation failed, no complete output written: \(error)")
        }
    }

    /// The summary table printed after a run.
    static func report(_ s: GenerationSummary, seconds: Double) -> String {
        let p = s.settings
        var lines = ["Generated \(p.customers) customers × \(p.months) months (\(p.start) … \(p.end)), seed \(p.seed), "
                     + "model \(PortfolioGenerator.modelVersion), into \(s.folder)"]
        let width = s.files.map(\.name.count).max() ?? 10
        for f in s.files {
            lines.append("  " + f.name.padding(toLength: width, withPad: " ", startingAt: 0)
                         + padLeft(String(f.rows), 11) + " rows" + padLeft(megabytes(f.bytes), 10) + " MB")
        }
        let invoices = s.rows("invoices.csv")
        let rate = seconds > 0 ? Double(invoices) / seconds : 0
        lines.append("  total" + String(repeating: " ", count: max(0, width - 5)) + padLeft("", 16)
                     + padLeft(megabytes(s.totalBytes), 10) + " MB")
        lines.append("Defaulted: \(s.defaulted) of \(p.customers) customers ("
                     + String(format: "%.1f", 100 * Double(s.defaulted) / Double(max(1, p.customers))) + " %)")
        lines.append("Time: " + String(format: "%.2f", seconds) + " s ("
                     + String(format: "%.0f", rate) + " invoices/s); truth.csv is written last.")
        return lines.joined(separator: "\n")
    }

    private static func megabytes(_ bytes: Int) -> String { String(format: "%.2f", Double(bytes) / 1_000_000) }

}

/// A failure of a run that is not the user's usage (exit 1).
struct RunError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

