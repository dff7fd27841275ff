import Testing
@testable import Receivables

@Suite struct ValueParseErrorTests {
    @Test func longValuesAreCut() {
        let e = ValueParseError(value: String(repeating: "x", count: 100), reason: "bad")
        #expect(e.value.count == 65 && e.value.hasSuffix("…"))
        #expect(ValueParseError(value: "a", reason: "b").description == "\"a\": b")
    }

    @Test func trimmingRemovesASCIISpacesOnly() {
        let bytes = Array("  \t7 \u{00A0} ".utf8)
        bytes.withUnsafeBufferPointer { b in
            #expect(Array(FieldText.trimmed(b)) == Array("\t7 \u{00A0}".utf8))
        }
    }
}
