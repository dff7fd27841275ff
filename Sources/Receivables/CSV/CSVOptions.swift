/// How a source file's bytes are to be read as text.
public enum CSVEncoding: String, Sendable, Hashable, Codable {
    /// Strict UTF-8: malformed bytes are errors, never U+FFFD. A leading BOM is skipped.
    case utf8
    /// Windows-1252, decoded to UTF-8 while reading; only when a profile says so.
    case cp1252
}

/// Settings of a `CSVReader`.
///
/// Fixed rules (not options): the quote is `"`, doubled inside quoted fields;
/// records end at CRLF, LF or a lone CR; the header row fixes the field count;
/// blank lines (nothing between two line breaks) are skipped anywhere, as
/// pandas does, but still counted in line numbers, so a one-column file writes
/// an empty value as `""`.
public struct CSVOptions: Sendable, Hashable, Codable {
    /// The field separator, one ASCII byte other than `"`, CR or LF: `,` `;` tab `|`.
    public var delimiter: UInt8
    public var encoding: CSVEncoding
    /// Bytes requested per `read(2)`; the buffer is reused. Small values are for tests.
    /// Default 256 KiB: the chunk just copied in is still in the second-level cache
    /// when the scanner and the parsers read it (the 4 MiB of before went out to
    /// memory and back, and pushed the parsers' tables out of that cache).
    public var chunkSize: Int
    /// Largest single record kept in memory; a longer one is an error (it is
    /// almost always an unterminated quote), which keeps memory bounded.
    public var maxRecordBytes: Int

    public init(delimiter: UInt8 = UInt8(ascii: ","), encoding: CSVEncoding = .utf8,
                chunkSize: Int = 1 << 18, maxRecordBytes: Int = 1 << 26) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.chunkSize = chunkSize
        self.maxRecordBytes = maxRecordBytes
    }

    /// Whether the settings can be used: the delimiter is printable ASCII or tab,
    /// not `"`; sizes positive.
    var isValid: Bool {
        let d = delimiter
        return (d == 9 || (d >= 32 && d < 127)) && d != UInt8(ascii: "\"")
            && chunkSize > 0 && maxRecordBytes > 0
    }
}
