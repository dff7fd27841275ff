/// Strict UTF-8 well-formedness (Unicode 15, table 3-7): no overlong forms, no
/// surrogates (U+D800…U+DFFF), nothing above U+10FFFF, no truncated sequence,
/// no stray continuation byte.
enum UTF8Validation {
    /// Result of examining one sequence that starts with a byte ≥ 0x80.
    enum Step: Equatable {
        /// A well-formed sequence of this many bytes.
        case valid(Int)
        /// Malformed; the bad bytes examined so far.
        case invalid(Int)
        /// Well-formed so far but cut off at `end` (more input may complete it).
        case truncated
    }

    /// Examines the sequence that starts at `p[i]` (a byte ≥ 0x80), reading no byte at or beyond `end`.
    @inline(__always)
    static func step(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Step {
        let b0 = p[i]
        let length: Int
        var lo: UInt8 = 0x80, hi: UInt8 = 0xBF   // allowed range of the second byte
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lo = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; hi = 0x9F
        case 0xF0: length = 4; lo = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; hi = 0x8F
        default: return .invalid(1)
        }
        for k in 1..<length {
            if i + k >= end { return .truncated }
            let b = p[i + k]
            let ok = k == 1 ? (b >= lo && b <= hi) : (b & 0xC0 == 0x80)
            if !ok { return .invalid(k + 1) }
        }
        return .valid(length)
    }

    /// The offset of the first malformed or truncated sequence in `bytes`, or nil when all of it is UTF-8.
    ///
    /// ASCII runs are checked eight bytes at a time (`word & 0x8080808080808080 == 0`).
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let p = bytes.baseAddress else { return nil }
        let end = bytes.count
        var i = 0
        while i < end {
            while i + 8 <= end {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                if w & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            while i < end && p[i] < 0x80 { i += 1 }
            if i == end { return nil }
            switch step(p, i, end) {
            case .valid(let n): i += n
            case .invalid, .truncated: return i
            }
        }
        return nil
    }
}
