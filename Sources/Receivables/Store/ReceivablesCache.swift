import Foundation

/// A columnar copy of the receivables a SQLite store's `loadPortfolio` read
/// (invoices, payments and disputes, joined, sorted and converted to the
/// reporting currency), kept in a file beside the store (`<store>-cache`) so
/// that the next read of the same store skips the scan: ten million invoices
/// and nine million payments take seconds to scan, sort and join from SQLite,
/// and a fraction of that to read back from here. Only a cache: deleting the
/// file loses nothing.
///
/// A cache belongs to one state of the store: its key names the last ingest
/// (id, file hash, finish time), the rates and the number of customers, so any
/// ingest (or a store re-created at the same path) makes it stale, and a
/// stale, damaged or missing cache is not used (the store is read and a new
/// cache written). A store changed other than by `solvent ingest` (rows edited
/// by hand) keeps its key: delete the cache file after such an edit, or read
/// with `--no-cache`.
///
/// Layout: a magic number and version, the key, then blocks (a byte count and
/// the raw values, in this machine's byte order, padded to 8 bytes), then a
/// checksum of everything before it, so that a torn or truncated file is
/// refused rather than read.
public struct ReceivablesCache: Sendable {
    var reportingCurrency: String
    var invoices: [PortfolioData.Invoice]
    var payments: [PortfolioData.Payment]
    var disputes: [PortfolioData.Dispute]

    static let magic: UInt64 = 0x3145_4843_4143_4C53 // "SLCACHE1" in little-endian bytes
    static let version: UInt64 = 1

    /// The cache file of the store at `storePath`.
    static func path(forStore storePath: String) -> String { storePath + "-cache" }

    /// Writes the cache atomically (a reader sees the old file or the whole new one).
    /// Not fsynced: a cache lost or torn in a crash is refused by its checksum and rebuilt.
    func write(to path: String, key: String) throws(FileWriteError) {
        AtomicFileWriter.removeAbandonedTemporaries(of: path)
        let out = try AtomicFileWriter(path: path)
        var w = BlockWriter(out: out)
        try w.put([Self.magic, Self.version])
        try w.put(Array(key.utf8))
        // Texts (currencies, channels, dispute reasons) through one table of distinct values.
        var table = TextTable()
        try w.put(Array(reportingCurrency.utf8))
        // The invoices' columns in one pass (no copy of each Invoice per column).
        let n = invoices.count
        func reserved<T>(_ count: Int) -> [T] {
            var array: [T] = []
            array.reserveCapacity(count)
            return array
        }
        var customer: [Int32] = reserved(n), issue: [Int32] = reserved(n), due: [Int32] = reserved(n)
        var amount: [Int64] = reserved(n), currency: [Int32] = reserved(n), channel: [Int32] = reserved(n)
        var idLengths: [Int32] = reserved(n), idBytes: [UInt8] = reserved(n * 12)
        var lastCurrency: (text: String, index: Int32)?, lastChannel: (text: String, index: Int32)?
        invoices.withUnsafeBufferPointer { invoices in
            for k in invoices.indices {
                customer.append(invoices[k].customer)
                issue.append(Int32(truncatingIfNeeded: invoices[k].issueDate.dayNumber))
                due.append(Int32(truncatingIfNeeded: invoices[k].dueDate.dayNumber))
                amount.append(invoices[k].amount)
                currency.append(table.index(invoices[k].currency, last: &lastCurrency))
                channel.append(invoices[k].channel.map { table.index($0, last: &lastChannel) } ?? -1)
                var id = invoices[k].id
                id.withUTF8 { bytes in
                    idBytes.append(contentsOf: bytes)
                    idLengths.append(Int32(bytes.count))
                }
            }
        }
        for column in [customer, issue, due] { try w.put(column) }
        try w.put(amount)
        for column in [currency, channel, idLengths] { try w.put(column) }
        try w.put(idBytes)
        try w.put(payments.map(\.invoice))
        try w.put(payments.map { Int32(truncatingIfNeeded: $0.paidOn.dayNumber) })
        try w.put(payments.map(\.amount))
        try w.put(disputes.map(\.invoice))
        try w.put(disputes.map { Int32(truncatingIfNeeded: $0.openedOn.dayNumber) })
        try w.put(disputes.map { $0.resolvedOn.map { Int32(truncatingIfNeeded: $0.dayNumber) } ?? Int32.min })
        try w.put(disputes.map { $0.reason.map { table.index($0) } ?? -1 })
        try w.put(table.values.map { Int32($0.utf8.count) })
        try w.put(Array(table.values.joined().utf8))
        try out.write(withUnsafeBytes(of: w.checksum.value) { Array($0) })
        try out.commit(durable: false)
    }

    /// The writes started by `writeInBackground` and not yet finished.
    private static let pending = DispatchGroup()

    /// Writes the cache on another thread while the caller goes on with the data (the columns
    /// are gathered and written while the forecast runs); `finishWrites` waits for it. Errors are
    /// dropped: a cache that could not be written only means the next read scans the tables.
    func writeInBackground(to path: String, key: String) {
        Self.pending.enter()
        DispatchQueue.global(qos: .utility).async { [self] in
            defer { Self.pending.leave() }
            try? write(to: path, key: key)
        }
    }

    /// Waits for the caches being written in the background (a process calls it before it exits).
    public static func finishWrites() { pending.wait() }

    /// Whether the file at `path` is a cache written with `key` (its head only: the whole
    /// file is checked when it is read).
    static func isCurrent(at path: String, key: String) -> Bool {
        guard let r = BlockReader(path: path, populate: false) else { return false }
        return withExtendedLifetime(r) {
            guard let head: UnsafeBufferPointer<UInt64> = r.take(), head.elementsEqual([magic, version]),
                  let storedKey: UnsafeBufferPointer<UInt8> = r.take() else { return false }
            return storedKey.elementsEqual(key.utf8)
        }
    }

    /// The cache at `path` if it was written with `key` and reads whole; nil otherwise.
    static func read(from path: String, key: String) -> ReceivablesCache? {
        guard let r = BlockReader(path: path) else { return nil }
        // The blocks are views of the mapped file: it stays mapped until the arrays are built.
        return withExtendedLifetime(r) { decode(r, key: key) }
    }

    private static func decode(_ r: BlockReader, key: String) -> ReceivablesCache? {
        guard let head: UnsafeBufferPointer<UInt64> = r.take(), head.elementsEqual([magic, version]),
              let storedKey: UnsafeBufferPointer<UInt8> = r.take(), storedKey.elementsEqual(key.utf8),
              let reporting: UnsafeBufferPointer<UInt8> = r.take(),
              let customer: UnsafeBufferPointer<Int32> = r.take(), let issue: UnsafeBufferPointer<Int32> = r.take(),
              let due: UnsafeBufferPointer<Int32> = r.take(), let amount: UnsafeBufferPointer<Int64> = r.take(),
              let currency: UnsafeBufferPointer<Int32> = r.take(), let channel: UnsafeBufferPointer<Int32> = r.take(),
              let idLengths: UnsafeBufferPointer<Int32> = r.take(), let idBytes: UnsafeBufferPointer<UInt8> = r.take(),
              let paymentInvoice: UnsafeBufferPointer<Int32> = r.take(), let paidOn: UnsafeBufferPointer<Int32> = r.take(),
              let paymentAmount: UnsafeBufferPointer<Int64> = r.take(),
              let disputeInvoice: UnsafeBufferPointer<Int32> = r.take(), let opened: UnsafeBufferPointer<Int32> = r.take(),
              let resolved: UnsafeBufferPointer<Int32> = r.take(), let reason: UnsafeBufferPointer<Int32> = r.take(),
              let textLengths: UnsafeBufferPointer<Int32> = r.take(), let textBytes: UnsafeBufferPointer<UInt8> = r.take(),
              r.checksumMatches()
        else { return nil }
        let n = customer.count
        guard [issue.count, due.count, amount.count, currency.count, channel.count, idLengths.count].allSatisfy({ $0 == n }),
              [paidOn.count, paymentAmount.count].allSatisfy({ $0 == paymentInvoice.count }),
              [opened.count, resolved.count, reason.count].allSatisfy({ $0 == disputeInvoice.count }),
              let texts = TextTable.values(lengths: Array(textLengths), bytes: Array(textBytes)),
              idLengths.allSatisfy({ $0 >= 0 }), idLengths.reduce(0, { $0 + Int($1) }) == idBytes.count
        else { return nil }
        let text = { @Sendable (k: Int32) -> String? in k >= 0 && Int(k) < texts.count ? texts[Int(k)] : nil }
        guard currency.allSatisfy({ text($0) != nil }), channel.allSatisfy({ $0 == -1 || text($0) != nil }),
              reason.allSatisfy({ $0 == -1 || text($0) != nil }),
              paymentInvoice.allSatisfy({ $0 >= 0 && Int($0) < n }), disputeInvoice.allSatisfy({ $0 >= 0 && Int($0) < n })
        else { return nil }
        var starts = [Int](repeating: 0, count: n + 1)
        for k in 0..<n { starts[k + 1] = starts[k] + Int(idLengths[k]) }
        let idStarts = starts
        // The invoices' Strings (ids) are made on both cores (the views are only read).
        nonisolated(unsafe) let (customerView, issueView, dueView, amountView) = (customer, issue, due, amount)
        nonisolated(unsafe) let (currencyView, channelView, bytes) = (currency, channel, idBytes)
        let invoices = [PortfolioData.Invoice](unsafeUninitializedCapacity: n) { buffer, count in
            nonisolated(unsafe) let out = buffer.baseAddress
            let parts = 2
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                guard let out else { return }
                for k in n * part / parts..<n * (part + 1) / parts {
                    let id = String(decoding: UnsafeBufferPointer(rebasing: bytes[idStarts[k]..<idStarts[k + 1]]), as: UTF8.self)
                    (out + k).initialize(to: .init(id: id, customer: customerView[k], issueDate: CalendarDate(dayNumber: Int(issueView[k])),
                                                   dueDate: CalendarDate(dayNumber: Int(dueView[k])), amount: amountView[k],
                                                   currency: texts[Int(currencyView[k])], channel: text(channelView[k])))
                }
            }
            count = n
        }
        let payments = paymentInvoice.indices.map { k in
            PortfolioData.Payment(invoice: paymentInvoice[k], paidOn: CalendarDate(dayNumber: Int(paidOn[k])), amount: paymentAmount[k])
        }
        let disputes = disputeInvoice.indices.map { k in
            PortfolioData.Dispute(invoice: disputeInvoice[k], openedOn: CalendarDate(dayNumber: Int(opened[k])),
                                  resolvedOn: resolved[k] == Int32.min ? nil : CalendarDate(dayNumber: Int(resolved[k])),
                                  reason: text(reason[k]))
        }
        return ReceivablesCache(reportingCurrency: String(decoding: reporting, as: UTF8.self), invoices: invoices,
                                 payments: payments, disputes: disputes)
    }
}

/// Distinct texts and their indices, in order of first use.
private struct TextTable {
    private(set) var values: [String] = []
    private var indices: [String: Int32] = [:]

    /// The index of `text`, `last` holding the previous text of the same column and its
    /// index (runs of one currency or channel skip the hashing).
    mutating func index(_ text: String, last: inout (text: String, index: Int32)?) -> Int32 {
        if let last, last.text == text { return last.index }
        let k = index(text)
        last = (text, k)
        return k
    }

    mutating func index(_ text: String) -> Int32 {
        if let k = indices[text] { return k }
        let k = Int32(values.count)
        values.append(text)
        indices[text] = k
        return k
    }

    /// The texts of a written table (nil when the lengths do not cover the bytes).
    static func values(lengths: [Int32], bytes: [UInt8]) -> [String]? {
        var out: [String] = [], start = 0
        for length in lengths {
            guard length >= 0, start + Int(length) <= bytes.count else { return nil }
            out.append(String(decoding: bytes[start..<start + Int(length)], as: UTF8.self))
            start += Int(length)
        }
        return start == bytes.count ? out : nil
    }
}
