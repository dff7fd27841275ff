import Foundation

// The block file format of `ReceivablesCache`: blocks of raw values written and read back with a running checksum.

/// A running checksum of 8-byte words (the bytes padded with zeros): it only
/// has to tell a whole file from a torn or truncated one.
struct BlockChecksum {
    private(set) var value: UInt64 = 0x5EED

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var h = value
        let words = bytes.count / 8
        for k in 0..<words {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
        }
        if bytes.count % 8 != 0 {
            var tail: UInt64 = 0
            withUnsafeMutableBytes(of: &tail) { t in
                for k in 0..<bytes.count % 8 { t[k] = bytes[8 * words + k] }
            }
            h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
        }
        value = h
    }
}

/// Blocks of raw values (`[Int64 byte count][bytes][zero padding to 8]`) to an
/// `AtomicFileWriter`, checksummed as they go.
struct BlockWriter {
    let out: AtomicFileWriter
    private(set) var checksum = BlockChecksum()

    init(out: AtomicFileWriter) { self.out = out }

    mutating func put<T: BitwiseCopyable>(_ values: [T]) throws(FileWriteError) {
        var count = Int64(values.count * MemoryLayout<T>.stride)
        let padding = [UInt8](repeating: 0, count: Int((8 - count % 8) % 8))
        try emit(withUnsafeBytes(of: &count) { Array($0) })
        let failure = values.withUnsafeBytes { b -> FileWriteError? in
            do throws(FileWriteError) { try emit(b) } catch { return error }
            return nil
        }
        if let failure { throw failure }
        try emit(padding)
    }

    private mutating func emit(_ bytes: [UInt8]) throws(FileWriteError) {
        let failure = bytes.withUnsafeBytes { b -> FileWriteError? in
            do throws(FileWriteError) { try emit(b) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }

    private mutating func emit(_ bytes: UnsafeRawBufferPointer) throws(FileWriteError) {
        checksum.add(bytes)
        try out.write(raw: bytes)
    }
}

/// Reads the blocks of a `BlockWriter` back from the mapped file, as views of it,
/// checking sizes and the checksum (the views are valid while the reader lives).
final class BlockReader {
    private let base: UnsafeRawPointer
    private let size: Int
    private var offset = 0
    private var checksum = BlockChecksum()

    /// Maps the file; `populate` reads all its pages at once (for a reader that will read every
    /// page: the checksum, then the arrays), else pages are read as they are touched.
    init?(path: String, populate: Bool = true) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_size >= 8 else { return nil }
        size = Int(status.st_size)
        let flags = MAP_PRIVATE | (populate ? MAP_POPULATE : 0)
        guard let mapped = mmap(nil, size, PROT_READ, flags, fd, 0), mapped != MAP_FAILED else { return nil }
        base = UnsafeRawPointer(mapped)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), size) }

    /// The next block as values of T (nil when it does not fit the file or T).
    func take<T: BitwiseCopyable>() -> UnsafeBufferPointer<T>? {
        guard let countBytes = bytes(8) else { return nil }
        let bytes = Int(countBytes.loadUnaligned(as: Int64.self)), stride = MemoryLayout<T>.stride
        guard bytes >= 0, bytes % stride == 0, bytes <= size - offset, let values = self.bytes(bytes),
              self.bytes((8 - bytes % 8) % 8) != nil, Int(bitPattern: values.baseAddress) % MemoryLayout<T>.alignment == 0
        else { return nil }
        return values.bindMemory(to: T.self)
    }

    /// Whether the file ends with the checksum of everything before it.
    func checksumMatches() -> Bool {
        offset + 8 == size && base.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == checksum.value
    }

    /// The next `count` bytes (checksummed), nil past the end.
    private func bytes(_ count: Int) -> UnsafeRawBufferPointer? {
        guard count >= 0, count <= size - offset else { return nil }
        let view = UnsafeRawBufferPointer(start: base + offset, count: count)
        offset += count
        checksum.add(view)
        return view
    }
}
