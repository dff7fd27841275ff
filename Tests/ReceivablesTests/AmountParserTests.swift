import Testing
import SolventNumerics
@testable import Receivables

@Suite struct AmountParserTests {
    private func minor(_ p: AmountParser, _ s: String) -> Int64? {
        try? p.parse(s).minorUnits
    }

    private func reason(_ p: AmountParser, _ s: String) -> String? {
        do {
            _ = try p.parse(s)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func plainAmounts() {
        let p = AmountParser.plain
        #expect(minor(p, "0") == 0)
        #expect(minor(p, "1234.56") == 123_456)
        #expect(minor(p, "1234.5") == 123_450)
        #expect(minor(p, "-0.01") == -1)
        #expect(minor(p, "+7") == 700)
        #expect(minor(p, "  42.00  ") == 4200)
        #expect(minor(p, "007.10") == 710)
    }

    @Test func groupingOnlyInValidPlaces() throws {
        let en = AmountParser.english, nl = AmountParser.dutch
        #expect(minor(en, "1,234.56") == 123_456)
        #expect(minor(en, "1,234,567") == 123_456_700)
        #expect(minor(en, "1234.56") == 123_456)
        #expect(minor(nl, "1.234,56") == 123_456)
        #expect(minor(nl, "-12,50") == -1250)
        for bad in ["1,23.00", "12,3456", "1234,567.00", ",123", "1,,234", "1,234,"] {
            #expect(reason(en, bad) != nil, "\(bad)")
        }
        #expect(reason(en, "1,23") == "digit groups must have 3 digits after the first group of 1 to 3")
        #expect(reason(en, "1234,567") == "digit groups must have 3 digits after the first group of 1 to 3")
        #expect(reason(en, ",123") == "grouping separator before the first digit")
        let space = try AmountParser(decimalSeparator: .comma, groupingSeparator: .space)
        #expect(minor(space, "1 234 567,89") == 123_456_789)
        #expect(minor(space, "1\u{00A0}234,5") == 123_450)
        #expect(minor(space, "1\u{202F}234,5") == 123_450)
        let swiss = try AmountParser(groupingSeparator: .apostrophe)
        #expect(minor(swiss, "1'234.50") == 123_450)
    }

    @Test func dutchAndEnglishNeverMisreadEachOther() {
        #expect(reason(.english, "1.234,56") == "grouping separator in the decimals")
        #expect(reason(.dutch, "1,234.56") == "grouping separator in the decimals")
        #expect(reason(.plain, "1.234,56") == "unexpected \",\" (decimal separator \".\", grouping none)")
        #expect(reason(.plain, "1,50") == "unexpected \",\" (decimal separator \".\", grouping none)")
        // A lone "1.234" is 1234 in Dutch, 1.234 (three decimals: rejected) in English.
        #expect(minor(.dutch, "1.234") == 123_400)
        #expect(reason(.english, "1.234") == "more than 2 decimals (amounts are not rounded)")
    }

    @Test func whatDoubleAcceptsIsRejected() {
        let p = AmountParser.plain
        #expect(reason(p, "nan") == "not a number (nan is not an amount)")
        #expect(reason(p, "NaN") == "not a number (nan is not an amount)")
        #expect(reason(p, "inf") == "infinity is not an amount")
        #expect(reason(p, "-Infinity") == "infinity is not an amount")
        #expect(reason(p, "1e309") == "exponent is not allowed")
        #expect(reason(p, "1.5E2") == "exponent is not allowed")
        #expect(reason(p, "0x1p3") == "hexadecimal is not allowed")
        #expect(reason(p, "") == "empty amount")
        #expect(reason(p, "   ") == "empty amount")
        #expect(reason(p, "-") == "no digits")
        #expect(reason(p, "+") == "no digits")
        #expect(reason(p, ".5") == "no digits before the decimal separator")
        #expect(reason(p, "5.") == "no digits after the decimal separator")
        #expect(reason(p, "1..5") == "more than one decimal separator")
        #expect(reason(p, "1.2.3") == "more than one decimal separator")
        #expect(reason(p, "--1") == "unexpected character \"-\" at position 2")
        #expect(reason(p, "€12") == "unexpected character \"€\" at position 1")
        #expect(reason(p, "1 000") == "unexpected \" \" (decimal separator \".\", grouping none)")
    }

    @Test func decimalsAreLimitedNotRounded() throws {
        #expect(reason(.plain, "0.005") == "more than 2 decimals (amounts are not rounded)")
        let four = try AmountParser(maxDecimals: 4)
        #expect(try four.parse("0.005") == ExactAmount(minorUnits: 50, scale: 4))
        let whole = try AmountParser(maxDecimals: 0)
        #expect(try whole.parse("12") == ExactAmount(minorUnits: 12, scale: 0))
        #expect(throws: ValueParseError.self) { try whole.parse("12.0") }
    }

    @Test func overflowIsDetected() {
        #expect(minor(.plain, "92233720368547758.07") == Int64.max)
        #expect(minor(.plain, "-92233720368547758.07") == -Int64.max)
        #expect(reason(.plain, "92233720368547758.08") == "out of range (more than 9223372036854775807 minor units)")
        #expect(reason(.plain, "99999999999999999999999") != nil)
    }

    @Test func optionalNegativeForms() throws {
        let p = try AmountParser(allowsTrailingMinus: true, allowsParentheses: true)
        #expect(try p.parse("12.50-").minorUnits == -1250)
        #expect(try p.parse("(12.50)").minorUnits == -1250)
        #expect(throws: ValueParseError.self) { try p.parse("(12.50") }
        #expect(throws: ValueParseError.self) { try p.parse("(-12.50)") }
        #expect(throws: ValueParseError.self) { try p.parse("-12.50-") }
        #expect(reason(.plain, "12.50-") != nil)
        #expect(reason(.plain, "(12.50)") != nil)
        let noPlus = try AmountParser(allowsPlusSign: false)
        #expect(reason(noPlus, "+1") == "plus sign not allowed")
    }

    @Test func configurationErrors() {
        #expect(throws: ParserConfigurationError("decimal and grouping separators are both \".\"")) {
            try AmountParser(decimalSeparator: .point, groupingSeparator: .point)
        }
        #expect(throws: ParserConfigurationError.self) { try AmountParser(maxDecimals: 19) }
    }

    @Test func agreesWithIntegerArithmeticOnSeededValues() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<5000 {
            let cents = Int64(bitPattern: rng.next()) % 100_000_000_000
            let text = ExactAmount(minorUnits: cents, scale: 2).description
            #expect(try AmountParser.plain.parse(text).minorUnits == cents)
        }
    }
}

extension AmountParserTests {
    @Test func overflowAtEveryLength() {
        // 19 and 20 significant digits, with and without leading zeros and decimals.
        #expect(reason(.plain, "18446744073709551615") != nil)          // UInt64.max: out of range after scaling
        #expect(reason(.plain, "184467440737095516160") != nil)         // wraps UInt64 without the digit count
        #expect(reason(.plain, "99999999999999999999.99") != nil)
        #expect(minor(.plain, "0000000000000000000000001.23") == 123)  // leading zeros are not significant
        #expect(minor(.plain, "-92233720368547758.07") == -Int64.max)
        let whole = try? AmountParser(maxDecimals: 0)
        #expect(whole.flatMap { minor($0, "9223372036854775807") } == Int64.max)
        #expect(whole.flatMap { minor($0, "9223372036854775808") } == nil)
        #expect(whole.flatMap { minor($0, "36893488147419103232") } == nil)  // 2^65: wraps to 0 without the check
    }
}

extension AmountParserTests {
    /// The one-pass path for `[-]digits[.digits]` and the full grammar give the same
    /// amount or the same error on seeded texts, for every separator setting.
    /// Seeded: the padded path (amounts read from a reader's buffer) gives `parse`'s
    /// result or error for text of the shapes it takes and around them.
    @Test func paddedPathAgreesWithParse() throws {
        let parsers: [AmountParser] = [.plain, .english, .dutch, try AmountParser(maxDecimals: 6),
                                       try AmountParser(decimalSeparator: .comma)]
        let pieces = ["0", "1", "7", "9", "5", "3", ".", ",", "-", "+", " ", "/", ":", "a"]
        var rng = SplitMix64(seed: 12)
        for round in 0..<40_000 {
            let length = Int(rng.next() % 14)
            var text = (0..<length).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            if round % 2 == 0 {   // mostly well formed: [-]digits.dd
                let digits = 1 + Int(rng.next() % 10)
                text = (rng.next() % 4 == 0 ? "-" : "") + (0..<digits).map { _ in String(rng.next() % 10) }.joined()
                    + (rng.next() % 3 == 0 ? "," : ".") + String(rng.next() % 10) + String(rng.next() % 10)
                    + (rng.next() % 30 == 0 ? " " : "")
            }
            let bytes = Array(text.utf8) + Array("1234567890,\n".utf8)   // what follows a field in a buffer
            for parser in parsers {
                let (padded, plain) = bytes.withUnsafeBufferPointer { all in
                    let field = UnsafeBufferPointer(rebasing: all[0..<text.utf8.count])
                    return (Result { () throws(ValueParseError) in try parser.parsePadded(field) },
                            Result { () throws(ValueParseError) in try parser.parse(field) })
                }
                #expect(padded == plain, "\"\(text)\" \(parser)")
            }
        }
    }

    @Test func fastPathAgreesWithTheGrammar() throws {
        let parsers: [AmountParser] = [.plain, .english, .dutch, try AmountParser(maxDecimals: 0),
                                       try AmountParser(maxDecimals: 6), try AmountParser(decimalSeparator: .comma),
                                       try AmountParser(allowsPlusSign: false, allowsTrailingMinus: true, allowsParentheses: true)]
        let pieces = ["0", "1", "7", "9", "0", "5", ".", ",", "-", "+", " ", "(", ")", "e", "'"]
        var rng = SplitMix64(seed: 11)
        for _ in 0..<20_000 {
            let length = Int(rng.next() % 23)
            let text = (0..<length).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            for parser in parsers {
                var bytes = text
                let (fast, full) = bytes.withUTF8 { field in
                    (Result { () throws(ValueParseError) in try parser.parse(field) },
                     Result { () throws(ValueParseError) in try parser.parseByGrammar(field) })
                }
                #expect(fast == full, "\"\(text)\" \(parser)")
            }
        }
    }
}
