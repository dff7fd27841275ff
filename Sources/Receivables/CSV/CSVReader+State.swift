/// The scanner's mutable state lives in one struct behind a pointer
/// (`CSVReader.state`): accesses through it need no dynamic exclusivity
/// checks, which class stored properties would pay on every record. The
/// computed properties keep the scanner's code reading like plain fields.
extension CSVReader {
    struct ScanState {
        var buffer: UnsafeMutablePointer<UInt8>
        var capacity: Int
        /// Valid bytes in `buffer`; `buffer[count]` always holds an LF sentinel.
        var count = 0
        /// Start of the next record in `buffer`.
        var position = 0
        /// Stream offset of `buffer[0]`.
        var bufferOffset = 0
        var atEnd = false
        /// Physical line at `position`, and the stream offset where that line starts.
        var line = 1
        var lineStart = 0
        var slots: UnsafeMutablePointer<FieldSlot>
        var slotCapacity = 64
        var fieldsInRecord = 0
        var recordLine = 1
        /// Whether the fast path scanned the record (its slots hold start and end only),
        /// and the stream offset where its first line starts.
        var recordSimple = false
        var recordLineStart = 0
        /// Fields per record once the header is read (-1 before).
        var expectedFields = -1
        var failed = false
        /// Whether the last record scanned has a field with `""` to unescape.
        var anyEscaped = false
        /// The 64-byte block at `maskStart` and its special-byte mask (`SpecialMask`).
        var maskStart = Int.min
        var mask: UInt64 = 0
    }

    var buffer: UnsafeMutablePointer<UInt8> {
        get { state.pointee.buffer }
        set { state.pointee.buffer = newValue }
    }
    var capacity: Int {
        get { state.pointee.capacity }
        set { state.pointee.capacity = newValue }
    }
    var count: Int {
        get { state.pointee.count }
        set { state.pointee.count = newValue }
    }
    var position: Int {
        get { state.pointee.position }
        set { state.pointee.position = newValue }
    }
    var bufferOffset: Int {
        get { state.pointee.bufferOffset }
        set { state.pointee.bufferOffset = newValue }
    }
    var atEnd: Bool {
        get { state.pointee.atEnd }
        set { state.pointee.atEnd = newValue }
    }
    var line: Int {
        get { state.pointee.line }
        set { state.pointee.line = newValue }
    }
    var lineStart: Int {
        get { state.pointee.lineStart }
        set { state.pointee.lineStart = newValue }
    }
    var slots: UnsafeMutablePointer<FieldSlot> {
        get { state.pointee.slots }
        set { state.pointee.slots = newValue }
    }
    var slotCapacity: Int {
        get { state.pointee.slotCapacity }
        set { state.pointee.slotCapacity = newValue }
    }
    var fieldsInRecord: Int {
        get { state.pointee.fieldsInRecord }
        set { state.pointee.fieldsInRecord = newValue }
    }
    var recordLine: Int {
        get { state.pointee.recordLine }
        set { state.pointee.recordLine = newValue }
    }
}
