import GRDB

/// The store's versioned migrations. Each migration's SQL is frozen once
/// released: a later change to the schema is a new migration, never an edit.
///
/// Conventions (the same on PostgreSQL): dates as ISO `yyyy-MM-dd` text
/// (PostgreSQL: `date`); money as INTEGER minor units, hundredths of the
/// currency unit (PostgreSQL: `bigint`) — exact, never binary floating point;
/// other decimals (agency scores) as exact decimal text; natural keys as
/// primary keys, so loading upserts. Source tables are `WITHOUT ROWID`: the
/// natural key is the clustered B-tree, saving a second index per table (a
/// third of the time of a million-row load). No secondary indexes: every
/// reader scans a table in key order and joins in memory (`loadPortfolio`),
/// and each index would cost every load a second B-tree insert per row.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1 sources, ingest log, runs") { db in
            for statement in v1 { try db.execute(sql: statement) }
        }
        m.registerMigration("v2 profile snapshots") { db in
            for statement in v2 { try db.execute(sql: statement) }
        }
        return m
    }

    static let v1: [String] = [
        """
        CREATE TABLE customers (
            customer_id TEXT PRIMARY KEY NOT NULL, name TEXT, country TEXT, sector TEXT,
            size_class TEXT, region TEXT, payment_terms_days INTEGER, category TEXT, created_on TEXT) WITHOUT ROWID
        """,
        """
        CREATE TABLE invoices (
            invoice_id TEXT PRIMARY KEY NOT NULL, customer_id TEXT NOT NULL, issue_date TEXT NOT NULL,
            due_date TEXT NOT NULL, amount INTEGER NOT NULL, currency TEXT NOT NULL, channel TEXT, po_number TEXT) WITHOUT ROWID
        """,
        """
        CREATE TABLE payments (
            payment_id TEXT PRIMARY KEY NOT NULL, invoice_id TEXT NOT NULL, paid_on TEXT NOT NULL,
            amount INTEGER NOT NULL) WITHOUT ROWID
        """,
        """
        CREATE TABLE ratings (
            customer_id TEXT NOT NULL, agency TEXT NOT NULL, rated_on TEXT NOT NULL, score TEXT, rating TEXT,
            scale_min TEXT, scale_max TEXT, recommended_limit INTEGER,
            PRIMARY KEY (customer_id, agency, rated_on)) WITHOUT ROWID
        """,
        """
        CREATE TABLE limits (
            customer_id TEXT NOT NULL, insurer TEXT NOT NULL, valid_from TEXT NOT NULL,
            limit_amount INTEGER NOT NULL, valid_to TEXT,
            PRIMARY KEY (customer_id, insurer, valid_from)) WITHOUT ROWID
        """,
        """
        CREATE TABLE disputes (
            dispute_id TEXT PRIMARY KEY NOT NULL, invoice_id TEXT NOT NULL, opened_on TEXT NOT NULL,
            resolved_on TEXT, reason TEXT) WITHOUT ROWID
        """,
        """
        CREATE TABLE orders (
            order_id TEXT PRIMARY KEY NOT NULL, customer_id TEXT NOT NULL, ordered_on TEXT NOT NULL,
            amount INTEGER NOT NULL, status TEXT NOT NULL) WITHOUT ROWID
        """,
        """
        CREATE TABLE opportunities (
            opportunity_id TEXT PRIMARY KEY NOT NULL, customer_id TEXT NOT NULL, stage TEXT,
            expected_amount INTEGER, expected_close TEXT) WITHOUT ROWID
        """,
        """
        CREATE TABLE currency_rates (
            currency TEXT PRIMARY KEY NOT NULL, reporting_currency TEXT NOT NULL, rate TEXT NOT NULL,
            profile TEXT NOT NULL) WITHOUT ROWID
        """,
        """
        CREATE TABLE ingest_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, file TEXT NOT NULL,
            sha256 TEXT NOT NULL, profile TEXT NOT NULL, policy TEXT NOT NULL,
            rows_read INTEGER NOT NULL, rows_stored INTEGER NOT NULL, rows_rejected INTEGER NOT NULL,
            started_at TEXT NOT NULL, finished_at TEXT NOT NULL,
            UNIQUE (kind, sha256))
        """,
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, as_of TEXT,
            status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
            started_at TEXT NOT NULL, finished_at TEXT, model_sha256 TEXT, message TEXT)
        """,
    ]

    /// Profile snapshots (SQLiteStore+Profile.swift): one row per (as-of,
    /// customer), the features a JSON array in catalogue order; the catalogue
    /// of each as-of date beside them.
    static let v2: [String] = [
        """
        CREATE TABLE profile_snapshots (
            as_of TEXT NOT NULL, customer_id TEXT NOT NULL, features TEXT NOT NULL,
            PRIMARY KEY (as_of, customer_id)) WITHOUT ROWID
        """,
        """
        CREATE TABLE profile_catalogs (
            as_of TEXT PRIMARY KEY, catalog_version TEXT, feature_names TEXT, created_at TEXT)
        """,
    ]
}
