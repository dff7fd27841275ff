import Testing
@testable import SolventModels

@Suite struct ModelErrorTests {
    @Test func messagesNameThePlaceAndTheValue() {
        #expect(ModelError.nonFinite(column: "amount", row: 4, value: .nan).description
                == "non-finite value nan in column 'amount' at row 5")
        #expect(ModelError.badLabel(column: "default", row: 0, value: "2").description
                == "target 'default' must be 0 or 1; row 1 has '2'")
        #expect(ModelError.featureMismatch(missing: ["a"], extra: ["b", "c"]).description
                == "the data's features are not the model's: missing a; not in the model b, c")
    }
}
