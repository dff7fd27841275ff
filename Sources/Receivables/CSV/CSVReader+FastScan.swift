/// The scanner's fast path, for the records most files consist of: unquoted
/// fields ending in LF, CRLF or CR, wholly in the buffer.
///
/// It walks the 64-byte special-byte masks (`SpecialMask`) one set bit at a
/// time — a trailing-zero count per delimiter, no byte-class table, no
/// branch per byte — and validates UTF-8 sequences where the mask shows a
/// byte ≥ 0x80. Anything else (a quote, a blank line, the end of the
/// buffer) gives up before committing anything, and
/// the general state machine (`scanRecord`) scans the record from its start;
/// so every record is read the same way whichever path takes it, and errors
/// come only from the general path. On a million-invoice file this path
/// takes every record, at about a third of the general one's cost.
extension CSVReader {
    /// Scans one simple record at `position` and commits it like `scanRecord`; false: not simple, nothing changed.
    /// Its own function (not inlined into the reader's loop) so that its few live values stay in registers.
    @inline(never)
    func scanSimpleRecord() -> Bool {
        let buf = buffer, end = count
        let start = position
        guard start < end else { return false }
        let first = buf[start]
        if first == UInt8(ascii: "\"") || first == 10 || first == 13 { return false }
        let delimiter = options.delimiter, delimiterWord = self.delimiterWord
        let base = bufferOffset
        var bs = state.pointee.maskStart, m = state.pointee.mask
        if UInt(bitPattern: start &- bs) >= UInt(SpecialMask.blockSize) {
            bs = start
            m = SpecialMask.block(buf, start, end, delimiterWord)
        } else {
            m &= ~0 << UInt64(start &- bs)
        }
        var slots = self.slots, capacity = slotCapacity
        var n = 0, fieldStart = start, floor = start
        while true {
            while m == 0 {
                bs &+= SpecialMask.blockSize
                if bs >= end { return false }
                m = SpecialMask.block(buf, bs, end, delimiterWord)
                if floor > bs { m &= ~0 << UInt64(floor &- bs) }
            }
            let q = bs &+ m.trailingZeroBitCount
            m &= m &- 1
            if q >= end { return false }
            let b = buf[q]
            if b == delimiter || b == 10 || b == 13 {
                if n == capacity {
                    growSlots()
                    slots = self.slots
                    capacity = slotCapacity
                }
                // Start and end only: a simple record's fields all lie on its first line and
                // are unquoted, so `CSVRecord` derives their line and column when asked.
                slots[n].start = fieldStart
                slots[n].end = q
                n &+= 1
                fieldStart = q &+ 1
                if b == delimiter { continue }
                var next = q &+ 1
                if b == 13 {
                    if next == end { return false }   // is an LF next? The general path waits for more input.
                    if buf[next] == 10 {
                        next &+= 1
                        if next &- bs < SpecialMask.blockSize { m &= ~0 << UInt64(next &- bs) } else { m = 0 }
                    }
                }
                fieldsInRecord = n
                state.pointee.recordSimple = true
                state.pointee.recordLineStart = lineStart
                state.pointee.anyEscaped = false
                state.pointee.maskStart = bs
                state.pointee.mask = m
                recordLine = line
                position = next
                line &+= 1
                lineStart = base &+ next
                return true
            }
            guard b >= 0x80, case .valid(let length) = UTF8Validation.step(buf, q, end) else { return false }
            // Skip the sequence's continuation bytes (also flagged ≥ 0x80), perhaps into the next block.
            floor = q &+ length
            if floor &- bs < SpecialMask.blockSize { m &= ~0 << UInt64(floor &- bs) } else { m = 0 }
        }
    }
}
