/// Windows-1252 to UTF-8, for sources whose profile declares `.cp1252`.
///
/// 0x00…0x7F are ASCII; 0xA0…0xFF are U+00A0…U+00FF; 0x80…0x9F map to the
/// table below (the WHATWG/Microsoft "bestfit" table). The five bytes 0x81,
/// 0x8D, 0x8F, 0x90 and 0x9D are undefined and rejected, not passed through.
struct CP1252Decoder {
    /// Code points of 0x80…0x9F; 0 marks an undefined byte.
    static let high: [UInt16] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// Absolute offset of the next input byte, and the line position there, for error locations.
    private(set) var offset = 0
    private(set) var line = 1
    private(set) var lineStart = 0
    private var previousWasCR = false

    /// The most bytes `decode` writes for `n` input bytes.
    static func maxOutput(_ n: Int) -> Int { 3 * n }

    /// Decodes `input` into `output` (room for `maxOutput(input.count)` bytes); returns the bytes
    /// written and, at an undefined byte, the error with its location in the original file: the
    /// bytes before it are decoded, so the records ahead of the bad byte still come out first.
    mutating func decode(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>,
                         file: String) -> (written: Int, error: CSVError?) {
        var o = 0
        for b in input {
            if b < 0x80 {
                output[o] = b
                o += 1
                if b == 10 {
                    if !previousWasCR { line += 1 }
                    lineStart = offset + 1
                } else if b == 13 {
                    line += 1
                    lineStart = offset + 1
                }
                previousWasCR = b == 13
            } else {
                previousWasCR = false
                let scalar: UInt32 = b >= 0xA0 ? UInt32(b) : UInt32(CP1252Decoder.high[Int(b) - 0x80])
                if scalar == 0 {
                    let at = CSVLocation(line: line, column: offset - lineStart + 1, byteOffset: offset)
                    return (o, CSVError(file: file, location: at, kind: .undefinedCP1252(byte: b)))
                }
                if scalar < 0x800 {
                    output[o] = UInt8(0xC0 | (scalar >> 6))
                    output[o + 1] = UInt8(0x80 | (scalar & 0x3F))
                    o += 2
                } else {
                    output[o] = UInt8(0xE0 | (scalar >> 12))
                    output[o + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                    output[o + 2] = UInt8(0x80 | (scalar & 0x3F))
                    o += 3
                }
            }
            offset += 1
        }
        return (o, nil)
    }
}
