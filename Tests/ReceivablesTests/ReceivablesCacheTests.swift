import Foundation
import GRDB
import Testing
@testable import Receivables

/// The receivables cache beside a SQLite store (`ReceivablesCache`): a load
/// from it equals a load from the tables, and it is used only for the state of
/// the store it was taken of.
@Suite struct ReceivablesCacheTests {
    /// A copy of the generated store (600 customers × 14 months) in a folder of its own.
    static func generatedCopy() throws -> SQLiteStore {
        let source = try #require(generatedStore)
        let path = temporaryStorePath()
        try source.pool.backup(to: try DatabaseQueue(path: path))
        return try SQLiteStore(path: path)
    }

    static func expectEqual(_ a: PortfolioData, _ b: PortfolioData) {
        #expect(a.reportingCurrency == b.reportingCurrency)
        #expect(a.customers == b.customers)
        #expect(a.invoices == b.invoices)
        #expect(a.payments == b.payments)
        #expect(a.disputes == b.disputes)
        #expect(a.ratings == b.ratings && a.limits == b.limits && a.orders == b.orders && a.opportunities == b.opportunities)
    }

    @Test func aSecondLoadComesFromTheCacheAndEqualsTheTables() throws {
        let store = try Self.generatedCopy()
        let cache = ReceivablesCache.path(forStore: store.path)
        #expect(!FileManager.default.fileExists(atPath: cache))
        let tables = try SQLiteStore(path: store.path, cache: false).loadPortfolio()
        #expect(!FileManager.default.fileExists(atPath: cache))   // cache: false writes none
        let first = try store.loadPortfolio()
        let written = try #require(ReceivablesCache.read(from: cache, key: try store.cacheKey()))
        #expect(written.invoices == tables.invoices && written.payments == tables.payments && written.disputes == tables.disputes)
        #expect(!tables.disputes.isEmpty && tables.invoices.contains { $0.channel == nil } == tables.invoices.contains { $0.channel == nil })
        let second = try store.loadPortfolio(), receivables = try store.loadPortfolio(.receivables)
        #expect(!tables.fromCache && !first.fromCache && second.fromCache && receivables.fromCache)
        Self.expectEqual(first, tables)
        Self.expectEqual(second, tables)
        #expect(receivables.invoices == tables.invoices && receivables.orders.isEmpty)
        // Read from the cache: a cache whose invoices were changed is what the load returns.
        var changed = written
        changed.invoices[0].amount += 1
        try changed.write(to: cache, key: try store.cacheKey())
        #expect(try store.loadPortfolio(.receivables).invoices[0].amount == tables.invoices[0].amount + 1)
    }

    @Test func anIngestOrNewRatesMakeTheCacheStale() throws {
        let store = try seededStore(invoices: true)
        let before = try store.loadPortfolio()
        let key = try store.cacheKey()
        #expect(ReceivablesCache.read(from: ReceivablesCache.path(forStore: store.path), key: key) != nil)
        let dir = (store.path as NSString).deletingLastPathComponent, path = dir + "/more.csv"
        try """
            invoice_id,customer_id,issue_date,due_date,amount,currency
            N1,C2,2026-03-05,2026-04-04,10.00,EUR
            """.write(toFile: path, atomically: true, encoding: .utf8)
        _ = try Ingestor(store: store).ingest(IngestRequest(kind: .invoices, path: path, profile: .builtIn("default")!))
        #expect(try store.cacheKey() != key)
        let after = try store.loadPortfolio()
        #expect(after.invoices.count == before.invoices.count + 1 && after.invoices.contains { $0.id == "N1" })
        let rated = try store.cacheKey()
        try store.saveRates(["USD": "0.5"], reportingCurrency: "EUR", profile: "test")
        #expect(try store.cacheKey() != rated)
    }

    @Test func aDamagedOrForeignCacheIsNotRead() throws {
        let store = try seededStore(invoices: true)
        let tables = try store.loadPortfolio()
        let path = ReceivablesCache.path(forStore: store.path), key = try store.cacheKey()
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(ReceivablesCache.read(from: path, key: key) != nil)
        #expect(ReceivablesCache.read(from: path, key: key + "x") == nil)
        #expect(ReceivablesCache.isCurrent(at: path, key: key) && !ReceivablesCache.isCurrent(at: path, key: key + "x"))
        for cut in [0, 8, whole.count / 2, whole.count - 1] {
            try whole.prefix(cut).write(to: URL(fileURLWithPath: path))
            #expect(ReceivablesCache.read(from: path, key: key) == nil, "cut at \(cut)")
        }
        for flip in [20, whole.count / 2, whole.count - 9] {
            var damaged = whole
            damaged[flip] ^= 0x10
            try damaged.write(to: URL(fileURLWithPath: path))
            #expect(ReceivablesCache.read(from: path, key: key) == nil, "byte \(flip) flipped")
            // The load reads the tables again, and writes a whole cache.
            Self.expectEqual(try store.loadPortfolio(), tables)
            #expect(ReceivablesCache.read(from: path, key: key) != nil)
        }
    }

    /// A store that writes its cache in the background has it once `finishWrites` returns; a write
    /// finds and removes the temporary file a killed writer left, and leaves a live writer's alone.
    @Test func aBackgroundWriteIsWholeAfterFinishWritesAndAbandonedTemporariesGo() throws {
        let seeded = try seededStore(invoices: true)
        let store = try SQLiteStore(path: seeded.path, writesCacheInBackground: true)
        let path = ReceivablesCache.path(forStore: store.path), dir = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let abandoned = dir + "/.\(name).tmp-2147483000-7", live = dir + "/.\(name).tmp-\(getpid())-7"
        for file in [abandoned, live] { #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8))) }
        let tables = try store.loadPortfolio()
        ReceivablesCache.finishWrites()
        let cached = try #require(ReceivablesCache.read(from: path, key: try store.cacheKey()))
        #expect(cached.invoices == tables.invoices && cached.payments == tables.payments)
        #expect(!FileManager.default.fileExists(atPath: abandoned) && FileManager.default.fileExists(atPath: live))
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".\(name).tmp-") }
        #expect(left == [(live as NSString).lastPathComponent])
    }

    /// Optional values, several texts and an empty part come back as they were.
    @Test func everyFieldComesBack() throws {
        let path = (temporaryStorePath() as NSString).deletingLastPathComponent + "/s-cache"
        let invoices: [PortfolioData.Invoice] = [
            .init(id: "Zoë-1", customer: 0, issueDate: CalendarDate(dayNumber: 20_000), dueDate: CalendarDate(dayNumber: 20_030),
                  amount: -5, currency: "USD", channel: nil),
            .init(id: String(repeating: "long id ", count: 40), customer: 3, issueDate: CalendarDate(dayNumber: -3),
                  dueDate: CalendarDate(dayNumber: 1), amount: Int64.max, currency: "EUR", channel: "EDI"),
        ]
        let payments: [PortfolioData.Payment] = [.init(invoice: 1, paidOn: CalendarDate(dayNumber: 20_100), amount: 7)]
        let disputes: [PortfolioData.Dispute] = [
            .init(invoice: 0, openedOn: CalendarDate(dayNumber: 20_001), resolvedOn: nil, reason: "price"),
            .init(invoice: 1, openedOn: CalendarDate(dayNumber: 20_002), resolvedOn: CalendarDate(dayNumber: 20_009), reason: nil),
        ]
        let cache = ReceivablesCache(reportingCurrency: "CHF", invoices: invoices, payments: payments, disputes: disputes)
        try cache.write(to: path, key: "k")
        let read = try #require(ReceivablesCache.read(from: path, key: "k"))
        #expect(read.reportingCurrency == "CHF" && read.invoices == invoices && read.payments == payments && read.disputes == disputes)
        try ReceivablesCache(reportingCurrency: "EUR", invoices: [], payments: [], disputes: []).write(to: path, key: "")
        let empty = try #require(ReceivablesCache.read(from: path, key: ""))
        #expect(empty.invoices.isEmpty && empty.payments.isEmpty && empty.disputes.isEmpty)
    }
}
