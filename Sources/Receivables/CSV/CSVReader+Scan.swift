/// The byte-level state machine. One call scans one record from `position`;
/// it commits the reader's position and line only when the record is whole,
/// so a record cut by the end of the buffer is simply scanned again after
/// `refill()`. `buffer[count]` is an LF sentinel, so the inner loops test one
/// table lookup per byte and check `p == end` only when they stop.
extension CSVReader {
    enum ScanOutcome { case record, needMore, end }

    // One record is one pass of a small state machine; splitting it would
    // cost the inlined fast paths that give the reader its speed.
    func scanRecord() throws(CSVError) -> ScanOutcome {
        let buf = buffer, table = classes, end = count, base = bufferOffset
        let quote = UInt8(ascii: "\"")
        var p = position
        // Blank lines: skipped, counted.
        while p < end && (buf[p] == 10 || buf[p] == 13) {
            if buf[p] == 13 {
                if p + 1 == end && !atEnd { return .needMore }
                if p + 1 < end && buf[p + 1] == 10 { p += 1 }
            }
            p += 1
            line += 1
            lineStart = base + p
            position = p
        }
        if p == end { return atEnd ? .end : .needMore }
        var ln = line, ls = lineStart
        var n = 0
        let startLine = ln
        while true {
            // At the start of a field.
            let fieldLine = ln, fieldColumn = base + p - ls + 1
            var slot = FieldSlot(start: p, end: p, line: fieldLine, column: fieldColumn, quoted: false, escaped: false)
            var stop: UInt8
            if p < end && buf[p] == quote {
                p += 1
                slot.start = p
                slot.quoted = true
                quoted: while true {
                    while table[Int(buf[p])] <= ByteClass.delimiter { p += 1 }
                    if p == end {
                        if !atEnd { return .needMore }
                        throw error(at: fieldLine, fieldColumn, base + slot.start - 1,
                                    .unterminatedQuote(openedAtLine: fieldLine))
                    }
                    switch table[Int(buf[p])] {
                    case ByteClass.quote:
                        if p + 1 == end && !atEnd { return .needMore }
                        if p + 1 < end && buf[p + 1] == quote {
                            slot.escaped = true
                            p += 2
                        } else {
                            slot.end = p
                            p += 1
                            break quoted
                        }
                    case ByteClass.lineFeed:
                        p += 1
                        ln += 1
                        ls = base + p
                    case ByteClass.carriageReturn:
                        if p + 1 == end && !atEnd { return .needMore }
                        p += 1
                        if p < end && buf[p] == 10 { p += 1 }
                        ln += 1
                        ls = base + p
                    default:
                        p = try validateUTF8(buf, p, end, ln, ls)
                        if p < 0 { return .needMore }
                    }
                }
                if p == end {
                    if !atEnd { return .needMore }
                    stop = 0
                } else {
                    stop = table[Int(buf[p])]
                    if stop != ByteClass.delimiter && stop != ByteClass.lineFeed && stop != ByteClass.carriageReturn {
                        throw error(at: ln, base + p - ls + 1, base + p, .strayQuote(afterClosingQuote: true))
                    }
                }
            } else {
                while true {
                    while table[Int(buf[p])] == ByteClass.plain { p += 1 }
                    if p == end {
                        if !atEnd { return .needMore }
                        stop = 0
                        break
                    }
                    stop = table[Int(buf[p])]
                    if stop == ByteClass.high {
                        p = try validateUTF8(buf, p, end, ln, ls)
                        if p < 0 { return .needMore }
                        continue
                    }
                    if stop == ByteClass.quote {
                        throw error(at: ln, base + p - ls + 1, base + p, .strayQuote(afterClosingQuote: false))
                    }
                    break
                }
                slot.end = p
            }
            if stop == ByteClass.carriageReturn && p + 1 == end && !atEnd { return .needMore }
            store(slot, at: n)
            n += 1
            switch stop {
            case ByteClass.delimiter:
                p += 1
                continue
            case ByteClass.lineFeed:
                p += 1
            case ByteClass.carriageReturn:
                p += 1
                if p < end && buf[p] == 10 { p += 1 }
            default:
                break   // end of input without a final line break
            }
            if stop != 0 {
                ln += 1
                ls = base + p
            }
            break
        }
        fieldsInRecord = n
        recordLine = startLine
        position = p
        line = ln
        lineStart = ls
        return .record
    }

    /// Checks the UTF-8 sequence at `p` (a byte ≥ 0x80); returns the index after it,
    /// or -1 when the sequence is cut by the end of the buffer and more input is coming.
    @inline(__always)
    private func validateUTF8(_ buf: UnsafeMutablePointer<UInt8>, _ p: Int, _ end: Int,
                              _ ln: Int, _ ls: Int) throws(CSVError) -> Int {
        switch UTF8Validation.step(buf, p, end) {
        case .valid(let length):
            return p + length
        case .truncated where !atEnd:
            return -1
        case .truncated:
            throw error(at: ln, bufferOffset + p - ls + 1, bufferOffset + p,
                        .invalidUTF8(bytes: Array(UnsafeBufferPointer(start: buf + p, count: end - p))))
        case .invalid(let k):
            throw error(at: ln, bufferOffset + p - ls + 1, bufferOffset + p,
                        .invalidUTF8(bytes: Array(UnsafeBufferPointer(start: buf + p, count: min(k, end - p)))))
        }
    }

    @inline(__always)
    private func store(_ slot: FieldSlot, at n: Int) {
        if n == slotCapacity {
            let bigger = UnsafeMutablePointer<FieldSlot>.allocate(capacity: slotCapacity * 2)
            bigger.moveInitialize(from: slots, count: slotCapacity)
            slots.deallocate()
            slots = bigger
            slotCapacity *= 2
        }
        (slots + n).initialize(to: slot)
    }

    private func error(at line: Int, _ column: Int, _ offset: Int, _ kind: CSVError.Kind) -> CSVError {
        CSVError(file: file, location: CSVLocation(line: line, column: column, byteOffset: offset), kind: kind)
    }
}
