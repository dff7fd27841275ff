import Foundation
import Testing
import SolventNumerics
@testable import Receivables

/// Seeded property tests of the scanner: whatever the chunk size, records
/// read back exactly as written, with the same physical line numbers.
@Suite struct CSVReaderScanTests {
    static let alphabet: [String] = ["a", "b", "7", " ", ",", "\"", "\n", "\r\n", "\r", "é", "€", "😀", ";"]
    static let lineBreaks = ["\n", "\r\n", "\r"]

    struct Sample {
        var text: String
        var rows: [[String]]
        var lines: [Int]
    }

    /// Random table with `columns` columns; fields quoted when needed (and sometimes when not).
    static func sample(seed: UInt64, columns: Int, records: Int) -> Sample {
        var rng = Xoshiro256StarStar(seed: seed)
        var rows: [[String]] = [(0..<columns).map { "c\($0)" }]
        for _ in 0..<records {
            rows.append((0..<columns).map { _ in
                let n = Int(rng.next() % 6)
                return (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
            })
        }
        var text = "", line = 1, lines: [Int] = []
        for (r, row) in rows.enumerated() {
            if r > 0 { lines.append(line) }
            let fields = row.map { f -> String in
                let special = f.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) })
                guard special || rng.next() % 4 == 0 || (columns == 1 && f.isEmpty) else { return f }
                return "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            let record = fields.joined(separator: ",")
            text += record
            line += record.unicodeScalars.filter { $0 == "\n" || $0 == "\r" }.count
                - record.components(separatedBy: "\r\n").count + 1
            let last = r == rows.count - 1 && rng.next() % 2 == 0
            if !last {
                let lineBreak = lineBreaks[Int(rng.next() % 3)]
                text += lineBreak
                line += 1
                if rng.next() % 8 == 0 {   // a blank line, with the same break so "\r" + "\n" cannot merge
                    text += lineBreak
                    line += 1
                }
            }
        }
        return Sample(text: text, rows: rows, lines: lines)
    }

    static func read(_ text: String, chunk: Int) throws -> (rows: [[String]], lines: [Int]) {
        let reader = try CSVReader(bytes: Array(text.utf8), file: "p.csv", options: CSVOptions(chunkSize: chunk))
        var rows = [reader.header], lines: [Int] = []
        while let r = try reader.nextRecord() {
            rows.append(r.strings)
            lines.append(r.line)
        }
        return (rows, lines)
    }

    @Test(arguments: [1, 2, 3, 7, 64, 1 << 20])
    func randomTablesReadBackExactly(chunk: Int) throws {
        for seed in UInt64(1)...40 {
            let columns = Int(seed % 4) + 1
            let s = CSVReaderScanTests.sample(seed: seed, columns: columns, records: 30)
            let got = try CSVReaderScanTests.read(s.text, chunk: chunk)
            #expect(got.rows == s.rows, "seed \(seed)")
            #expect(got.lines == s.lines, "seed \(seed)")
        }
    }

    @Test func errorsAreTheSameForEveryChunkSize() throws {
        for seed in UInt64(100)...130 {
            let s = CSVReaderScanTests.sample(seed: seed, columns: 3, records: 20)
            var bytes = Array(s.text.utf8)
            // Break it: a bare quote into an unquoted spot, or drop the tail to cut a quote or a sequence.
            var rng = Xoshiro256StarStar(seed: seed)
            let cut = Int(rng.next() % UInt64(bytes.count))
            if seed % 2 == 0 { bytes.insert(0xFF, at: cut) } else { bytes.removeLast(bytes.count - cut) }
            var errors: [String] = []
            for chunk in [1, 2, 5, 1 << 20] {
                do {
                    let reader = try CSVReader(bytes: bytes, file: "p.csv", options: CSVOptions(chunkSize: chunk))
                    while try reader.nextRecord() != nil {}
                    errors.append("none")
                } catch {
                    errors.append(error.description)
                }
            }
            #expect(Set(errors).count == 1, "seed \(seed): \(errors)")
        }
    }
}

extension CSVReaderScanTests {
    /// Unquoted fields longer than the scanner's 64-byte mask blocks, with
    /// multi-byte characters at every offset, read back the same for every chunk size.
    @Test func longFieldsAcrossMaskBlocks() throws {
        var rng = Xoshiro256StarStar(seed: 9)
        let pieces = ["a", "b", "0", " ", "é", "€", "😀", "x"]
        var rows: [[String]] = [["id", "text", "n"]]
        for r in 0..<200 {
            let length = Int(rng.next() % 300)
            let text = (0..<length).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            rows.append([String(r), text, String(length)])
        }
        let csv = rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
        for chunk in [1, 7, 63, 64, 65, 1 << 20] {
            let got = try CSVReaderScanTests.read(csv, chunk: chunk)
            #expect(got.rows == rows, "chunk \(chunk)")
            #expect(got.lines == Array(2...201), "chunk \(chunk)")
        }
    }
}
