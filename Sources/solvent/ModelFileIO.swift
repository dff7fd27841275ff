import Foundation
import Receivables
import SolventModels

/// A model that is written as a model file with a card beside it.
protocol ModelFileContents {
    func document() throws(ModelFileError) -> (data: Data, sha256: String)
    func modelCard(sha256: String) -> String
}

extension DefaultModel: ModelFileContents {}
extension SegmentModel: ModelFileContents {}
extension PaymentDatesModel: ModelFileContents {}

/// Reading and writing model files and their cards, and reading analysts' tables.
enum ModelFileIO {
    /// Writes `model` to `path` and its card to the same path with `.md`, each atomically.
    static func write(_ model: some ModelFileContents, to path: String) throws -> String {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch { throw RunError("cannot create the folder \(folder) for the model: \(error.localizedDescription)") }
        }
        do {
            let (data, sha) = try model.document()
            try AtomicFileWriter.write(data, to: path)
            try AtomicFileWriter.write(Data(model.modelCard(sha256: sha).utf8), to: cardPath(path))
            return sha
        } catch let error as ModelFileError {
            throw RunError("cannot write the model: \(error)")
        } catch let error as FileWriteError {
            throw RunError(error.description)
        }
    }

    static func cardPath(_ path: String) -> String {
        (path.hasSuffix(".json") ? String(path.dropLast(5)) : path) + ".md"
    }

    /// A model file of any kind, read by its `kind`.
    enum AnyModel {
        case pd(DefaultModel)
        case segments(SegmentModel)
        case paymentDates(PaymentDatesModel)
    }

    /// Reads a model file, refusing damaged, edited, newer or unknown ones with the reason (exit 65).
    static func readModel(_ path: String) throws -> AnyModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunError("cannot read the model file \(path): no such file or not readable")
        }
        do {
            switch ModelDocument.kind(of: data) {
            case SegmentModel.kind: return .segments(try SegmentModel.read(data))
            case PaymentDatesModel.kind: return .paymentDates(try PaymentDatesModel.read(data))
            default: return .pd(try DefaultModel.read(data))
            }
        } catch {
            throw DataError("\(path): \(error)")
        }
    }

    /// Reads a default model file (exit 65 for any other kind or a damaged file).
    static func readDefaultModel(_ path: String) throws -> DefaultModel {
        guard case .pd(let model) = try readModel(path) else {
            throw DataError("\(path): not a default (pd) model; this needs one (solvent train pd)")
        }
        return model
    }

    /// Reads a payment-dates model file (exit 65 for any other kind or a damaged file).
    static func readPaymentDatesModel(_ path: String) throws -> PaymentDatesModel {
        guard case .paymentDates(let model) = try readModel(path) else {
            throw DataError("\(path): not a payment-dates model; this needs one (solvent train payment-dates)")
        }
        return model
    }

    /// Reads a segments model file (exit 65 for any other kind or a damaged file).
    static func readSegmentModel(_ path: String) throws -> SegmentModel {
        guard case .segments(let model) = try readModel(path) else {
            throw DataError("\(path): not a segments model; this needs one (solvent train segments)")
        }
        return model
    }

    /// Reads an analyst's CSV table; `categorical` columns are kept as text.
    static func readTable(_ path: String, id: String?, categorical: [String]) throws -> DataTable {
        do {
            return try DataTableReader(options: .init(categorical: Set(categorical), id: id)).read(path: path)
        } catch {
            throw DataError("\(error)")
        }
    }

    /// The file's SHA-256 (hex), recorded in the model as the data's provenance.
    static func sha256(of path: String) -> String? {
        try? sha256Hex(ofFile: path)
    }
}

/// Splits `a,b,c` option values (repeatable options may also carry lists).
func commaList(_ values: [String]) -> [String] {
    values.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
}
