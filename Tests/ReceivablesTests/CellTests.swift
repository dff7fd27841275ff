import Testing
@testable import Receivables

@Suite struct CellTests {
    @Test func decodesToTheStoredValues() {
        let decoder = CellDecoder(mapValues: [nil, ["paper", "electronic"]], defaultCurrency: "EUR")
        let text: [UInt8] = Array("0000611365".utf8)
        text.withUnsafeBufferPointer { bytes in
            #expect(decoder.value(Cell(kind: .bytes, number: 0, bytes: bytes), column: 0) == .text("0000611365"))
        }
        #expect(decoder.value(.null, column: 0) == .null)
        #expect(decoder.value(Cell(kind: .date, number: 20_454), column: 0) == .date(CalendarDate(year: 2026, month: 1, day: 1)!))
        #expect(decoder.value(Cell(kind: .money, number: -8_000), column: 0) == .money(-8_000))
        #expect(decoder.value(Cell(kind: .integer, number: 30), column: 0) == .integer(30))
        #expect(decoder.value(Cell(kind: .decimal, number: 4_500_000), column: 0) == .text("4.5"))
        #expect(decoder.value(Cell(kind: .decimal, number: 72_000_000), column: 0) == .text("72"))
        #expect(decoder.value(Cell(kind: .currency, number: Int64(CurrencyCodes.index(of: "JPY"))), column: 0) == .text("JPY"))
        #expect(decoder.value(Cell(kind: .defaultCurrency, number: 0), column: 0) == .text("EUR"))
        #expect(decoder.value(Cell(kind: .mapped, number: 1), column: 1) == .text("electronic"))
    }

    @Test func currencyCodesByTableIndex() {
        for code in ISO4217.codes {
            let i = CurrencyCodes.index(of: code)
            #expect(CurrencyCodes.code(i) == code)
            #expect(Int(CurrencyCodes.minorUnits[i]) == ISO4217.minorUnits(code))
        }
        #expect(CurrencyCodes.index(of: "eur") == CurrencyCodes.index(of: "EUR"))
        #expect(CurrencyCodes.minorUnits[CurrencyCodes.index(of: "XXX")] == -1)
        for text in ["E1R", "EU", "EURO", "E@R", "E[R", "É R"] { #expect(CurrencyCodes.index(of: text) == -1, "\(text)") }
    }
}
