import Testing
@testable import Receivables

@Suite struct MoneyTests {
    @Test func moneyIsExactDecimalText() {
        #expect(Money(units: 12, cents: 34).description == "12.34")
        #expect(Money(units: -12, cents: 34).description == "-12.34")
        #expect(Money(minorUnits: -5).description == "-0.05")
        #expect(Money(roundingUnits: 0.125).minorUnits == 13)
        #expect(Money(roundingUnits: -0.125).minorUnits == -13)
        #expect(Money(minorUnits: 150) + Money(minorUnits: -200) == Money(minorUnits: -50))
    }
}
