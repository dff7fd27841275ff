import Foundation
import GRDB
import GRDBSQLite

/// Profile snapshots: `profile_snapshots (as_of, customer_id, features)` with
/// the features a JSON array in catalogue order (numbers in shortest
/// round-trip form, `null` for missing, strings for categorical values), and
/// `profile_catalogs (as_of, catalog_version, feature_names, created_at)` with
/// the names as a JSON array, so a snapshot says which columns it holds.
extension SQLiteStore {
    public func saveProfileSnapshot(_ table: ProfileTable) throws {
        let names = "[" + table.features.map { ProfileFormat.json($0.name) }.joined(separator: ",") + "]"
        let asOf = table.asOf.description
        let createdAt = ISO8601DateFormatter().string(from: Date())
        try pool.write { db in
            try db.execute(sql: "DELETE FROM profile_snapshots WHERE as_of = ?", arguments: [asOf])
            try db.execute(sql: """
                INSERT INTO profile_catalogs (as_of, catalog_version, feature_names, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (as_of) DO UPDATE SET catalog_version = excluded.catalog_version,
                    feature_names = excluded.feature_names, created_at = excluded.created_at
                """, arguments: [asOf, table.catalogVersion, names, createdAt])
            let statement = try db.makeStatement(sql: "INSERT INTO profile_snapshots (as_of, customer_id, features) VALUES (?, ?, ?)")
            let s = statement.sqliteStatement
            var features = ""
            for r in 0..<table.rowCount {
                sqlite3_reset(s)
                try Self.bind(s, 1, asOf, db)
                try Self.bind(s, 2, table.customerIDs[r], db)
                SnapshotRowCodec.encode(table, row: r, into: &features)
                try Self.bind(s, 3, features, db)
                let rc = sqlite3_step(s)
                guard rc == SQLITE_DONE else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
            }
        }
    }

    public func loadProfileSnapshot(asOf: CalendarDate) throws -> ProfileTable? {
        try pool.read { db in
            let key = asOf.description
            guard let catalog = try Row.fetchOne(db, sql: "SELECT catalog_version, feature_names FROM profile_catalogs WHERE as_of = ?",
                                                 arguments: [key]) else { return nil }
            let version: String = catalog[0] ?? ""
            let namesText: String = catalog[1] ?? "[]"
            let features = try Self.features(namesText, version: version)
            var ids: [String] = []
            var cells: [[ProfileValue]] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT customer_id, features FROM profile_snapshots WHERE as_of = ? ORDER BY customer_id",
                                           arguments: [key])
            while let row = try rows.next() {
                let id: String = row[0]
                let text: String = row[1]
                guard let values = SnapshotRowCodec.decode(text), values.count == features.count else {
                    throw CustomerProfileError.snapshotMismatch("the row of \(id) on \(key) is not a JSON array of \(features.count) values")
                }
                ids.append(id)
                cells.append(values)
            }
            return try ProfileTable(asOf: asOf, catalogVersion: version, features: features, customerIDs: ids,
                                    columns: try Self.columns(cells, features, asOf: key, ids: ids))
        }
    }

    public func profileSnapshotDates() throws -> [CalendarDate] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT as_of FROM profile_catalogs ORDER BY as_of").compactMap { CalendarDate(iso: $0) }
        }
    }

    /// The stored names as specs of the current catalogue.
    private static func features(_ namesText: String, version: String) throws -> [FeatureSpec] {
        guard let names = try? JSONSerialization.jsonObject(with: Data(namesText.utf8)) as? [String] else {
            throw CustomerProfileError.snapshotMismatch("feature_names is not a JSON array of names")
        }
        return try names.map { name in
            guard let i = FeatureCatalog.index(of: name) else {
                throw CustomerProfileError.snapshotMismatch("feature \(name) (catalogue \(version)) is not in catalogue \(FeatureCatalog.version): recompute the profile")
            }
            return FeatureCatalog.specs[i]
        }
    }

    private static func columns(_ cells: [[ProfileValue]], _ features: [FeatureSpec], asOf: String, ids: [String]) throws -> [ProfileColumn] {
        try features.enumerated().map { c, spec in
            if spec.kind == .categorical {
                return .texts(try cells.indices.map { r in
                    switch cells[r][c] {
                    case .text(let t): return t
                    case .missing: return nil
                    case .number: throw CustomerProfileError.snapshotMismatch("\(spec.name) of \(ids[r]) on \(asOf) is not text")
                    }
                })
            }
            return .numbers(try cells.indices.map { r in
                switch cells[r][c] {
                case .number(let x): return x
                case .missing: return nil
                case .text: throw CustomerProfileError.snapshotMismatch("\(spec.name) of \(ids[r]) on \(asOf) is not a number")
                }
            })
        }
    }

    private static func bind(_ s: OpaquePointer?, _ index: Int32, _ text: String, _ db: Database) throws {
        var t = text
        let rc = t.withUTF8 { sqlite3_bind_text(s, index, $0.baseAddress, Int32($0.count), profileTransient) }
        guard rc == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}

/// SQLite copies the bound bytes (`SQLITE_TRANSIENT`).
private let profileTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
