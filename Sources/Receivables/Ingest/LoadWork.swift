/// The producer side of a load: everything but the store, run on the
/// pipeline's thread (or the caller's, for a dry run). Its state is read by
/// the caller only after `RowPipeline.waitForProducer()`, which orders the
/// accesses.
///
/// Rows go in groups of up to `groupRows` that lie whole in the reader's
/// buffer: first each row of the group is parsed into cells and its key
/// hashed, then the key-table slots the group's checks will read are touched
/// in tight loops (`RowRules.touch`), then the rows are checked and counted in
/// file order. The touches of a group
/// overlap their cache misses, which otherwise cost one memory round trip
/// per row (the key table of a million invoices is bigger than the cache).
/// References are hashed and touched only after a group with a few lookups
/// that missed the last-lookup cache: in a file sorted by customer almost
/// none do, and hashing every row for the odd miss cost more than the miss.
final class LoadWork: @unchecked Sendable {
    var report: IngestReport
    let reader: SourceRowReader
    let rules: RowRules
    let rejects: RejectsFile?
    let request: IngestRequest
    let progress: (@Sendable (Int) -> Void)?
    static let groupRows = 32
    /// Reference lookups of the last group that went to the table: with few of them
    /// (rows of one customer come together) the next group's references are not
    /// hashed and touched ahead — that costs more than the odd cache miss it saves.
    private var groupReferenceMisses = Int.max
    static let prefetchFromMisses = 4

    init(report: IngestReport, reader: SourceRowReader, rules: RowRules, rejects: RejectsFile?,
         request: IngestRequest, progress: (@Sendable (Int) -> Void)?) {
        self.report = report
        self.reader = reader
        self.rules = rules
        self.rejects = rejects
        self.request = request
        self.progress = progress
    }

    /// A group's parsed rows: cells, lines, key hashes, and the rejects of rows
    /// that did not parse. Plain buffers, allocated once per file.
    private struct Group {
        let cells: UnsafeMutablePointer<Cell>
        let lines = UnsafeMutablePointer<Int>.allocate(capacity: LoadWork.groupRows)
        let parsed = UnsafeMutablePointer<Bool>.allocate(capacity: LoadWork.groupRows)
        let keyHashes = UnsafeMutablePointer<UInt64>.allocate(capacity: LoadWork.groupRows)
        let referenceHashes = UnsafeMutablePointer<UInt64>.allocate(capacity: LoadWork.groupRows)
        /// `rejects[rejectEnds[i - 1]..<rejectEnds[i]]` belong to row `i`.
        let rejectEnds = UnsafeMutablePointer<Int>.allocate(capacity: LoadWork.groupRows)
        var rejects: [Reject] = []
        var count = 0
        /// Whether `keyHashes` were computed (the seen keys are hashed; see `SeenKeys`).
        var hashedKeys = false

        func deallocate() {
            for p in [UnsafeMutableRawPointer(cells), UnsafeMutableRawPointer(lines), UnsafeMutableRawPointer(parsed),
                      UnsafeMutableRawPointer(keyHashes), UnsafeMutableRawPointer(referenceHashes),
                      UnsafeMutableRawPointer(rejectEnds)] {
                p.deallocate()
            }
        }
    }

    /// Reads every row; good rows to be stored go to `emit` in batches. Under
    /// `fail`, storing stops at the first bad row (the load will roll back) but
    /// checking goes on, so the rejects report is complete.
    func produce(emit: (RowPipeline.Batch) -> Bool, batchRows: Int) throws {
        let columns = max(reader.columnCount, 1)
        var group = Group(cells: .allocate(capacity: LoadWork.groupRows * columns))
        defer { group.deallocate() }
        var read = report.rowsRead, stored = report.rowsStored, rejected = report.rowsRejected
        var firstRejects = report.firstRejects
        defer {
            report.rowsRead = read
            report.rowsStored = stored
            report.rowsRejected = rejected
            report.firstRejects = firstRejects
        }
        let storing = !request.dryRun, skip = request.policy == .skip
        var batch: RowPipeline.Batch = []
        if storing { batch.reserveCapacity(batchRows) }
        var problems: [Reject] = []
        var atEnd = false
        while !atEnd {
            var failure: (any Error)?
            do {
                atEnd = try readGroup(&group, columns: columns)
            } catch {
                failure = error
                atEnd = true
            }
            var from = 0
            let missesBefore = rules.referenceMisses
            for i in 0..<group.count {
                read &+= 1
                if read & 0xFFFF == 0 { progress?(read) }
                let row = group.cells + i &* columns
                if !problems.isEmpty { problems.removeAll(keepingCapacity: true) }
                if group.parsed[i] {
                    rules.check(row, keyHash: group.hashedKeys ? group.keyHashes[i] : nil,
                                referenceHash: group.referenceHashes[i],
                                line: group.lines[i], rejects: &problems)
                } else {
                    problems.append(contentsOf: group.rejects[from..<group.rejectEnds[i]])
                }
                from = group.rejectEnds[i]
                if problems.isEmpty {
                    stored &+= 1
                    guard storing, skip || rejected == 0 else { continue }
                    batch.append(reader.decoder.values(row, count: reader.columnCount))
                    if batch.count == batchRows {
                        guard emit(batch) else { return }
                        batch.removeAll(keepingCapacity: true)
                    }
                } else {
                    rejected &+= 1
                    for p in problems {
                        try rejects?.append(p)
                        if firstRejects.count < IngestReport.keptRejects { firstRejects.append(p) }
                    }
                }
            }
            groupReferenceMisses = rules.referenceMisses &- missesBefore
            if let failure { throw failure }
        }
        if !batch.isEmpty && (skip || rejected == 0) { _ = emit(batch) }
    }

    /// Parses the next group of rows (the first may read input, the others lie in the
    /// buffer), then touches what their checks will read; true at the end of the file.
    private func readGroup(_ group: inout Group, columns: Int) throws(IngestError) -> Bool {
        group.count = 0
        group.rejects.removeAll(keepingCapacity: true)
        group.hashedKeys = rules.hashesKeys
        var atEnd = false
        var anyReference: UInt64 = 0
        let prefetchReferences = groupReferenceMisses >= LoadWork.prefetchFromMisses
        while group.count < LoadWork.groupRows {
            let g = group.count, row = group.cells + g &* columns
            let status = try reader.readRow(into: row, rejects: &group.rejects, line: &group.lines[g], buffered: g > 0)
            if status == .bufferEmpty { break }
            if status == .end {
                atEnd = true
                break
            }
            let parsed = status == .parsed
            group.parsed[g] = parsed
            group.keyHashes[g] = parsed && group.hashedKeys ? rules.keyHash(row) : 0
            let referenceHash = parsed && prefetchReferences ? rules.referenceHash(row) : 0
            group.referenceHashes[g] = referenceHash
            anyReference |= referenceHash
            group.rejectEnds[g] = group.rejects.count
            group.count = g &+ 1
        }
        // Rows of one customer come together: most groups look up no new reference.
        rules.touch(keyHashes: group.hashedKeys ? group.keyHashes : nil,
                    referenceHashes: anyReference != 0 ? group.referenceHashes : nil, count: group.count)
        return atEnd
    }
}
