/// The store behind every command: the eight sources, the ingest log and the
/// runs. SQLite (`SQLiteStore`) is the embedded default; a PostgreSQL store
/// satisfies the same protocol. Callers never see SQL.
public protocol ReceivablesStore: Sendable {
    /// Rows stored of a kind.
    func count(_ kind: SourceKind) throws -> Int
    /// The ingest-log entry of a file already loaded as `kind` with this SHA-256, if any.
    func ingestRecord(kind: SourceKind, sha256: String) throws -> IngestRecord?
    /// Every ingest-log entry, oldest first.
    func ingestHistory() throws -> [IngestRecord]
    /// The (single-column) natural keys stored for `kind`, for reference checks.
    func keys(of kind: SourceKind) throws -> Set<String>
    /// Every stored invoice's issue date and amount sign, by invoice id (payments and disputes are checked against it).
    func invoiceFacts() throws -> [String: InvoiceFact]
    /// Records the profile's currency rates (units of the reporting currency per unit), replacing earlier ones.
    func saveRates(_ rates: [String: String], reportingCurrency: String, profile: String) throws
    /// The stored rates: currency → (reporting currency, exact decimal rate).
    func rates() throws -> [String: (reporting: String, rate: String)]
    /// The stored records of `scope`, in memory, amounts in the reporting currency (profile and metrics start here).
    func loadPortfolio(_ scope: PortfolioScope) throws -> PortfolioData
    /// Stores a profile as the snapshot of its as-of date, in one transaction, replacing an earlier one of that date.
    func saveProfileSnapshot(_ table: ProfileTable) throws
    /// The snapshot stored for `asOf`, or nil when there is none.
    func loadProfileSnapshot(asOf: CalendarDate) throws -> ProfileTable?
    /// The as-of dates with a stored snapshot, oldest first.
    func profileSnapshotDates() throws -> [CalendarDate]
    /// Runs `body` inside one transaction for loading rows of `kind`. The
    /// transaction commits only when `body` returns `.commit` (and then the
    /// ingest record is written in the same transaction); `.rollBack` or a
    /// thrown error leaves the store as it was.
    func load<T>(_ kind: SourceKind, _ body: (any LoadSession) throws -> LoadOutcome<T>) throws -> T
}

/// What a load decided.
public enum LoadOutcome<T> {
    case commit(IngestRecord, T)
    case rollBack(T)
}

/// The operations of one loading transaction.
public protocol LoadSession {
    /// Inserts or replaces (by natural key) one row, values in schema column order.
    func upsert(_ row: [FieldValue]) throws
}

/// One line of the ingest log.
public struct IngestRecord: Sendable, Hashable, Codable {
    public var kind: SourceKind
    public var file: String
    public var sha256: String
    public var profile: String
    public var policy: String
    public var rowsRead: Int
    public var rowsStored: Int
    public var rowsRejected: Int
    public var startedAt: String
    public var finishedAt: String

    public init(kind: SourceKind, file: String, sha256: String, profile: String, policy: String,
                rowsRead: Int, rowsStored: Int, rowsRejected: Int, startedAt: String, finishedAt: String) {
        self.kind = kind; self.file = file; self.sha256 = sha256; self.profile = profile; self.policy = policy
        self.rowsRead = rowsRead; self.rowsStored = rowsStored; self.rowsRejected = rowsRejected
        self.startedAt = startedAt; self.finishedAt = finishedAt
    }
}

/// Where the store is: `--store PATH`, else `SOLVENT_STORE`, else
/// `solvent.sqlite` in the working directory.
public func resolveStorePath(option: String?, environment: [String: String]) -> String {
    if let option, !option.isEmpty { return option }
    if let env = environment["SOLVENT_STORE"], !env.isEmpty { return env }
    return "solvent.sqlite"
}

/// What the loader needs to know of a stored invoice to check rows that reference it.
public struct InvoiceFact: Sendable, Hashable {
    public var issueDate: CalendarDate
    /// True for a credit note (negative amount).
    public var isCreditNote: Bool

    public init(issueDate: CalendarDate, isCreditNote: Bool) {
        self.issueDate = issueDate
        self.isCreditNote = isCreditNote
    }
}

/// Which records `loadPortfolio` reads.
public enum PortfolioScope: Sendable, Hashable {
    /// Every source (the profile, metrics, default scores and segments).
    case all
    /// Customers, invoices, payments and disputes only — what the payment-date
    /// model and the cash and DSO forecasts read; ratings, limits, orders and
    /// opportunities are left empty (at a million open invoices they are a
    /// third of the rows).
    case receivables
}

extension ReceivablesStore {
    /// Every stored record (`loadPortfolio(.all)`).
    public func loadPortfolio() throws -> PortfolioData { try loadPortfolio(.all) }
}
