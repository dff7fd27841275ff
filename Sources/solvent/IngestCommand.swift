import ArgumentParser
import Foundation
import Receivables

/// `solvent ingest`: load source files into the store.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load a source file (or a folder of them) into the store, validating every row.",
        discussion: """
        KIND is one of \(SourceKind.allCases.map(\.rawValue).joined(separator: ", ")).
        With --dir, every <kind>.csv of the folder is loaded in that order (the folder \
        `solvent generate` writes); a folder stops at the first file that fails.

        Each file is one transaction. --on-error fail (default): any bad row stores nothing \
        and exits 65 with a rejects report; skip: good rows are stored, bad rows reported, \
        exit 0. Rows upsert by natural key; a file already loaded (same SHA-256) changes \
        nothing. A duplicate key inside a file: the first occurrence counts, later ones are \
        rejected with both line numbers. Syntax errors (unterminated quote, invalid UTF-8) \
        stop the file whatever the policy.

        --profile takes a built-in name (default, nl, us) or a TOML file such as:

        \(ImportProfile.exampleTOML)
        """
    )

    @Argument(help: ArgumentHelp("Kind of source file.", valueName: "kind"))
    var kind: String?

    @Argument(help: ArgumentHelp("The CSV file.", valueName: "file"))
    var file: String?

    @Option(help: ArgumentHelp("Load every source file of this folder, in dependency order.", valueName: "dir"))
    var dir: String?

    @Option(help: ArgumentHelp("Import profile: default, nl, us, or a TOML file.", valueName: "name|file"))
    var profile: String = "default"

    @Option(help: ArgumentHelp("Write rejected rows here (CSV: line, column, value, rule, message).", valueName: "file"))
    var rejects: String?

    @Option(name: .customLong("on-error"), help: ArgumentHelp("fail: store nothing if any row is bad; skip: store the good rows.", valueName: "fail|skip"))
    var onError: String = "fail"

    @Flag(name: .customLong("dry-run"), help: "Parse and validate everything, store nothing.")
    var dryRun = false

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if dir != nil {
            guard kind == nil, file == nil else { throw ValidationError("give either KIND FILE or --dir DIR, not both") }
        } else {
            guard let kind, file != nil else { throw ValidationError("give KIND FILE, or --dir DIR") }
            guard SourceKind(rawValue: kind) != nil else {
                throw ValidationError("unknown kind \"\(kind)\"; use one of \(SourceKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        guard RejectPolicy(rawValue: onError) != nil else {
            throw ValidationError("--on-error must be fail or skip, got \"\(onError)\"")
        }
    }

    func run() throws {
        let importProfile: ImportProfile
        do {
            importProfile = try ImportProfile.resolve(profile)
        } catch {
            throw ValidationError(error.description)
        }
        let store = try storeOptions.open()
        let jobs = try plannedFiles()
        let ingestor = Ingestor(store: store, progress: Self.progressPrinter(quiet: output.quiet))
        for (kind, path) in jobs {
            let request = IngestRequest(kind: kind, path: path, profile: importProfile,
                                        policy: RejectPolicy(rawValue: onError) ?? .fail, dryRun: dryRun,
                                        rejectsPath: rejectsPath(for: kind, jobs: jobs.count))
            let report: IngestReport
            do {
                report = try ingestor.ingest(request)
            } catch let error as IngestError {
                throw DataError("\(error)\nNothing of \(path) was stored.")
            } catch let error as FileWriteError {
                throw RunError(error.description)
            }
            if !output.quiet { print(summary(report, rejectsPath: request.rejectsPath)) }
            if report.outcome == .rejected {
                var message = "\(path): \(grouped(report.rowsRejected)) bad row(s); nothing of the file was stored"
                message += request.rejectsPath.map { " (rejects in \($0))" } ?? " (pass --rejects FILE for the full report)"
                message += ". Fix the rows, or load the good ones with --on-error skip."
                if jobs.count > 1 { message += " Files after it were not loaded." }
                throw DataError(message)
            }
        }
    }

    /// (kind, path) pairs to load, in dependency order.
    func plannedFiles() throws -> [(SourceKind, String)] {
        guard let dir else {
            guard let kind, let file, let k = SourceKind(rawValue: kind) else { return [] }
            return [(k, file)]
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--dir \(dir) is not a folder")
        }
        let jobs = SourceKind.allCases.compactMap { kind -> (SourceKind, String)? in
            let path = (dir as NSString).appendingPathComponent("\(kind.rawValue).csv")
            return FileManager.default.fileExists(atPath: path) ? (kind, path) : nil
        }
        guard !jobs.isEmpty else {
            throw ValidationError("\(dir) holds none of \(SourceKind.allCases.map { "\($0.rawValue).csv" }.joined(separator: ", "))")
        }
        return jobs
    }

    /// With --dir, one rejects file per kind beside the given name (`rejects.invoices.csv`).
    func rejectsPath(for kind: SourceKind, jobs: Int) -> String? {
        guard let rejects else { return nil }
        guard jobs > 1 else { return rejects }
        let ns = rejects as NSString
        let ext = ns.pathExtension.isEmpty ? "csv" : ns.pathExtension
        return ns.deletingPathExtension + ".\(kind.rawValue).\(ext)"
    }

    func summary(_ r: IngestReport, rejectsPath: String?) -> String {
        let name = (r.file as NSString).lastPathComponent
        switch r.outcome {
        case .alreadyLoaded:
            let when = r.previous.map { " on \($0.finishedAt)" } ?? ""
            return "\(name) → \(r.kind.rawValue): already loaded\(when) (same SHA-256); nothing changed"
        case .stored, .checked, .rejected:
            let mbps = r.seconds > 0 ? Double(r.bytes) / 1e6 / r.seconds : 0
            var line = "\(name) → \(r.kind.rawValue): \(grouped(r.rowsRead)) read, "
            line += r.outcome == .checked ? "\(grouped(r.rowsStored)) valid (dry run, nothing stored), "
                : "\(grouped(r.outcome == .rejected ? 0 : r.rowsStored)) stored, "
            line += "\(grouped(r.rowsRejected)) rejected, " + String(format: "%.2f s (%.0f MB/s)", r.seconds, mbps)
            let shown = output.verbose ? r.firstRejects : Array(r.firstRejects.prefix(5))
            for reject in shown { line += "\n  \(reject)" }
            if r.rowsRejected > shown.count { line += "\n  …" + (rejectsPath.map { " all rejects in \($0)" } ?? "") }
            if output.verbose && !r.ignoredColumns.isEmpty {
                line += "\n  ignored columns: \(r.ignoredColumns.joined(separator: ", "))"
            }
            return line
        }
    }

    /// A progress line on standard error, only for a terminal and after two seconds.
    static func progressPrinter(quiet: Bool) -> (@Sendable (Int) -> Void)? {
        guard !quiet, isatty(2) == 1 else { return nil }
        let start = Date()
        return { rows in
            guard Date().timeIntervalSince(start) > 2 else { return }
            FileHandle.standardError.write(Data("\r  \(grouped(rows)) rows…".utf8))
        }
    }
}
