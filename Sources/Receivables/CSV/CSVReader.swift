/// A validating, streaming RFC 4180 reader.
///
/// Reads the file in chunks of `CSVOptions.chunkSize` bytes into one reusable
/// buffer and walks it with a byte-level state machine (`CSVReader+Scan.swift`,
/// with a fast path for plain records in `CSVReader+FastScan.swift`);
/// a record cut by a chunk boundary is moved to the front of the buffer and
/// scanned again once more bytes are in, so memory stays bounded by the chunk
/// size plus the longest record (`maxRecordBytes`).
///
/// Strict where the Swift CSV packages are lenient: the header fixes the field
/// count and every record must match it; a quote left open at the end of the
/// file is an error naming its line; a bare `"` in an unquoted field or text
/// after a closing quote is an error; bytes must be well-formed UTF-8 (or
/// CP1252 when configured). Every error carries `file:line:column`, physical
/// lines counted across quoted line breaks.
///
/// Fields come back as byte views (`CSVRecord`), exactly as written: quotes
/// removed and `""` unescaped in place once the record is complete, nothing
/// trimmed, so identifier columns keep leading zeros and spaces
/// (`0000611365`). The typed parsers (`AmountParser`, `DateParser`,
/// `ValueMap`) trim surrounding ASCII spaces themselves.
///
/// After a field-count error the reader has consumed the bad record and
/// `nextRecord()` may be called again (for a rejects report). After a syntax
/// or encoding error the reader stays failed and throws that error again.
///
/// ```swift
/// let reader = try CSVReader(path: "invoices.csv")
/// while let record = try reader.nextRecord() {
///     let amount = try amounts.parse(record[4])
/// }
/// ```
public final class CSVReader {
    /// The name used in error messages (the path as given).
    public let file: String
    public let options: CSVOptions
    /// The header row's column names.
    public private(set) var header: [String] = []
    /// Fields per record, fixed by the header.
    public var fieldCount: Int { header.count }

    var source: ByteSource
    /// The scanner's mutable state (`CSVReader+State.swift`).
    let state: UnsafeMutablePointer<ScanState>
    /// A byte class per value; see `ByteClass`.
    let classes: UnsafeMutablePointer<UInt8>
    var cp1252: CP1252Decoder?
    /// An undefined CP1252 byte met while decoding ahead: thrown once the bytes before it are used.
    var pendingDecodeError: CSVError?
    var rawChunk: UnsafeMutablePointer<UInt8>?
    var failure: CSVError?
    /// The delimiter in all eight bytes of a word, for `SpecialMask.block`.
    let delimiterWord: UInt64

    /// Opens `path` and reads its header row.
    public convenience init(path: String, options: CSVOptions = CSVOptions()) throws(CSVError) {
        try self.init(source: ByteSource.open(path: path), file: path, options: options)
    }

    /// Reads from bytes in memory; `file` names them in error messages.
    public convenience init(bytes: [UInt8], file: String, options: CSVOptions = CSVOptions()) throws(CSVError) {
        try self.init(source: .memory(bytes, position: 0), file: file, options: options)
    }

    init(source: ByteSource, file: String, options: CSVOptions) throws(CSVError) {
        self.file = file
        self.options = options
        self.source = source
        delimiterWord = UInt64(options.delimiter) &* SWAR.ones
        let room = options.encoding == .cp1252 ? CP1252Decoder.maxOutput(options.chunkSize) : options.chunkSize
        let capacity = max(room, 1)
        let buffer = CSVReader.allocateBuffer(capacity)
        state = .allocate(capacity: 1)
        let slots = UnsafeMutablePointer<FieldSlot>.allocate(capacity: 64)
        slots.initialize(repeating: FieldSlot.empty, count: 64)
        state.initialize(to: ScanState(buffer: buffer, capacity: capacity, slots: slots))
        classes = .allocate(capacity: 256)
        classes.initialize(repeating: ByteClass.plain, count: 256)
        for b in 0x80...0xFF { classes[b] = ByteClass.high }
        classes[Int(options.delimiter)] = ByteClass.delimiter
        classes[Int(UInt8(ascii: "\""))] = ByteClass.quote
        classes[10] = ByteClass.lineFeed
        classes[13] = ByteClass.carriageReturn
        if options.encoding == .cp1252 {
            cp1252 = CP1252Decoder()
            rawChunk = .allocate(capacity: max(options.chunkSize, 1))
        }
        guard options.isValid else {
            throw CSVError(file: file, location: CSVLocation(line: 0, column: 0, byteOffset: 0),
                           kind: .invalidOptions("delimiter must be one printable ASCII byte or tab, not a quote; "
                                                 + "chunkSize and maxRecordBytes must be positive"))
        }
        try readHeader()
    }

    deinit {
        source.close()
        buffer.deallocate()
        slots.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
        classes.deallocate()
        rawChunk?.deallocate()
    }

    /// The next record, or nil at the end of the file. The record's buffers are
    /// valid until the next call.
    public func nextRecord() throws(CSVError) -> CSVRecord? {
        guard let record = try nextRawRecord() else { return nil }
        return try checkedFieldCount(record)
    }

    /// The next record if it is already whole in the buffer, else nil (call
    /// `nextRecord()`, which reads on, or returns nil at the end of the file).
    ///
    /// It never reads input, so the field bytes of every record handed out since
    /// the last `nextRecord()` stay where they are: a caller may parse a group of
    /// records first and check them afterwards (the ingest overlaps its key-table
    /// cache misses that way). Only the last record's `CSVRecord` view is valid;
    /// earlier ones' slots are reused.
    public func nextBufferedRecord() throws(CSVError) -> CSVRecord? {
        guard let record = try nextRawRecord(reading: false) else { return nil }
        return try checkedFieldCount(record)
    }

    private func checkedFieldCount(_ record: CSVRecord) throws(CSVError) -> CSVRecord {
        if record.count != state.pointee.expectedFields { throw fieldCountError(record) }
        return record
    }

    /// Fields per record, fixed by the header (read without touching `header`).
    var expectedFields: Int { state.pointee.expectedFields }

    /// The error `nextRecord()` throws for `record`, whose field count is wrong.
    func fieldCountError(_ record: CSVRecord) -> CSVError {
        let at = CSVLocation(line: record.line, column: 1, byteOffset: record.location(ofField: 0).byteOffset)
        return CSVError(file: file, location: at, kind: .fieldCount(expected: expectedFields, saw: record.count))
    }

    /// Average bytes per line of the input buffered so far (up to 256 KiB
    /// sampled), or nil before any line break: sizes the ingest's key table.
    func sampledBytesPerLine() -> Int? {
        let end = min(count, position + (1 << 18))
        var lines = 0
        for i in position..<max(end, position) where buffer[i] == 10 { lines += 1 }
        return lines == 0 ? nil : max(1, (end - position) / lines)
    }

    /// Every remaining record as strings; for small files and tests.
    public func readAll() throws(CSVError) -> [[String]] {
        var rows: [[String]] = []
        while let r = try nextRecord() { rows.append(r.strings) }
        return rows
    }

    /// An error for field `i` of `record` rejected by a typed parser, located at the field.
    public func error(_ error: ValueParseError, field i: Int, of record: CSVRecord) -> CSVError {
        let name = i < header.count ? header[i] : "field \(i + 1)"
        return CSVError(file: file, location: record.location(ofField: i), kind: .invalidValue(column: name, error))
    }

    private func readHeader() throws(CSVError) {
        if options.encoding == .utf8 {
            while count < 3 && !atEnd { try refill() }
            if count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
                position = 3
                lineStart = 3
            }
        }
        guard let record = try nextRawRecord() else {
            throw CSVError(file: file, location: CSVLocation(line: 1, column: 1, byteOffset: 0), kind: .missingHeader)
        }
        var seen: [String: Int] = [:]
        var names: [String] = []
        for i in 0..<record.count {
            let name = record.string(i)
            if name.isEmpty {
                throw CSVError(file: file, location: record.location(ofField: i), kind: .emptyColumnName(column: i + 1))
            }
            if let first = seen[name] {
                throw CSVError(file: file, location: record.location(ofField: i),
                               kind: .duplicateColumn(name: name, firstColumn: first))
            }
            seen[name] = i + 1
            names.append(name)
        }
        header = names
        state.pointee.expectedFields = names.count
    }

    /// The next record of any field count (quotes unescaped), or nil at the end
    /// (without `reading`: nil when the buffer holds no whole record).
    func nextRawRecord(reading: Bool = true) throws(CSVError) -> CSVRecord? {
        if state.pointee.failed, let failure { throw failure }
        do {
            while true {
                if scanSimpleRecord() {
                    return currentRecord()
                }
                switch try scanRecord() {
                case .record:
                    if state.pointee.anyEscaped { unescapeQuotes() }
                    return currentRecord()
                case .needMore:
                    guard reading else { return nil }
                    try refill()
                case .end:
                    return nil
                }
            }
        } catch {
            failure = error
            state.pointee.failed = true
            throw error
        }
    }

    /// The next record if the fast path (`scanSimpleRecord`) takes it, else nil: then
    /// `nextRawRecord` reads it (or reads on, or throws). The ingest's per-row call:
    /// inlined into the row loop, no error handling, no optional record built through memory.
    @inline(__always)
    func nextSimpleRecord() -> CSVRecord? {
        guard !state.pointee.failed, scanSimpleRecord() else { return nil }
        return currentRecord()
    }

    /// The record just scanned, as a view.
    @inline(__always)
    private func currentRecord() -> CSVRecord {
        CSVRecord(base: buffer, slots: slots, bufferOffset: bufferOffset, count: fieldsInRecord, line: recordLine,
                  lineStart: state.pointee.recordLineStart, simple: state.pointee.recordSimple)
    }

    /// Turns each `""` of an escaped quoted field into `"`, in place (the record is complete).
    private func unescapeQuotes() {
        for f in 0..<fieldsInRecord where slots[f].escaped {
            var read = slots[f].start, write = slots[f].start
            let end = slots[f].end
            while read < end {
                let b = buffer[read]
                buffer[write] = b
                write += 1
                read += b == UInt8(ascii: "\"") ? 2 : 1
            }
            slots[f].end = write
        }
    }

    /// Keeps the unfinished record, moves it to the front, and appends the next chunk.
    private func refill() throws(CSVError) {
        if let pending = pendingDecodeError { throw pending }
        let keep = count - position
        if position > 0 {
            if keep > 0 { buffer.update(from: buffer + position, count: keep) }
            bufferOffset += position
            position = 0
            count = keep
        }
        let chunk = options.chunkSize
        let room = cp1252 == nil ? chunk : CP1252Decoder.maxOutput(chunk)
        if keep + room > capacity {
            if keep > options.maxRecordBytes {
                throw CSVError(file: file, location: CSVLocation(line: line, column: bufferOffset - lineStart + 1,
                                                                 byteOffset: bufferOffset),
                               kind: .recordTooLarge(limit: options.maxRecordBytes,
                                                     insideQuoteOpenedAtLine: openQuoteLine()))
            }
            let newCapacity = max(keep + room, capacity * 2)
            let bigger = CSVReader.allocateBuffer(newCapacity)
            bigger.update(from: buffer, count: count)
            buffer.deallocate()
            buffer = bigger
            capacity = newCapacity
        }
        var produced: Int
        if let raw = rawChunk, var decoder = cp1252 {
            let n = try source.read(into: raw, count: chunk, file: file)
            let decoded = decoder.decode(UnsafeBufferPointer(start: raw, count: n), into: buffer + count, file: file)
            produced = decoded.written
            pendingDecodeError = decoded.error
            cp1252 = decoder
            if n == 0 { atEnd = true }
        } else {
            produced = try source.read(into: buffer + count, count: chunk, file: file)
            if produced == 0 { atEnd = true }
        }
        count += produced
        buffer[count] = 10
        (buffer + count + 1).update(repeating: 0, count: SpecialMask.blockSize)
        state.pointee.maskStart = Int.min
    }

    /// A buffer for `capacity` bytes, plus the LF sentinel and 64 bytes that the
    /// block scanner may read (and masks off) past the end of the data. `refill()`
    /// zeroes the 64 bytes after each new sentinel, so at least 64 initialised
    /// bytes follow any field: `CodeTable.packPadded` loads a short field as two
    /// whole words.
    static func allocateBuffer(_ capacity: Int) -> UnsafeMutablePointer<UInt8> {
        let b = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 1 + SpecialMask.blockSize)
        b[0] = 10
        (b + 1).initialize(repeating: 0, count: SpecialMask.blockSize)
        (b + capacity + 1).initialize(repeating: 0, count: SpecialMask.blockSize)
        return b
    }
}
