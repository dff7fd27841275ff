import Foundation

/// A buffered, streaming CSV writer (RFC 4180, comma, LF line ends, UTF-8).
///
/// Fields are appended as bytes into one reusable buffer that is flushed to
/// the file in chunks of about 1 MB, so memory stays constant whatever the
/// file size. Integers, money and dates are formatted by hand into bytes
/// (no `String(format:)`, no `DateFormatter`): that is what lets the
/// generator write a million invoices in a few seconds.
///
/// Text fields are quoted only when they hold a comma, a quote, CR or LF;
/// quotes inside are doubled. An empty field is a missing value.
/// Not thread-safe: one writer per file, used by one thread.
public final class CSVRowWriter {
    public let path: String
    private let handle: FileHandle
    // One raw buffer, reused for the whole file: appends are plain stores, with
    // no copy-on-write uniqueness or dynamic exclusivity check per byte (those
    // took half the run time). The writer is used from one thread.
    @exclusivity(unchecked) private var storage: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var atRowStart = true
    private let chunkSize: Int
    /// Data rows written so far (the header is not counted).
    @exclusivity(unchecked) public private(set) var rowCount = 0
    /// Bytes written so far, header included (buffered bytes count).
    public private(set) var byteCount = 0

    /// Creates (or truncates) the file at `path`, owner-only (0600), and writes the header row.
    public init(path: String, header: [String], chunkSize: Int = 1 << 20) throws(FileWriteError) {
        self.path = path
        self.chunkSize = chunkSize
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw FileWriteError(path: path, reason: "cannot create the file")
        }
        self.handle = handle
        capacity = chunkSize + 65_536
        storage = .allocate(capacity: capacity)
        for name in header { text(name) }
        reserve(1)
        append(0x0A)
        atRowStart = true
    }

    deinit { storage.deallocate() }

    /// Makes room for `n` more bytes (grows only for rows longer than 64 KB).
    @inline(__always)
    private func reserve(_ n: Int) {
        guard count + n > capacity else { return }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * (count + n))
        bigger.update(from: storage, count: count)
        storage.deallocate()
        storage = bigger
        capacity = 2 * (count + n)
    }

    /// One byte; callers have reserved room (`separator()` reserves for a whole non-text field).
    @inline(__always)
    private func append(_ byte: UInt8) {
        storage[count] = byte
        count &+= 1
    }

    @inline(__always)
    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        if let base = bytes.baseAddress { (storage + count).update(from: base, count: bytes.count) }
        count &+= bytes.count
    }

    @inline(__always)
    private func separator() {
        reserve(128)   // room for any number, money, date or identifier field
        if atRowStart { atRowStart = false } else { append(0x2C) }
    }

    /// A text field, quoted when it needs to be.
    public func text(_ value: String) {
        separator()
        var needsQuotes = false
        for b in value.utf8 where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
            needsQuotes = true
            break
        }
        var value = value
        if !needsQuotes {
            value.withUTF8 { append($0) }
            return
        }
        reserve(2 * value.utf8.count + 2)
        append(0x22)
        for b in value.utf8 {
            append(b)
            if b == 0x22 { append(0x22) }
        }
        append(0x22)
    }

    /// An ASCII text field known to need no quoting (codes, statuses).
    public func code(_ value: StaticString) {
        separator()
        value.withUTF8Buffer { append($0) }
    }

    /// An empty field (a missing value).
    public func empty() { separator() }

    /// A decimal integer.
    public func integer(_ value: Int) {
        separator()
        appendInteger(value, width: 1)
    }

    /// An identifier: `prefix` then `number` zero-padded to `width` digits (`C000042`).
    public func identifier(_ prefix: StaticString, _ number: Int, width: Int) {
        separator()
        prefix.withUTF8Buffer { append($0) }
        appendInteger(number, width: width)
    }

    /// Money as exact decimal text with two decimals (`-1234.05`).
    public func money(_ value: Money) {
        separator()
        let cents = value.minorUnits
        if cents < 0 { append(0x2D) }
        let magnitude = cents.magnitude
        appendUnsigned(magnitude / 100, width: 1)
        append(0x2E)
        appendUnsigned(magnitude % 100, width: 2)
    }

    /// A finite number in fixed notation with `decimals` decimals (rounded half away from zero).
    public func fixed(_ value: Double, decimals: Int) {
        separator()
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled.isFinite, abs(scaled) < 9e18 else { return }
        let n = Int64(scaled)
        if n < 0 { append(0x2D) }
        let magnitude = n.magnitude, unit = UInt64(scale)
        appendUnsigned(magnitude / unit, width: 1)
        if decimals > 0 {
            append(0x2E)
            appendUnsigned(magnitude % unit, width: decimals)
        }
    }

    /// A date as ISO `yyyy-MM-dd`.
    public func date(_ value: CalendarDate) {
        separator()
        let (y, m, d) = value.components
        appendInteger(y, width: 4)
        append(0x2D)
        appendInteger(m, width: 2)
        append(0x2D)
        appendInteger(d, width: 2)
    }

    /// A date, or an empty field for nil.
    public func date(_ value: CalendarDate?) {
        if let value { date(value) } else { empty() }
    }

    /// Ends the current row; flushes when the buffer has reached the chunk size.
    public func endRow() throws(FileWriteError) {
        reserve(1)
        append(0x0A)
        atRowStart = true
        rowCount += 1
        if count >= chunkSize { try flush() }
    }

    /// Writes the buffered bytes to the file.
    public func flush() throws(FileWriteError) {
        guard count > 0 else { return }
        do {
            try handle.write(contentsOf: Data(bytesNoCopy: storage, count: count, deallocator: .none))
        } catch {
            throw FileWriteError(path: path, reason: "write failed: \(error.localizedDescription)")
        }
        byteCount += count
        count = 0
    }

    /// Flushes, forces the bytes to disk (fsync) and closes the file.
    public func close() throws(FileWriteError) {
        try flush()
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw FileWriteError(path: path, reason: "close failed: \(error.localizedDescription)")
        }
    }

    @inline(__always)
    private func appendInteger(_ value: Int, width: Int) {
        if value < 0 {
            append(0x2D)
            appendUnsigned(UInt64(value.magnitude), width: width)
        } else {
            appendUnsigned(UInt64(value), width: width)
        }
    }

    /// Decimal digits of `value`, left-padded with zeros to at least `width`.
    @inline(__always)
    private func appendUnsigned(_ value: UInt64, width: Int) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = value, count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[count] = UInt8(truncatingIfNeeded: n % 10) &+ 0x30
                n /= 10
                count += 1
            } while n > 0
        }
        if width > count {
            for _ in 0..<(width - count) { append(0x30) }
        }
        withUnsafeBytes(of: &digits) { raw in
            var i = count - 1
            while i >= 0 {
                append(raw[i])
                i -= 1
            }
        }
    }
}
