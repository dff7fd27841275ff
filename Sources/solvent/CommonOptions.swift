import ArgumentParser
import Foundation
import Receivables

/// `--store PATH`: the store every command reads and writes.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The store (SQLite file). Default: $SOLVENT_STORE, else solvent.sqlite here.",
                               valueName: "path"))
    var store: String?

    @Flag(help: ArgumentHelp("Read the store's tables even when the cache beside it (<store>-cache) is current, and write no cache (after editing the store other than by solvent ingest, delete that file instead)."))
    var noCache = false

    var path: String { resolveStorePath(option: store, environment: ProcessInfo.processInfo.environment) }

    func open() throws -> SQLiteStore {
        do {
            return try SQLiteStore(path: path, cache: !noCache, writesCacheInBackground: true)
        } catch let error as StoreError {
            throw RunError(error.description)
        }
    }
}

extension StoreOptions {
    /// What the store holds (everything unless `scope` says less); an empty store is refused with what to do.
    func portfolio(_ scope: PortfolioScope = .all) throws -> PortfolioData {
        let store = try open()
        guard try store.count(.customers) > 0 else {
            throw DataError("the store holds no customers: run solvent ingest first (store \(path))")
        }
        do { return try store.loadPortfolio(scope) } catch { throw DataError("\(error)") }
    }

    /// The customer profile at `asOf` built from the store; an empty store is refused with what to do.
    func profile(asOf date: CalendarDate) throws -> ProfileTable {
        let portfolio = try portfolio()
        do {
            return try ProfileBuilder(portfolio: portfolio).profile(asOf: date)
        } catch {
            throw DataError("\(error)")
        }
    }
}

/// Writes a command's table to `out` atomically, or to standard output when there is no `--out`.
func writeOutput(_ text: String, to out: String?) throws {
    if let out {
        do { try AtomicFileWriter.write(Data(text.utf8), to: out) } catch {
            throw RunError(error.description)
        }
    } else {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// `--level`, `--simulations` and `--seed` of the simulated forecasts.
struct SimulationOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Interval levels in percent, comma-separated.", valueName: "levels")) var level: String = "80,95"
    @Option(help: ArgumentHelp("Simulated paths for the intervals (default 1,000).", valueName: "n")) var simulations: Int = 1_000
    @Option(help: ArgumentHelp("Seed of the simulations.", valueName: "n")) var seed: UInt64 = 20261129

    /// The levels, once `validate` has passed.
    var levels: [Double] { (try? ForecastCommand.levels(level)) ?? [] }

    func validate() throws {
        guard simulations >= 100 else { throw ValidationError("--simulations must be at least 100, got \(simulations)") }
        _ = try ForecastCommand.levels(level)
    }
}

/// `--quiet` and `--verbose`.
struct OutputOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print more detail (every reject, ignored columns).")
    var verbose = false
}

/// A run whose input data is bad: exit 65 (EX_DATAERR), with a message.
struct DataError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension ExitCode {
    static let dataError = ExitCode(65)
    static let locked = ExitCode(75)
}

/// Thousands separators for counts in summaries: 1,234,567.
func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + out
}

/// `s` right-aligned in `width` columns.
func padLeft(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
}
