import Foundation
import Testing
@testable import Receivables

@Suite struct ImportProfileTests {
    func write(_ toml: String) throws -> String {
        let path = (temporaryStorePath() as NSString).deletingLastPathComponent + "/profile.toml"
        try toml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func builtInsHaveTheirConventions() throws {
        let nl = try #require(ImportProfile.builtIn("nl"))
        #expect(nl.csv.delimiter == UInt8(ascii: ";"))
        #expect(try nl.amounts.parse("1.234,56").minorUnits == 123_456)
        #expect(try nl.dates[0].parse("31-01-2026") == CalendarDate(year: 2026, month: 1, day: 31))
        let us = try #require(ImportProfile.builtIn("us"))
        #expect(try us.dates[0].parse("1/5/2026") == CalendarDate(year: 2026, month: 1, day: 5))
        #expect(try us.amounts.parse("1,234.56").minorUnits == 123_456)
        #expect(ImportProfile.builtIn("fr") == nil)
    }

    @Test func theDocumentedExampleLoads() throws {
        let profile = try ImportProfile.load(path: write(ImportProfile.exampleTOML))
        #expect(profile.columns[.invoices]?["Factuurnummer"] == "invoice_id")
        #expect(try profile.values[.invoices]?["channel"]?.parse("Papier") == "paper")
        #expect(profile.rates["USD"] == "0.9210")
        #expect(profile.canonicalName(of: " Bedrag ", kind: .invoices) == "amount")
    }

    @Test func mistakesNameTheFileAndTheKey() throws {
        let cases: [(String, String)] = [
            ("delimter = \";\"", "unknown keys: delimter"),
            ("delimiter = \";;\"", "delimiter must be one ASCII character"),
            ("decimal_separator = \",\"\nthousands_separator = \",\"", "decimal and grouping separators are both"),
            ("date_formats = [\"YYYY-MM-dd\"]", "YYYY"),
            ("date_formats = [\"dd-MM-yy\"]", "pivot"),
            ("default_currency = \"EURO\"", "\"EURO\" is not an ISO 4217 currency code"),
            ("[rates]\nUSD = \"abc\"", "rate for USD must be a positive decimal"),
            ("[columns.invoices]\n\"Nr\" = \"number\"", "invoices has no column number"),
            ("[columns.bills]\n\"Nr\" = \"invoice_id\"", "[columns.bills]: unknown source kind"),
            ("[values.invoices.channel]\n\"P\" = \"pigeon\"", "\"pigeon\" is not one of electronic, paper"),
            ("delimiter = ", "not valid TOML"),
        ]
        for (toml, expected) in cases {
            let path = try write(toml)
            #expect {
                try ImportProfile.load(path: path)
            } throws: { error in
                let text = "\(error)"
                return text.hasPrefix(path) && text.contains(expected)
            }
        }
    }

    @Test func resolveTakesNamesOrFiles() throws {
        #expect(try ImportProfile.resolve(nil).name == "default")
        #expect(try ImportProfile.resolve("nl").name == "nl")
        #expect(throws: ProfileError.self) { try ImportProfile.resolve("nowhere") }
    }
}
