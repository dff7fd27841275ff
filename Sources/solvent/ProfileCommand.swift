import ArgumentParser
import Foundation
import Receivables

/// `solvent profile`: the customer 360 feature table at a date.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "The point-in-time feature table: one row per customer at --as-of, stored as a snapshot and written out.",
        discussion: """
        Only records dated on or before --as-of count: invoices issued, payments made, ratings \
        published, limits valid, disputes opened and orders placed by then; open amounts are \
        as of that date. Customers created after --as-of have no row. Every feature (name, \
        meaning, unit, window) is in the catalogue: solvent profile --describe (docs/profile.md).

        Missing values are an empty CSV cell or JSON null, never 0 or NaN, and each is flagged \
        by a 0/1 indicator column (<family>_missing). The table is stored in the store as the \
        snapshot of the date (replacing an earlier one) and written to --out (atomically) or \
        standard output; the summary goes to standard error when the table goes to standard output.

        Exit 65: the store holds no customers (run solvent ingest first), or no customer existed \
        yet on --as-of (all were created after it; nothing is stored). An as-of before every \
        invoice is not an error: the rows are there, their behaviour features missing, with a note.
        """
    )

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The date of the profile (yyyy-MM-dd).", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("Write the table to this file (atomically) instead of standard output.", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("Table format (csv or json); with --describe also text (default) or markdown.",
                               valueName: "csv|json"))
    var format: String?

    @Flag(help: "Print the feature catalogue (name, kind, unit, window, meaning) and exit.")
    var describe = false

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if describe {
            guard ["text", "csv", "json", "markdown"].contains(format ?? "text") else {
                throw ValidationError("--format with --describe must be text, csv, json or markdown, got \"\(format ?? "")\"")
            }
            return
        }
        guard let asOf else { throw ValidationError("give --as-of DATE (yyyy-MM-dd), or --describe") }
        guard CalendarDate(iso: asOf) != nil else {
            throw ValidationError("--as-of must be a date yyyy-MM-dd, got \"\(asOf)\"")
        }
        guard ["csv", "json"].contains(format ?? "csv") else {
            throw ValidationError("--format must be csv or json, got \"\(format ?? "")\"")
        }
    }

    func run() throws {
        if describe {
            print(Self.catalogue(format: format ?? "text"), terminator: "")
            return
        }
        guard let text = asOf, let date = CalendarDate(iso: text) else { throw ValidationError("--as-of must be a date yyyy-MM-dd") }
        let clock = ContinuousClock()
        let started = clock.now
        let store = try storeOptions.open()
        guard try store.count(.customers) > 0 else {
            throw DataError("the store holds no customers: run solvent ingest first (store \(storeOptions.path))")
        }
        var phases: [(String, Double)] = []
        var mark = clock.now
        func lap(_ name: String) {
            phases.append((name, (clock.now - mark).seconds))
            mark = clock.now
        }
        let portfolio: PortfolioData
        do {
            portfolio = try store.loadPortfolio()
            lap(portfolio.fromCache ? "load (cache)" : "load")
        } catch let error as PortfolioError {
            throw DataError(error.description)
        }
        let table: ProfileTable
        do {
            table = try ProfileBuilder(portfolio: portfolio).profile(asOf: date)
            lap("compute")
        } catch {
            throw DataError(error.description)
        }
        guard table.rowCount > 0 else {
            let earliest = portfolio.customers.compactMap(\.createdOn).min().map { " (the earliest created_on is \($0))" } ?? ""
            throw DataError("no customer existed on \(date): all \(grouped(portfolio.customers.count)) were created after it\(earliest); nothing was stored. Choose a later --as-of.")
        }
        if let out {
            // The snapshot and the file side by side (each only reads the table); the
            // file replaces --out only once the snapshot is stored.
            try storeAndWrite(table, store: store, to: out)
            lap("store and write")
        } else {
            try store.saveProfileSnapshot(table)
            lap("store")
            try write(table)
            lap("write")
        }
        let seconds = (clock.now - started).seconds
        guard !output.quiet else { return }
        var summary = "profile \(date): \(grouped(table.rowCount)) customers × \(table.features.count) features, "
        summary += "snapshot stored" + (out.map { ", written to \($0)" } ?? "") + String(format: " (%.2f s)", seconds)
        if output.verbose { summary += "\n  " + phases.map { String(format: "%@ %.2f s", $0.0, $0.1) }.joined(separator: ", ") }
        if !portfolio.invoices.contains(where: { $0.issueDate <= date }) {
            summary += "\nnote: no invoice is issued on or before \(date): every payment-behaviour and exposure feature is empty or zero"
        }
        if out == nil {
            var standardError = FileHandleOutputStream.standardError
            print(summary, to: &standardError)
        } else {
            print(summary)
        }
    }

    /// Stores the snapshot while the table is written to a temporary file beside
    /// `path`, on two threads; the file is renamed over `path` only when both
    /// succeeded (a failed save leaves --out as it was).
    func storeAndWrite(_ table: ProfileTable, store: any ReceivablesStore, to path: String) throws {
        let writer: AtomicFileWriter
        do { writer = try AtomicFileWriter(path: path) } catch { throw RunError(error.description) }
        var errors: [(any Error)?] = [nil, nil]
        errors.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            nonisolated(unsafe) let writer = writer
            DispatchQueue.concurrentPerform(iterations: 2) { part in
                do {
                    if part == 0 {
                        try store.saveProfileSnapshot(table)
                    } else {
                        try emit(table) { try writer.write($0) }
                    }
                } catch {
                    slots[part] = error
                }
            }
        }
        if let error = errors[0] { throw error }
        do {
            if let error = errors[1] { throw error }
            try writer.commit()
        } catch let error as FileWriteError {
            throw RunError(error.description)
        }
    }

    /// The table in --format, chunk by chunk.
    func emit(_ table: ProfileTable, _ chunk: (String) throws -> Void) rethrows {
        if format == "json" { try table.jsonChunks(chunk) } else { try table.csvLines(chunk) }
    }

    /// Writes the table to standard output.
    func write(_ table: ProfileTable) throws {
        var buffer = ""
        let flush = {
            FileHandle.standardOutput.write(Data(buffer.utf8))
            buffer.removeAll(keepingCapacity: true)
        }
        emit(table) { chunk in
            buffer += chunk
            if buffer.utf8.count >= 1 << 20 { flush() }
        }
        flush()
    }

    static func catalogue(format: String) -> String {
        switch format {
        case "csv": return FeatureCatalog.describeCSV()
        case "json": return FeatureCatalog.describeJSON()
        case "markdown": return FeatureCatalog.markdownTable()
        default: return FeatureCatalog.describeText()
        }
    }
}
