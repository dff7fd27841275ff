import Testing
import SolventNumerics
@testable import Receivables

private func parse(_ text: String) -> Double? {
    var s = text
    return s.withUTF8 { DecimalText.parse($0) }
}

private func token(_ text: String) -> Double? {
    var s = text
    return s.withUTF8 { DecimalText.nonFiniteToken($0) }
}

@Suite struct DecimalTextTests {
    @Test func acceptsTheGrammar() {
        let cases: [(String, Double)] = [
            ("0", 0), ("7", 7), ("007", 7), ("-12", -12), ("+4", 4), ("1.5", 1.5), ("-0.25", -0.25),
            ("5.", 5), (".5", 0.5), ("1.5e3", 1500), ("2.5E-2", 0.025), ("1e+2", 100), ("-1E0", -1),
            ("123456789012345678", 123456789012345678), ("0.000001", 1e-6),
        ]
        for (text, value) in cases { #expect(parse(text) == value, "\(text)") }
        #expect(parse("-0")?.sign == .minus)
    }

    @Test func refusesEverythingElse() {
        for text in ["", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "0x10", "0x1p3", "1,234", "1,5", "1 000",
                     " 1", "1 ", "inf", "nan", "Infinity", "1_000", "12a", "--1", "1e5.5", "١٢"] {
            #expect(parse(text) == nil, "\(text)")
        }
    }

    @Test func outOfRangeIsInfinityOrZero() {
        #expect(parse("1e309") == .infinity)
        #expect(parse("-1e309") == -.infinity)
        #expect(parse("1e-400") == 0)
        #expect(parse("1e99999999999") == .infinity)
    }

    @Test func correctlyRoundedLikeTheStandardLibrary() {
        var rng = Xoshiro256StarStar(seed: 42)
        for _ in 0..<20_000 {
            let digits = Int(rng.next() % 22) + 1
            var text = rng.next() % 2 == 0 ? "" : "-"
            for d in 0..<digits {
                if d == Int(rng.next() % UInt64(digits + 1)) && !text.contains(".") { text += "." }
                text += String(rng.next() % 10)
            }
            if rng.next() % 2 == 0 { text += "e\(Int(rng.next() % 80) - 40)" }
            let expected = Double(text)
            #expect(parse(text)?.bitPattern == expected?.bitPattern, "\(text)")
        }
        for text in ["0.30000000000000004", "9007199254740993", "1.7976931348623157e308", "4.9e-324",
                     "2.2250738585072011e-308", "123456789012345678901234567890"] {
            #expect(parse(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }

    @Test func nonFiniteTokens() {
        for text in ["nan", "NaN", "NAN", "-nan"] { #expect(token(text)?.isNaN == true, "\(text)") }
        for text in ["inf", "Inf", "+inf", "Infinity", "INFINITY"] { #expect(token(text) == .infinity, "\(text)") }
        for text in ["-inf", "-Inf", "-Infinity"] { #expect(token(text) == -.infinity, "\(text)") }
        for text in ["", "na", "nane", "infinit", "infinityy", "Nan ", "1", "in"] { #expect(token(text) == nil, "\(text)") }
    }

    @Test func missingTokens() {
        for (text, missing) in [("", true), ("NA", true), ("na", false), ("N/A", false), ("NAN", false)] {
            var s = text
            #expect(s.withUTF8 { DecimalText.isMissing($0) } == missing, "\(text)")
        }
    }
}
