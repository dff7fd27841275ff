import Foundation
import Testing
@testable import SolventModels

struct ToyModel: Codable, Equatable {
    var schemaVersion = 1
    var kind = "toy"
    var name: String
    var values: [Double]
}

@Suite struct ModelDocumentTests {
    let model = ToyModel(name: "a", values: [0.1, 1e-300, -2.5e17, 1.0 / 3])

    @Test func roundTripsExactlyAndRecordsTheChecksum() throws {
        let (data, sha) = try ModelDocument.encode(model)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"sha256\" : \"\(sha)\""))
        #expect(try ModelDocument.decode(ToyModel.self, kind: "toy", from: data) == model)
        // The same model gives the same bytes.
        #expect(try ModelDocument.encode(model).data == data)
    }

    @Test func refusesEditedTruncatedNewerForeignAndUnknownFields() throws {
        let (data, _) = try ModelDocument.encode(model)
        var text = String(decoding: data, as: UTF8.self)
        let edited = Data(text.replacingOccurrences(of: "\"name\" : \"a\"", with: "\"name\" : \"b\"").utf8)
        #expect(throws: ModelFileError.self) { try ModelDocument.decode(ToyModel.self, kind: "toy", from: edited) }
        do { _ = try ModelDocument.decode(ToyModel.self, kind: "toy", from: edited) } catch {
            #expect(error.description.hasPrefix("checksum mismatch"))
        }
        do {
            _ = try ModelDocument.decode(ToyModel.self, kind: "toy", from: data.prefix(data.count / 2))
            Issue.record("a truncated file was accepted")
        } catch {
            #expect(error.description.hasPrefix("not a complete model file"))
        }
        let newer = Data(text.replacingOccurrences(of: "\"schemaVersion\" : 1", with: "\"schemaVersion\" : 2").utf8)
        #expect(throws: ModelFileError.newerSchema(found: 2, supported: 1)) {
            try ModelDocument.decode(ToyModel.self, kind: "toy", from: newer)
        }
        #expect(throws: ModelFileError.wrongKind(expected: "pd", found: "toy")) {
            try ModelDocument.decode(ToyModel.self, kind: "pd", from: data)
        }
        text = text.replacingOccurrences(of: "\"name\" : \"a\"", with: "\"name\" : \"a\", \"extra\" : 1")
        do {
            _ = try ModelDocument.decode(ToyModel.self, kind: "toy", from: Data(text.utf8))
            Issue.record("an unknown field was accepted")
        } catch {
            #expect(error.description.contains("fields this version does not know"))
        }
        let unsigned = Data(String(decoding: try ModelDocument.canonicalData(model), as: UTF8.self).utf8)
        #expect(throws: ModelFileError.missingChecksum) { try ModelDocument.decode(ToyModel.self, kind: "toy", from: unsigned) }
    }
}
