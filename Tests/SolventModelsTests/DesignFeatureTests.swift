import Foundation
import Testing
@testable import SolventModels

@Suite struct DesignFeatureTests {
    @Test func columnNamesOfEachKind() throws {
        #expect(try DesignFeature.numeric("age").columnNames == ["age"])
        #expect(try DesignFeature.numeric("age", missingFill: 33).columnNames == ["age", "age (missing)"])
        let housing = try DesignFeature.categorical("housing", levels: ["rent", "own", "free"])
        #expect(housing.levels == ["free", "own", "rent"])
        #expect(housing.referenceLevel == "free")
        #expect(housing.columnNames == ["housing=own", "housing=rent"])
        #expect(housing.columnCount == 2)
        let single = try DesignFeature.categorical("x", levels: ["only"], missingIndicator: true)
        #expect(single.columnNames == ["x (missing)"])
        #expect(single.columnCount == 1)
    }

    @Test func badFeaturesAreRefused() {
        #expect(throws: ModelError.invalidArgument("categorical feature 'x' has no levels")) {
            try DesignFeature.categorical("x", levels: [])
        }
        #expect(throws: ModelError.invalidArgument(
            "categorical feature 'x': levels must be distinct and sorted by UTF-8 bytes; 'a' comes before 'a'")) {
            try DesignFeature.categorical("x", levels: ["a", "a"])
        }
        #expect(throws: ModelError.invalidArgument("numeric feature 'x' has a non-finite fill nan")) {
            try DesignFeature.numeric("x", missingFill: .nan)
        }
        #expect(throws: ModelError.invalidArgument("a feature has an empty name")) {
            try DesignFeature.numeric("")
        }
    }

    @Test func jsonShape() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let n = String(decoding: try encoder.encode(DesignFeature.numeric("age", missingFill: 33.5)), as: UTF8.self)
        #expect(n == #"{"fill":33.5,"kind":"numeric","missingIndicator":true,"name":"age"}"#)
        let c = String(decoding: try encoder.encode(DesignFeature.categorical("h", levels: ["b", "a"])), as: UTF8.self)
        #expect(c == #"{"kind":"categorical","levels":["a","b"],"missingIndicator":false,"name":"h"}"#)
    }

    @Test func decodingChecksTheInvariants() {
        let bad = [
            #"{"kind":"categorical","levels":["b","a"],"missingIndicator":false,"name":"h"}"#,
            #"{"kind":"categorical","missingIndicator":false,"name":"h"}"#,
            #"{"kind":"numeric","missingIndicator":true,"name":"age"}"#,
            #"{"kind":"numeric","fill":1,"missingIndicator":false,"name":"age"}"#,
            #"{"kind":"numeric","levels":["a"],"missingIndicator":false,"name":"age"}"#,
            #"{"kind":"ordinal","missingIndicator":false,"name":"age"}"#,
        ]
        for text in bad {
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode(DesignFeature.self, from: Data(text.utf8))
            }
        }
    }
}
