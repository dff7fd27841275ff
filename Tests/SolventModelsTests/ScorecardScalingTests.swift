import Foundation
import Testing
@testable import SolventModels

@Suite struct ScorecardScalingTests {
    @Test func standardScaling() {
        let s = ScorecardScaling.standard
        #expect(s.pdo == 20 && s.baseScore == 600 && s.baseOdds == 50)
        #expect(abs(s.factor - 28.853900817779268) < 1e-12)
        #expect(abs(s.offset - (600 - 28.853900817779268 * log(50.0))) < 1e-12)
        #expect(abs(s.score(logOddsGood: log(50.0)) - 600) < 1e-12)
        #expect(abs(s.score(logOddsGood: log(100.0)) - 620) < 1e-12)   // PDO: doubling the odds adds 20
        #expect(abs(s.logOddsGood(score: 580) - log(25.0)) < 1e-13)
        #expect(abs(s.probabilityOfDefault(score: 600) - 1.0 / 51) < 1e-15)
        #expect(s.probabilityOfDefault(score: -1e6) == 1)
        #expect(s.probabilityOfDefault(score: 1e6) == 0)
        #expect(s.conventionNote.contains("factor = PDO / ln 2 = 28.8539"))
        #expect(s.conventionNote.contains("offset = 487.1229"))
    }

    @Test func customScaling() throws {
        let s = try ScorecardScaling(pdo: 50, baseScore: 300, baseOdds: 1)
        #expect(s.offset == 300)
        #expect(abs(s.score(logOddsGood: log(2.0)) - 350) < 1e-12)
    }

    @Test func invalidScalings() {
        #expect(throws: ModelError.invalidArgument("pdo (points to double the odds) must be positive and finite; got 0.0")) {
            try ScorecardScaling(pdo: 0)
        }
        #expect(throws: ModelError.invalidArgument("baseOdds must be positive and finite; got -1.0")) {
            try ScorecardScaling(baseOdds: -1)
        }
        #expect(throws: ModelError.invalidArgument("baseScore must be finite; got inf")) {
            try ScorecardScaling(baseScore: .infinity)
        }
    }

    @Test func codable() throws {
        let s = try ScorecardScaling(pdo: 40, baseScore: 500, baseOdds: 19)
        let json = try JSONEncoder().encode(s)
        #expect(try JSONDecoder().decode(ScorecardScaling.self, from: json) == s)
        #expect(String(decoding: json, as: UTF8.self).contains("\"factor\""))
        let bad = Data(#"{"pdo":0,"baseScore":600,"baseOdds":50}"#.utf8)
        #expect(throws: ModelError.self) { try JSONDecoder().decode(ScorecardScaling.self, from: bad) }
    }
}
