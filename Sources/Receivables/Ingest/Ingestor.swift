import Foundation

/// What to do with rows that break a rule.
public enum RejectPolicy: String, Sendable, Hashable, CaseIterable {
    /// Nothing of the file is stored when any row is bad (the default).
    case fail
    /// Good rows are stored, bad rows go to the rejects report.
    case skip
}

/// One file to load.
public struct IngestRequest: Sendable {
    public var kind: SourceKind
    public var path: String
    public var profile: ImportProfile
    public var policy: RejectPolicy
    /// Parse and validate everything, store nothing (and record nothing: the file is not hashed).
    public var dryRun: Bool
    /// Where to write the rejects report (CSV); nil: no file.
    public var rejectsPath: String?

    public init(kind: SourceKind, path: String, profile: ImportProfile, policy: RejectPolicy = .fail,
                dryRun: Bool = false, rejectsPath: String? = nil) {
        self.kind = kind
        self.path = path
        self.profile = profile
        self.policy = policy
        self.dryRun = dryRun
        self.rejectsPath = rejectsPath
    }
}

/// What a load did.
public struct IngestReport: Sendable {
    public enum Outcome: String, Sendable {
        /// Rows stored (all of them, or the good ones under `skip`).
        case stored
        /// Validated only (`--dry-run`).
        case checked
        /// Bad rows under `fail`: nothing stored.
        case rejected
        /// The same file (SHA-256) was loaded as this kind before: nothing changed.
        case alreadyLoaded
    }

    public var kind: SourceKind
    public var file: String
    /// The file's SHA-256 (hex); empty for a dry run, which records nothing and so does not hash the file.
    public var sha256: String
    public var outcome: Outcome
    public var rowsRead = 0
    public var rowsStored = 0
    public var rowsRejected = 0
    public var bytes = 0
    public var seconds = 0.0
    /// The first rejects (at most `IngestReport.keptRejects`), for the summary.
    public var firstRejects: [Reject] = []
    /// Source columns the kind does not use.
    public var ignoredColumns: [String] = []
    /// When `alreadyLoaded`: the earlier load.
    public var previous: IngestRecord?

    static let keptRejects = 20
}

/// Loads source files into a store: one file, one transaction.
public struct Ingestor {
    public let store: any ReceivablesStore
    /// Called every 65,536 rows with the rows read so far (for a progress indicator).
    public var progress: (@Sendable (Int) -> Void)?

    public init(store: any ReceivablesStore, progress: (@Sendable (Int) -> Void)? = nil) {
        self.store = store
        self.progress = progress
    }

    /// Loads one file by the request's policy. Throws `IngestError` for a file
    /// that cannot be read at all (missing columns, broken CSV syntax, invalid
    /// encoding): then nothing is stored and no rejects file is written.
    public func ingest(_ request: IngestRequest) throws -> IngestReport {
        let clock = ContinuousClock()
        let started = clock.now
        let startedAt = Date()
        // A dry run skips the digest: it records nothing, and hashing would re-read the file.
        let sha = request.dryRun ? "" : try sha256Hex(ofFile: request.path)
        if request.dryRun { try checkReadable(path: request.path) }
        var report = IngestReport(kind: request.kind, file: request.path, sha256: sha, outcome: .stored)
        report.bytes = (try? FileManager.default.attributesOfItem(atPath: request.path)[.size] as? Int) ?? 0
        if !request.dryRun, let previous = try store.ingestRecord(kind: request.kind, sha256: sha) {
            report.outcome = .alreadyLoaded
            report.previous = previous
            return report
        }
        let reader = try SourceRowReader(path: request.path, kind: request.kind, profile: request.profile)
        report.ignoredColumns = reader.ignoredColumns
        let rowGuess = report.bytes / (reader.reader.sampledBytesPerLine() ?? 48) + 1024
        let rules = try RowRules(kind: request.kind, decoder: reader.decoder, store: store, expectedRows: rowGuess)
        let rejects = try request.rejectsPath.map { path throws(FileWriteError) in try RejectsFile(path: path) }
        defer { rejects?.discard() }

        let work = LoadWork(report: report, reader: reader, rules: rules, rejects: rejects,
                            request: request, progress: progress)
        if request.dryRun {
            // A check stores nothing, so it takes no write transaction: it never waits
            // for (or blocks) a load or a rescoring run holding the store.
            try work.produce(emit: { _ in true }, batchRows: 1)
            var checked = work.report
            checked.seconds = (clock.now - started).seconds
            checked.outcome = .checked
            if let rejects, checked.rowsRejected > 0 { try rejects.commit() }
            return checked
        }
        let finished = try store.load(request.kind) { session -> LoadOutcome<IngestReport> in
            let pipeline = RowPipeline()
            pipeline.start { emit in try work.produce(emit: emit, batchRows: pipeline.batchRows) }
            do {
                while let batch = try pipeline.take() {
                    for values in batch { try session.upsert(values) }
                }
            } catch {
                pipeline.cancelAndWait()
                throw error
            }
            pipeline.waitForProducer()
            var loaded = work.report
            loaded.seconds = (clock.now - started).seconds
            if loaded.rowsRejected > 0 && request.policy == .fail {
                loaded.outcome = .rejected
                loaded.rowsStored = 0
                return .rollBack(loaded)
            }
            let record = IngestRecord(kind: request.kind, file: request.path, sha256: sha, profile: request.profile.name,
                                      policy: request.policy.rawValue, rowsRead: loaded.rowsRead,
                                      rowsStored: loaded.rowsStored, rowsRejected: loaded.rowsRejected,
                                      startedAt: Self.timestamp(startedAt), finishedAt: Self.timestamp(Date()))
            return .commit(record, loaded)
        }
        if finished.outcome == .stored, request.kind == .invoices, !request.profile.rates.isEmpty {
            try store.saveRates(request.profile.rates, reportingCurrency: request.profile.reportingCurrency,
                                profile: request.profile.name)
        }
        if let rejects, finished.rowsRejected > 0 { try rejects.commit() }
        return finished
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

/// The rejects report: CSV with line, column, value, rule, message, written atomically.
final class RejectsFile {
    let writer: AtomicFileWriter

    init(path: String) throws(FileWriteError) {
        writer = try AtomicFileWriter(path: path)
        try writer.write(CSVText.line(["line", "column", "value", "rule", "message"]))
    }

    func append(_ r: Reject) throws(FileWriteError) {
        try writer.write(String(r.line) + "," + CSVText.line([r.column, r.value, r.rule, r.message]))
    }

    func commit() throws(FileWriteError) { try writer.commit() }
    func discard() { writer.discard() }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    public var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) * 1e-18
    }
}
