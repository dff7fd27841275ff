import Foundation
@testable import Receivables

/// Reads `text` (or bytes) completely; the header is row 0.
func readCSV(_ bytes: [UInt8], options: CSVOptions = CSVOptions(), file: String = "t.csv") throws -> [[String]] {
    let reader = try CSVReader(bytes: bytes, file: file, options: options)
    return try [reader.header] + reader.readAll()
}

func readCSV(_ text: String, options: CSVOptions = CSVOptions(), file: String = "t.csv") throws -> [[String]] {
    try readCSV(Array(text.utf8), options: options, file: file)
}

/// The error thrown while reading `bytes` completely, or nil.
func csvError(_ bytes: [UInt8], options: CSVOptions = CSVOptions(), file: String = "t.csv") -> CSVError? {
    do {
        _ = try readCSV(bytes, options: options, file: file)
        return nil
    } catch let e as CSVError {
        return e
    } catch {
        return nil
    }
}

func csvError(_ text: String, options: CSVOptions = CSVOptions(), file: String = "t.csv") -> CSVError? {
    csvError(Array(text.utf8), options: options, file: file)
}

/// Path of a fixture under `Fixtures/csv/`.
func fixturePath(_ name: String) -> String {
    guard let dir = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
        return "missing-fixtures/\(name)"
    }
    return dir.appendingPathComponent("csv").appendingPathComponent(name).path
}
