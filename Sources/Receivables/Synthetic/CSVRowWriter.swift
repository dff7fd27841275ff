import Foundation

/// An error while writing an output file.
public struct FileWriteError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}

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
public final class CSVRowWriter {
    public let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var atRowStart = true
    private let chunkSize: Int
    /// Data rows written so far (the header is not counted).
    public private(set) var rowCount = 0
    /// Bytes written so far, header included (buffered bytes count).
    public private(set) var byteCount = 0

    /// Creates (or truncates) the file at `path` and writes the header row.
    public init(path: String, header: [String], chunkSize: Int = 1 << 20) throws(FileWriteError) {
        self.path = path
        self.chunkSize = chunkSize
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw FileWriteError(path: path, reason: "cannot create the file")
        }
        self.handle = handle
        buffer.reserveCapacity(chunkSize + 4096)
        for name in header { text(name) }
        buffer.append(0x0A)
        atRowStart = true
    }

    @inline(__always)
    private func separator() {
        if atRowStart { atRowStart = false } else { buffer.append(0x2C) }
    }

    /// A text field, quoted when it needs to be.
    public func text(_ value: String) {
        separator()
        var needsQuotes = false
        for b in value.utf8 where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
            needsQuotes = true
            break
        }
        if !needsQuotes {
            buffer.append(contentsOf: value.utf8)
            return
        }
        buffer.append(0x22)
        for b in value.utf8 {
            buffer.append(b)
            if b == 0x22 { buffer.append(0x22) }
        }
        buffer.append(0x22)
    }

    /// An ASCII text field known to need no quoting (codes, statuses).
    public func code(_ value: StaticString) {
        separator()
        value.withUTF8Buffer { buffer.append(contentsOf: $0) }
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
        prefix.withUTF8Buffer { buffer.append(contentsOf: $0) }
        appendInteger(number, width: width)
    }

    /// Money as exact decimal text with two decimals (`-1234.05`).
    public func money(_ value: Money) {
        separator()
        let cents = value.minorUnits
        if cents < 0 { buffer.append(0x2D) }
        let magnitude = cents.magnitude
        appendUnsigned(magnitude / 100, width: 1)
        buffer.append(0x2E)
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
        if n < 0 { buffer.append(0x2D) }
        let magnitude = n.magnitude, unit = UInt64(scale)
        appendUnsigned(magnitude / unit, width: 1)
        if decimals > 0 {
            buffer.append(0x2E)
            appendUnsigned(magnitude % unit, width: decimals)
        }
    }

    /// A date as ISO `yyyy-MM-dd`.
    public func date(_ value: CalendarDate) {
        separator()
        let (y, m, d) = value.components
        appendInteger(y, width: 4)
        buffer.append(0x2D)
        appendInteger(m, width: 2)
        buffer.append(0x2D)
        appendInteger(d, width: 2)
    }

    /// A date, or an empty field for nil.
    public func date(_ value: CalendarDate?) {
        if let value { date(value) } else { empty() }
    }

    /// Ends the current row; flushes when the buffer has reached the chunk size.
    public func endRow() throws(FileWriteError) {
        buffer.append(0x0A)
        atRowStart = true
        rowCount += 1
        if buffer.count >= chunkSize { try flush() }
    }

    /// Writes the buffered bytes to the file.
    public func flush() throws(FileWriteError) {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw FileWriteError(path: path, reason: "write failed: \(error.localizedDescription)")
        }
        byteCount += buffer.count
        buffer.removeAll(keepingCapacity: true)
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
            buffer.append(0x2D)
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
            for _ in 0..<(width - count) { buffer.append(0x30) }
        }
        withUnsafeBytes(of: &digits) { raw in
            var i = count - 1
            while i >= 0 {
                buffer.append(raw[i])
                i -= 1
            }
        }
    }
}
