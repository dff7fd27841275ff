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
        let buf = buffer, table = classes, end = count, base = bufferOffset, atEnd = self.atEnd
        let quote = UInt8(ascii: "\"")
        let delimiterWord = UInt64(options.delimiter) &* SWAR.ones
        var slots = self.slots, slotCapacity = self.slotCapacity
        var blockStart = state.pointee.maskStart, mask = state.pointee.mask
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
        var anyEscaped = false
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
                    while p &+ 8 <= end {
                        let w = UnsafeRawPointer(buf + p).loadUnaligned(as: UInt64.self)
                        let m = SWAR.zeroBytes(w ^ SWAR.quotes) | SWAR.zeroBytes(w ^ SWAR.lineFeeds)
                            | SWAR.zeroBytes(w ^ SWAR.carriageReturns) | (w & SWAR.highs)
                        if m != 0 {
                            p &+= m.trailingZeroBitCount >> 3
                            break
                        }
                        p &+= 8
                    }
                    while table[Int(buf[p])] <= ByteClass.delimiter { p &+= 1 }
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
                            anyEscaped = true
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
                    // Next special byte from the block mask: no branch per byte, and the
                    // `m != 0` test is almost always true, so field ends cost no mispredict.
                    while true {
                        if UInt(bitPattern: p &- blockStart) >= UInt(SpecialMask.blockSize) {
                            blockStart = p
                            mask = SpecialMask.block(buf, p, end, delimiterWord)
                        }
                        let m = mask >> UInt64(p &- blockStart)
                        if m != 0 {
                            p &+= m.trailingZeroBitCount
                            break
                        }
                        p = blockStart &+ SpecialMask.blockSize
                    }
                    // The mask is exact: `buf[p]` is special here, or `p == end`.
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
            if n == slotCapacity {
                growSlots()
                slots = self.slots
                slotCapacity = self.slotCapacity
            }
            (slots + n).initialize(to: slot)
            n &+= 1
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
        state.pointee.recordSimple = false
        state.pointee.anyEscaped = anyEscaped
        state.pointee.maskStart = blockStart
        state.pointee.mask = mask
        recordLine = startLine
        position = p
        line = ln
        lineStart = ls
        return .record
    }

    /// The line of a quote still open in the unfinished record, if any (for the record-too-large hint).
    func openQuoteLine() -> Int? {
        var inQuote = false, ln = line, opened = line
        var p = position, fieldStart = true
        while p < count {
            let b = buffer[p]
            if b == UInt8(ascii: "\"") {
                if inQuote { inQuote = false } else if fieldStart { inQuote = true; opened = ln }
            }
            fieldStart = !inQuote && b == options.delimiter
            if b == 10 || (b == 13 && (p + 1 >= count || buffer[p + 1] != 10)) { ln += 1; fieldStart = !inQuote }
            p += 1
        }
        return inQuote ? opened : nil
    }

    /// Checks the UTF-8 sequence at `p` (a byte ≥ 0x80); returns the index after it,
    /// or -1 when the sequence is cut by the end of the buffer and more input is coming.
    @inline(__always)
    private func validateUTF8(_ buf: UnsafeMutablePointer<UInt8>, _ p: Int, _ end: Int,
                              _ ln: Int, _ ls: Int) throws(CSVError) -> Int {
        switch UTF8Validation.step(buf, p, end) {
        case .valid(let length):
            return p + length
        case .truncated where !self.atEnd:
            return -1
        case .truncated:
            throw error(at: ln, bufferOffset + p - ls + 1, bufferOffset + p,
                        .invalidUTF8(bytes: Array(UnsafeBufferPointer(start: buf + p, count: end - p))))
        case .invalid(let k):
            throw error(at: ln, bufferOffset + p - ls + 1, bufferOffset + p,
                        .invalidUTF8(bytes: Array(UnsafeBufferPointer(start: buf + p, count: min(k, end - p)))))
        }
    }

    @inline(never)
    func growSlots() {
        let bigger = UnsafeMutablePointer<FieldSlot>.allocate(capacity: slotCapacity * 2)
        bigger.moveInitialize(from: slots, count: slotCapacity)
        (bigger + slotCapacity).initialize(repeating: FieldSlot.empty, count: slotCapacity)
        slots.deallocate()
        slots = bigger
        slotCapacity *= 2
    }

    private func error(at line: Int, _ column: Int, _ offset: Int, _ kind: CSVError.Kind) -> CSVError {
        CSVError(file: file, location: CSVLocation(line: line, column: column, byteOffset: offset), kind: kind)
    }
}

/// Eight-bytes-at-a-time search for the bytes that end a run of plain text.
///
/// `zeroBytes(x)` sets the high bit of each zero byte of `x`; bits above the
/// lowest one may be false positives (borrows run upwards), so only the lowest
/// set bit is used: it marks the first special byte exactly (little-endian).
enum SWAR {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080
    static let quotes: UInt64 = 0x22 &* ones
    static let lineFeeds: UInt64 = 0x0A &* ones
    static let carriageReturns: UInt64 = 0x0D &* ones

    @inline(__always)
    static func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
}

/// Bit masks of the bytes that stop an unquoted field (delimiter, quote, CR,
/// LF, any byte ≥ 0x80), 64 bytes at a time: bit k is set when byte k is special.
///
/// Four 16-byte vectors are compared with the four bytes (SSE2 `pcmpeqb`) and
/// the high bit (`≥ 0x80`); each lane becomes 0 or 1 and the sixteen lanes are
/// gathered into 16 bits by two multiplications (`w * 0x0102040810204080 >> 56`
/// collects the low bits of a word's eight bytes). A third faster than the same
/// test done eight bytes at a time in general-purpose registers.
enum SpecialMask {
    static let blockSize = 64

    /// The mask of the 64 bytes at `buf[start]`; bits at or past `end` are set, so a scan stops at `end`.
    @inline(__always)
    static func block(_ buf: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int, _ delimiterWord: UInt64) -> UInt64 {
        let raw = UnsafeRawPointer(buf + start)
        let delimiter = SIMD16<UInt8>(repeating: UInt8(truncatingIfNeeded: delimiterWord))
        let quote = SIMD16<UInt8>(repeating: 0x22), lineFeed = SIMD16<UInt8>(repeating: 10)
        let carriageReturn = SIMD16<UInt8>(repeating: 13), high = SIMD16<UInt8>(repeating: 0x80)
        let zero = SIMD16<UInt8>(repeating: 0)
        var mask: UInt64 = 0
        for k in 0..<4 {
            let v = raw.loadUnaligned(fromByteOffset: 16 &* k, as: SIMD16<UInt8>.self)
            let special = (v .== delimiter) .| (v .== quote) .| (v .== lineFeed) .| (v .== carriageReturn) .| (v .>= high)
            let lanes = unsafeBitCast(zero.replacing(with: 1, where: special), to: SIMD2<UInt64>.self)
            let low = (lanes[0] &* 0x0102_0408_1020_4080) >> 56, upper = (lanes[1] &* 0x0102_0408_1020_4080) >> 56
            mask |= (low | upper << 8) << UInt64(16 &* k)
        }
        let valid = end &- start
        if valid < blockSize { mask |= ~0 << UInt64(valid) }
        return mask
    }
}

/// Byte classes of the scanner's table.
enum ByteClass {
    static let plain: UInt8 = 0
    static let delimiter: UInt8 = 1
    static let quote: UInt8 = 2
    static let lineFeed: UInt8 = 3
    static let carriageReturn: UInt8 = 4
    static let high: UInt8 = 5
}
