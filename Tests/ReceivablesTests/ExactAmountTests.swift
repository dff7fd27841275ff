import Testing
@testable import Receivables

@Suite struct ExactAmountTests {
    @Test func descriptionHasExactlyScaleDecimals() {
        #expect(ExactAmount(minorUnits: 123_456, scale: 2).description == "1234.56")
        #expect(ExactAmount(minorUnits: -5, scale: 2).description == "-0.05")
        #expect(ExactAmount(minorUnits: 0, scale: 2).description == "0.00")
        #expect(ExactAmount(minorUnits: 7, scale: 0).description == "7")
        #expect(ExactAmount(minorUnits: Int64.min, scale: 2).description == "-92233720368547758.08")
    }

    @Test func doubleValue() {
        #expect(ExactAmount(minorUnits: 123_456, scale: 2).doubleValue == 1234.56)
        #expect(ExactAmount(minorUnits: -1, scale: 3).doubleValue == -0.001)
    }
}
