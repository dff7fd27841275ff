import Crypto
import Foundation

/// Why a model file was refused.
public enum ModelFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not JSON, or cut short.
    case unreadable(String)
    case wrongKind(expected: String, found: String)
    /// Written by a newer Solvent.
    case newerSchema(found: Int, supported: Int)
    case missingChecksum
    /// The payload does not hash to the recorded SHA-256: edited, damaged, or fields this version does not know.
    case checksumMismatch(recorded: String, computed: String)
    case invalid(String)
    /// Fields this version does not know (the file may come from a newer or another tool).
    case unknownFields([String])

    public var description: String {
        switch self {
        case .unreadable(let m): return "not a complete model file (\(m))"
        case .wrongKind(let e, let f): return "this is a '\(f)' model; a '\(e)' model is needed here"
        case .newerSchema(let f, let s):
            return "the model file has schema version \(f); this Solvent reads up to \(s): upgrade Solvent or retrain"
        case .missingChecksum: return "the model file has no sha256: it was not written by Solvent"
        case .checksumMismatch(let r, let c):
            return "checksum mismatch (recorded \(r.prefix(12))…, computed \(c.prefix(12))…): the file was edited, damaged, or has fields this version does not know; refusing to use it"
        case .invalid(let m): return "invalid model file: \(m)"
        case .unknownFields(let names):
            return "the model file has fields this version does not know (\(names.joined(separator: ", "))); refusing to use it"
        }
    }
}

/// The JSON form of every model file: the model's own fields plus
/// `schemaVersion`, `kind` and `sha256`, the SHA-256 (hex) of the canonical
/// payload — the model encoded with sorted keys and no whitespace, without the
/// `sha256` field. Reading re-encodes the decoded model canonically and
/// compares the hash, so a truncated, bit-flipped or hand-edited file, or
/// one with fields this version would silently drop, is refused with the reason.
///
/// Doubles survive the round trip exactly (Foundation writes the shortest
/// representation that reads back to the same value).
public enum ModelDocument {
    public static let schemaVersion = 1

    /// The bytes of the file (pretty-printed, sorted keys) and the checksum recorded in it.
    public static func encode<Model: Encodable>(_ model: Model) throws(ModelFileError) -> (data: Data, sha256: String) {
        let canonical = try canonicalData(model)
        let digest = hex(SHA256.hash(data: canonical))
        guard var object = (try? JSONSerialization.jsonObject(with: canonical)) as? [String: Any] else {
            throw .invalid("a model must encode as a JSON object")
        }
        object["sha256"] = digest
        guard let pretty = try? JSONSerialization.data(withJSONObject: object,
                                                       options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { throw .invalid("the model could not be written as JSON") }
        return (pretty + Data("\n".utf8), digest)
    }

    /// The `kind` a model file says it is ("pd", "segments", …), to pick its
    /// reader; nil when the bytes are not a JSON object with a kind.
    public static func kind(of data: Data) -> String? {
        ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any])?["kind"] as? String
    }

    /// Decodes a model of `kind`, checking the schema version and the checksum first.
    public static func decode<Model: Codable>(_ type: Model.Type, kind: String, from data: Data) throws(ModelFileError) -> Model {
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: data) } catch {
            throw .unreadable("JSON: \(error.localizedDescription)")
        }
        guard let object = parsed as? [String: Any] else { throw .unreadable("the top level is not an object") }
        guard let version = object["schemaVersion"] as? Int else { throw .invalid("no schemaVersion") }
        guard version <= schemaVersion else { throw .newerSchema(found: version, supported: schemaVersion) }
        let found = object["kind"] as? String ?? "(none)"
        guard found == kind else { throw .wrongKind(expected: kind, found: found) }
        guard let recorded = object["sha256"] as? String else { throw .missingChecksum }
        let model: Model
        do { model = try JSONDecoder().decode(Model.self, from: data) } catch {
            throw .invalid("\(error)")
        }
        let canonical = try canonicalData(model)
        let computed = hex(SHA256.hash(data: canonical))
        guard computed == recorded else { throw .checksumMismatch(recorded: recorded, computed: computed) }
        // A field added to a valid file leaves the checksum intact (decoding drops it): compare the trees.
        var unsigned = object
        unsigned["sha256"] = nil
        if let reread = try? JSONSerialization.jsonObject(with: canonical) as? [String: Any],
           !NSDictionary(dictionary: reread).isEqual(to: unsigned) {
            let unknown = Set(unsigned.keys).subtracting(reread.keys).sorted()
            throw .unknownFields(unknown.isEmpty ? ["(nested)"] : unknown)
        }
        return model
    }

    /// Sorted keys, no whitespace: the bytes the checksum is taken of.
    static func canonicalData<Model: Encodable>(_ model: Model) throws(ModelFileError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .throw
        do { return try encoder.encode(model) } catch {
            throw .invalid("the model has a value JSON cannot hold (\(error))")
        }
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
