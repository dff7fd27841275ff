import Testing
import SolventNumerics
@testable import Receivables

@Suite struct UTF8ValidationTests {
    private func valid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) == nil }
    }

    private func swiftValid(_ bytes: [UInt8]) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }

    @Test func agreesWithTheStandardLibraryOnEveryTwoByteInput() {
        for a in 0...255 {
            for b in 0...255 {
                let bytes = [UInt8(a), UInt8(b)]
                #expect(valid(bytes) == swiftValid(bytes))
            }
        }
    }

    @Test func agreesOnEveryThreeAndFourByteLead() {
        // Every lead byte E0…F4 with every second byte and fixed valid/invalid tails.
        for a in 0xE0...0xF4 {
            for b in 0...255 {
                for tail: [UInt8] in [[0x80], [0xBF], [0x41], [0x80, 0x80], [0xBF, 0xBF], [0x80, 0x41], []] {
                    let bytes = [UInt8(a), UInt8(b)] + tail
                    #expect(valid(bytes) == swiftValid(bytes), "\(bytes)")
                }
            }
        }
    }

    @Test func agreesOnSeededRandomBuffers() {
        var rng = Xoshiro256StarStar(seed: 42)
        for _ in 0..<20_000 {
            let n = Int(rng.next() % 24)
            let bytes = (0..<n).map { _ -> UInt8 in
                let r = rng.next()
                return r % 3 == 0 ? UInt8(truncatingIfNeeded: r >> 8) : UInt8(truncatingIfNeeded: r >> 8) & 0x7F
            }
            #expect(valid(bytes) == swiftValid(bytes), "\(bytes)")
        }
    }

    @Test func namedCases() {
        #expect(valid(Array("plain ascii text, longer than eight bytes".utf8)))
        #expect(valid(Array("Café € 😀 Œuvre".utf8)))
        #expect(!valid([0xC0, 0xAF]))               // overlong "/"
        #expect(!valid([0xE0, 0x80, 0xAF]))         // overlong
        #expect(!valid([0xED, 0xA0, 0x80]))         // surrogate U+D800
        #expect(!valid([0xF4, 0x90, 0x80, 0x80]))   // U+110000
        #expect(!valid([0xE2, 0x82]))               // truncated €
        #expect(!valid([0x80]))                     // stray continuation
        #expect(valid([0xF4, 0x8F, 0xBF, 0xBF]))    // U+10FFFF
    }

    @Test func readerReportsOffsetLineAndColumn() {
        let bytes = Array("id,name\n1,Café\n2,ab".utf8) + [0xED, 0xA0, 0x80] + Array("\n".utf8)
        let e = csvError(bytes, file: "x.csv")
        #expect(e?.kind == .invalidUTF8(bytes: [0xED, 0xA0]))
        #expect(e?.line == 3 && e?.column == 5 && e?.byteOffset == 20)
        #expect(e?.description == "x.csv:3:5: invalid UTF-8 sequence ED A0 at byte offset 20")
        // Inside a quoted field too, and a sequence cut by the end of the file.
        #expect(csvError(Array("a\n\"x\n".utf8) + [0xFF, 0x22])?.line == 3)
        #expect(csvError(Array("a\nx".utf8) + [0xE2, 0x82])?.kind == .invalidUTF8(bytes: [0xE2, 0x82]))
    }
}
