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
    ///
    /// Its own function, with the mask computation and UTF-8 checks called out of
    /// line, so that the loop over delimiters keeps its few live values (mask, slot
    /// pointer, field start) in registers: about a dozen instructions per field.
    @inline(never)
    func scanSimpleRecord() -> Bool {
        let buf = buffer, end = count
        let start = position
        guard start < end else { return false }
        let first = buf[start]
        if first == UInt8(ascii: "\"") || first == 10 || first == 13 { return false }
        let delimiter = options.delimiter
        var bs = state.pointee.maskStart, m = state.pointee.mask
        if UInt(bitPattern: start &- bs) >= UInt(SpecialMask.blockSize) {
            bs = start
            m = nextMask(buf, start, end, floor: start)
        } else {
            m &= ~0 << UInt64(start &- bs)
        }
        // Start and end only: a simple record's fields all lie on its first line and
        // are unquoted, so `CSVRecord` derives their line and column when asked.
        var slot = slots, slotEnd = slots + slotCapacity
        var fieldStart = start, q = 0, b: UInt8 = 0
        while true {
            if m == 0 {
                bs &+= SpecialMask.blockSize
                if bs >= end { return false }
                m = nextMask(buf, bs, end, floor: fieldStart)
                continue
            }
            q = bs &+ m.trailingZeroBitCount
            m &= m &- 1
            if q >= end { return false }
            b = buf[q]
            if b != delimiter {
                if b == 10 || b == 13 { break }
                // A byte ≥ 0x80 starts a UTF-8 sequence: skip its continuation bytes
                // (also flagged), perhaps into the next block. Anything else: not simple.
                let after = b >= 0x80 ? utf8End(buf, q, end) : -1
                if after < 0 { return false }
                if after &- bs < SpecialMask.blockSize { m &= ~0 << UInt64(after &- bs) } else { m = 0 }
                if m == 0 && after &- bs >= SpecialMask.blockSize {
                    bs &+= SpecialMask.blockSize
                    if bs >= end { return false }
                    m = nextMask(buf, bs, end, floor: after)
                }
                continue
            }
            if slot == slotEnd { (slot, slotEnd) = grownSlots(slot) }
            slot.pointee.start = fieldStart
            slot.pointee.end = q
            slot += 1
            fieldStart = q &+ 1
        }
        if slot == slotEnd { (slot, slotEnd) = grownSlots(slot) }
        slot.pointee.start = fieldStart
        slot.pointee.end = q
        var next = q &+ 1
        if b == 13 {
            if next == end { return false }   // is an LF next? The general path waits for more input.
            if buf[next] == 10 {
                next &+= 1
                if next &- bs < SpecialMask.blockSize { m &= ~0 << UInt64(next &- bs) } else { m = 0 }
            }
        }
        fieldsInRecord = (slot - slots) &+ 1
        state.pointee.recordSimple = true
        state.pointee.recordLineStart = lineStart
        state.pointee.anyEscaped = false
        state.pointee.maskStart = bs
        state.pointee.mask = m
        recordLine = line
        position = next
        line &+= 1
        lineStart = bufferOffset &+ next
        return true
    }

    /// The special-byte mask of the block at `bs`, without the bits below `floor`.
    @inline(never)
    private func nextMask(_ buf: UnsafeMutablePointer<UInt8>, _ bs: Int, _ end: Int, floor: Int) -> UInt64 {
        let m = SpecialMask.block(buf, bs, end, delimiterWord)
        return floor > bs ? m & (~0 << UInt64(min(floor &- bs, 63))) : m
    }

    /// The index after the well-formed UTF-8 sequence at `q`, or -1 (malformed or cut off: the general path decides).
    @inline(never)
    private func utf8End(_ buf: UnsafeMutablePointer<UInt8>, _ q: Int, _ end: Int) -> Int {
        if case .valid(let length) = UTF8Validation.step(buf, q, end) { return q &+ length }
        return -1
    }

    /// More slots; returns the pointer for the next field and the new end.
    @inline(never)
    private func grownSlots(_ slot: UnsafeMutablePointer<FieldSlot>) -> (UnsafeMutablePointer<FieldSlot>, UnsafeMutablePointer<FieldSlot>) {
        let n = slot - slots
        growSlots()
        return (slots + n, slots + slotCapacity)
    }
}
