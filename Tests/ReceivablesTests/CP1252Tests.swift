import Testing
@testable import Receivables

@Suite struct CP1252Tests {
    private func decode(_ bytes: [UInt8]) throws -> String {
        var decoder = CP1252Decoder()
        var out = [UInt8](repeating: 0, count: CP1252Decoder.maxOutput(bytes.count))
        let (n, error) = bytes.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { o in decoder.decode(input, into: o.baseAddress!, file: "w.csv") }
        }
        if let error { throw error }
        return String(decoding: out[0..<n], as: UTF8.self)
    }

    @Test func decodesEveryDefinedByte() throws {
        let undefined: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]
        for b in 0...255 where !undefined.contains(UInt8(b)) {
            let s = try decode([UInt8(b)])
            let scalar = try #require(s.unicodeScalars.first)
            if b < 0x80 || b >= 0xA0 {
                #expect(scalar.value == UInt32(b))
            } else {
                #expect(scalar.value == UInt32(CP1252Decoder.high[b - 0x80]))
            }
        }
        #expect(try decode([0x80, 0x8C, 0x9F, 0xE9, 0xFC]) == "€ŒŸéü")
        #expect(try decode([0x93, 0x94, 0x96, 0x99]) == "\u{201C}\u{201D}\u{2013}\u{2122}")
    }

    @Test func undefinedBytesAreErrorsWithTheirPlace() {
        for b: UInt8 in [0x81, 0x8D, 0x8F, 0x90, 0x9D] {
            let e = csvError(Array("id,n\r\n1,ab".utf8) + [b], options: CSVOptions(encoding: .cp1252), file: "w.csv")
            #expect(e?.kind == .undefinedCP1252(byte: b))
            #expect(e?.line == 2 && e?.column == 5 && e?.byteOffset == 10)
        }
    }

    /// Found by Fuzz/ (findings/csv-cp1252-error-before-records.bin): the records before an
    /// undefined byte come out first, whatever the chunk size.
    @Test func recordsBeforeAnUndefinedByteComeFirst() throws {
        let bytes: [UInt8] = Array("a,b\n1,2\n".utf8) + [0x81, 0x0A]
        for chunk in [1, 4, 1 << 16, 1 << 22] {
            let reader = try CSVReader(bytes: bytes, file: "w.csv", options: CSVOptions(encoding: .cp1252, chunkSize: chunk))
            #expect(reader.header == ["a", "b"])
            #expect(try reader.nextRecord()?.strings == ["1", "2"])
            #expect { try reader.nextRecord() } throws: { ($0 as? CSVError)?.kind == .undefinedCP1252(byte: 0x81) }
        }
    }

    @Test func readerDecodesAcrossChunks() throws {
        let bytes: [UInt8] = Array("id,name\n1,\"Caf".utf8) + [0xE9, 0x0D, 0x0A, 0x80] + Array("\"\n".utf8)
        for chunk in [1, 2, 3, 1 << 16] {
            let rows = try readCSV(bytes, options: CSVOptions(encoding: .cp1252, chunkSize: chunk))
            #expect(rows == [["id", "name"], ["1", "Café\r\n€"]])
        }
        // The same bytes are not UTF-8.
        #expect(csvError(bytes)?.kind == .invalidUTF8(bytes: [0xE9, 0x0D]))
    }
}
