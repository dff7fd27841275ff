import Foundation
import Testing
@testable import Receivables

@Suite struct ByteSourceTests {
    @Test func memorySourceReadsInPieces() throws {
        var source = ByteSource.memory(Array(0..<10), position: 0)
        var out = [UInt8](repeating: 0, count: 4)
        var seen: [UInt8] = []
        while true {
            let n = try out.withUnsafeMutableBufferPointer { b in
                try source.read(into: b.baseAddress!, count: 4, file: "m")
            }
            if n == 0 { break }
            seen += out[0..<n]
        }
        #expect(seen == Array(0..<10))
    }

    @Test func fileSourceMatchesMemorySource() throws {
        let path = NSTemporaryDirectory() + "solvent-bytesource-\(getpid()).csv"
        let text = "a,b\n" + (0..<5000).map { "\($0),\"x\($0)\"" }.joined(separator: "\n")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromFile = try CSVReader(path: path, options: CSVOptions(chunkSize: 1000))
        let rows = try [fromFile.header] + fromFile.readAll()
        #expect(rows == (try readCSV(text)))
        #expect(rows.count == 5001)
    }
}
