// libFuzzer target for `CSVReader`.
//
// Input layout: byte 0 chooses the options, byte 1 the tiny chunk size, byte 2 a
// small `maxRecordBytes`; the rest is the CSV file.
//
//   byte 0, bits 0-1: delimiter  , ; | tab
//   byte 0, bit 2:    encoding   utf8 / cp1252
//   byte 1:           tiny chunk size 1...64 (byte % 64 + 1)
//   byte 2:           small maxRecordBytes 1...256
//
// Errors thrown by the reader are fine. Bugs are: a crash, a hang, a precondition
// failure, or one of the invariants below failing (reported with `fatalError`):
//
// 1. Chunk independence: reading with the tiny chunk size and with a large one
//    gives the same header, records (text, quoting, line, column, byte offset of
//    every field) and errors (same `description`), in the same order.
// 2. Small record limit: reading with a small `maxRecordBytes` (and the tiny chunk
//    size) gives the same log, or a prefix of it ending in a "record exceeds" error.
// 3. Reader contract: every record has the header's field count; field bytes are
//    valid UTF-8; after a syntax or encoding error the reader throws that same error
//    again; after the end it keeps returning nil; header names are non-empty and unique.
// 4. Round trip: the header and the records read before the first error, written
//    back as CSV (every field quoted, `"` doubled, CRLF), read back the same.

import Receivables

private let delimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "|"), 9]
private let bigChunk = 1 << 16

/// What one reading produced: an event log for comparisons, plus the clean rows.
private struct Reading {
    var log: [String] = []
    var header: [String]? = nil
    /// Records read before the first error (field-count errors skip their record).
    var rows: [[String]] = []
    var cleanUntilFirstError = true
}

private func describe(_ s: String) -> String { s.debugDescription }

private func read(_ bytes: [UInt8], _ options: CSVOptions) -> Reading {
    var out = Reading()
    let reader: CSVReader
    do {
        reader = try CSVReader(bytes: bytes, file: "fuzz.csv", options: options)
    } catch {
        out.log.append("E " + error.description)
        return out
    }
    let header = reader.header
    if header.isEmpty { fatalError("reader opened with an empty header") }
    if Set(header).count != header.count { fatalError("duplicate header names accepted: \(header)") }
    if header.contains(where: \.isEmpty) { fatalError("empty header name accepted: \(header)") }
    if reader.fieldCount != header.count { fatalError("fieldCount \(reader.fieldCount) != header.count") }
    out.header = header
    out.log.append("H " + header.map(describe).joined(separator: ","))
    var steps = 0
    while true {
        steps += 1
        if steps > 1_000_000 { fatalError("more than a million records from \(bytes.count) bytes") }
        do {
            guard let record = try reader.nextRecord() else {
                out.log.append("END")
                // After the end: nil again, no error.
                for _ in 0..<2 {
                    do {
                        if let again = try reader.nextRecord() {
                            fatalError("record after the end at line \(again.line)")
                        }
                    } catch {
                        fatalError("error after the end: \(error)")
                    }
                }
                break
            }
            if record.count != header.count {
                fatalError("record with \(record.count) fields returned, header has \(header.count)")
            }
            var fields: [String] = []
            var entry = "R \(record.line)"
            for i in 0..<record.count {
                let bytes = record[i]
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    fatalError("field \(i) of the record at line \(record.line) is not valid UTF-8: \(Array(bytes))")
                }
                let at = record.location(ofField: i)
                if at.line < record.line { fatalError("field \(i) line \(at.line) before record line \(record.line)") }
                if at.column < 1 || at.byteOffset < 0 { fatalError("field \(i) at bad location \(at) @\(at.byteOffset)") }
                fields.append(text)
                entry += " [\(record.isQuoted(i) ? "q" : "u") \(at.line):\(at.column)@\(at.byteOffset) \(describe(text))]"
            }
            out.log.append(entry)
            if out.cleanUntilFirstError { out.rows.append(fields) }
        } catch {
            out.log.append("E " + error.description)
            out.cleanUntilFirstError = false
            if case .fieldCount = error.kind { continue }
            // A syntax, encoding or limit error: the reader stays failed with that error.
            do {
                let again = try reader.nextRecord()
                fatalError("reader returned \(again == nil ? "nil" : "a record") after the error \(error)")
            } catch let second {
                if second != error { fatalError("second error \(second) differs from the first \(error)") }
            }
            break
        }
    }
    return out
}

private func firstDifference(_ a: [String], _ b: [String]) -> String {
    for i in 0..<max(a.count, b.count) {
        let x = i < a.count ? a[i] : "<none>", y = i < b.count ? b[i] : "<none>"
        if x != y { return "entry \(i):\n  \(x)\n  \(y)" }
    }
    return "none"
}

/// The header and rows as CSV: every field quoted, quotes doubled, CRLF line ends.
private func write(_ header: [String], _ rows: [[String]], delimiter: UInt8) -> [UInt8] {
    var out: [UInt8] = []
    func line(_ fields: [String]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { out.append(delimiter) }
            out.append(UInt8(ascii: "\""))
            for b in f.utf8 {
                out.append(b)
                if b == UInt8(ascii: "\"") { out.append(b) }
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(13)
        out.append(10)
    }
    line(header)
    rows.forEach(line)
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 3 else { return 0 }
    let delimiter = delimiters[Int(data[0] & 3)]
    let encoding: CSVEncoding = data[0] & 4 == 0 ? .utf8 : .cp1252
    let tiny = Int(data[1] % 64) + 1
    let smallLimit = Int(data[2]) + 1
    let bytes = Array(UnsafeBufferPointer(start: data + 3, count: size - 3))

    let small = read(bytes, CSVOptions(delimiter: delimiter, encoding: encoding, chunkSize: tiny))
    let big = read(bytes, CSVOptions(delimiter: delimiter, encoding: encoding, chunkSize: bigChunk))
    if small.log != big.log {
        fatalError("chunk size \(tiny) and \(bigChunk) disagree (\(encoding), delimiter \(delimiter)), first difference at "
                   + firstDifference(small.log, big.log))
    }

    // A small record limit (same tiny chunk size): the same log, or a prefix of it
    // ending in "record exceeds".
    let limited = read(bytes, CSVOptions(delimiter: delimiter, encoding: encoding, chunkSize: tiny,
                                         maxRecordBytes: smallLimit))
    if limited.log != small.log {
        guard let last = limited.log.last, last.hasPrefix("E "), last.contains("record exceeds \(smallLimit) bytes"),
              limited.log.count <= small.log.count,
              Array(limited.log.dropLast()) == Array(small.log.prefix(limited.log.count - 1)) else {
            fatalError("maxRecordBytes \(smallLimit) (chunk \(tiny)) changed the records, first difference at "
                       + firstDifference(limited.log, small.log))
        }
    }

    // Round trip through a canonical CSV text (always UTF-8: the reader's fields are).
    if let header = big.header {
        let text = write(header, big.rows, delimiter: delimiter)
        let again = read(text, CSVOptions(delimiter: delimiter, encoding: .utf8, chunkSize: tiny))
        guard again.header == header, again.rows == big.rows, again.cleanUntilFirstError else {
            fatalError("round trip changed the data:\n  header \(header) -> \(again.header ?? [])\n  "
                       + firstDifference(again.log, big.log))
        }
    }
    return 0
}
