import Crypto
import Foundation

/// Throws the same error as `sha256Hex(ofFile:)` when `path` cannot be opened for reading.
func checkReadable(path: String) throws(IngestError) {
    let handle = try openForReading(path)
    try? handle.close()
}

/// `path` opened for reading, or the error every ingest step gives when it cannot be.
private func openForReading(_ path: String) throws(IngestError) -> FileHandle {
    guard let handle = FileHandle(forReadingAtPath: path) else {
        throw IngestError(file: path, message: "cannot open the file (check that it exists and is readable)")
    }
    return handle
}

/// SHA-256 of a file, read in 1 MiB chunks (constant memory), as lower-case hex.
public func sha256Hex(ofFile path: String) throws(IngestError) -> String {
    let handle = try openForReading(path)
    defer { try? handle.close() }
    var hasher = SHA256()
    do {
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
    } catch {
        throw IngestError(file: path, message: "cannot read the file: \(error.localizedDescription)")
    }
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
}
