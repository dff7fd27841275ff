import Testing
@testable import Receivables

@Suite struct ValueMapTests {
    enum Channel: String, Sendable, Hashable { case paper, electronic }

    @Test func caseSensitiveAndInsensitive() throws {
        let exact = try ValueMap<Channel>([("Paper", .paper), ("Electronic", .electronic)])
        #expect(try exact.parse("Paper") == .paper)
        #expect(try exact.parse(" Electronic ") == .electronic)
        #expect(throws: ValueParseError.self) { try exact.parse("paper") }
        let folded = try ValueMap<Channel>([("Paper", .paper), ("EDI", .electronic)], caseSensitive: false)
        #expect(try folded.parse("PAPER") == .paper)
        #expect(try folded.parse("edi") == .electronic)
    }

    @Test func unknownValueListsTheAllowedOnes() throws {
        let m = try BooleanParser.make(true: ["Yes"], false: ["No"], caseSensitive: true)
        do {
            _ = try m.parse("Maybe")
            Issue.record("accepted Maybe")
        } catch {
            #expect(error.description == "\"Maybe\": unknown value; allowed: \"Yes\", \"No\"")
        }
        do {
            _ = try BooleanParser.standard.parse("2")
        } catch {
            #expect(error.reason.hasSuffix("(any case)"))
        }
    }

    @Test func standardBooleans() throws {
        for t in ["true", "TRUE", "Yes", "y", "1"] { #expect(try BooleanParser.standard.parse(t)) }
        for f in ["false", "No", "N", "0"] { #expect(try !BooleanParser.standard.parse(f)) }
        #expect(throws: ValueParseError.self) { try BooleanParser.standard.parse("") }
    }

    @Test func nonASCIICodesMatchExactly() throws {
        let m = try ValueMap([("Überweisung", 1), ("ÜBERWEISUNG2", 2)], caseSensitive: false)
        #expect(try m.parse("ÜBERWEISUNG") == 1)   // only ASCII letters fold; Ü must match exactly
        #expect(throws: ValueParseError.self) { try m.parse("üBERWEISUNG2") }
    }

    @Test func configurationErrors() {
        #expect(throws: ParserConfigurationError("value map: code \"yes\" given twice")) {
            try ValueMap([("Yes", true), ("yes", false)], caseSensitive: false)
        }
        #expect(throws: ParserConfigurationError("value map: empty code")) { try ValueMap([("", true)]) }
    }
}

extension ValueMapTests {
    @Test func codesLongerThanSixteenBytes() throws {
        let m = try ValueMap([("Electronic invoice (EDI)", 1), ("paper", 2)], caseSensitive: false)
        #expect(try m.parse("ELECTRONIC INVOICE (edi)") == 1)
        #expect(try m.parse("Paper") == 2)
        #expect(throws: ValueParseError.self) { try m.parse("Electronic invoice (EDI)x") }
        #expect(throws: ValueParseError.self) { try m.parse("pape") }
    }
}

extension ValueMapTests {
    @Test func wordFoldingMatchesByteFolding() {
        for b in 0...255 {
            let w = UInt64(b) * 0x0101_0101_0101_0101
            let folded = CodeTable.foldWord(w)
            #expect(folded == UInt64(CodeTable.fold(UInt8(b))) * 0x0101_0101_0101_0101, "byte \(b)")
        }
    }
}

extension ValueMapTests {
    @Test func packingEveryLengthMatchesAByteLoop() {
        let bytes: [UInt8] = Array("ABCDEFGHIJKLMNOP".utf8)
        for n in 0...16 {
            bytes.withUnsafeBufferPointer { b in
                let key = CodeTable.pack(UnsafeBufferPointer(rebasing: b[0..<n]), fold: true)
                var low: UInt64 = 0, high: UInt64 = 0
                for j in 0..<n {
                    let v = UInt64(CodeTable.fold(b[j]))
                    if j < 8 { low |= v << UInt64(8 * j) } else { high |= v << UInt64(8 * (j - 8)) }
                }
                #expect(key == CodeTable.PackedKey(low: low, high: high, length: n), "length \(n)")
            }
        }
    }
}

extension ValueMapTests {
    /// Whole-word loads masked to the length give the same words as the guarded packing,
    /// whatever the bytes after the field.
    @Test func paddedPackingEqualsPacking() {
        var bytes = [UInt8](repeating: 0, count: 64)
        for n in 0...16 {
            for filler: UInt8 in [0, 0xFF, 0x41] {
                for i in 0..<bytes.count { bytes[i] = i < n ? UInt8(48 + i) : filler }
                bytes.withUnsafeBufferPointer { all in
                    let field = UnsafeBufferPointer(rebasing: all[0..<n])
                    #expect(CodeTable.packPadded(field) == CodeTable.pack(field, fold: false), "length \(n)")
                }
            }
        }
    }
}
