/// One field as the reader found it: content bytes `start..<end` in the
/// reader's buffer (quotes removed, `""` already unescaped) and where it began.
@usableFromInline
struct FieldSlot {
    @usableFromInline var start: Int
    @usableFromInline var end: Int
    var line: Int
    /// Byte column of the field's first byte (its opening quote when quoted).
    var column: Int
    var quoted: Bool
    var escaped: Bool

    static var empty: FieldSlot { FieldSlot(start: 0, end: 0, line: 0, column: 0, quoted: false, escaped: false) }
}

/// A view of one record of a `CSVReader`, without a `String` per field.
///
/// The byte buffers it hands out point into the reader's buffer and are
/// valid only until the next call to `nextRecord()` (or until the reader is
/// released): copy what you keep (`string(_:)` does). Field contents are
/// validated UTF-8, quotes removed and `""` turned into `"`. At least 64
/// readable bytes of the buffer follow every field (`CodeTable.packPadded`).
public struct CSVRecord {
    @usableFromInline let base: UnsafePointer<UInt8>
    @usableFromInline let slots: UnsafePointer<FieldSlot>
    let bufferOffset: Int
    /// Number of fields (equal to the header's, except in the record of a field-count error).
    public let count: Int
    /// Physical line on which the record starts.
    public let line: Int
    /// Stream offset where that line starts.
    let lineStart: Int
    /// Scanned by the fast path: unquoted fields on one line, slots with start and end only.
    let simple: Bool

    /// The bytes of field `i` (0-based).
    @inlinable
    public subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(i >= 0 && i < count, "field index out of range")
        let s = slots[i]
        return UnsafeBufferPointer(start: base + s.start, count: s.end - s.start)
    }

    /// The bytes of field `i`, without the range check (callers index by the header's count).
    @inline(__always)
    func field(unchecked i: Int) -> UnsafeBufferPointer<UInt8> {
        let s = slots[i]
        return UnsafeBufferPointer(start: base + s.start, count: s.end &- s.start)
    }

    /// Field `i` as a `String` (a copy).
    public func string(_ i: Int) -> String {
        String(decoding: self[i], as: UTF8.self)
    }

    /// Whether field `i` was written in quotes.
    public func isQuoted(_ i: Int) -> Bool {
        precondition(i >= 0 && i < count, "field index \(i) out of range 0..<\(count)")
        return !simple && slots[i].quoted
    }

    /// Where field `i` starts: its physical line, byte column and byte offset.
    public func location(ofField i: Int) -> CSVLocation {
        precondition(i >= 0 && i < count, "field index \(i) out of range 0..<\(count)")
        let s = slots[i]
        if simple {
            let offset = bufferOffset + s.start
            return CSVLocation(line: line, column: offset - lineStart + 1, byteOffset: offset)
        }
        // A quoted field's content starts one byte after its opening quote.
        let raw = bufferOffset + s.start - (s.quoted ? 1 : 0)
        return CSVLocation(line: s.line, column: s.column, byteOffset: raw)
    }

    /// All fields as strings (copies); for small files and tests.
    public var strings: [String] { (0..<count).map { string($0) } }
}
