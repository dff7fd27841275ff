#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a `CSVReader` gets its bytes: an open file descriptor read with
/// `read(2)`, or bytes already in memory (tests, standard input slurped by the CLI).
enum ByteSource {
    case file(Int32)
    case memory([UInt8], position: Int)

    /// Opens `path` read-only.
    static func open(path: String) throws(CSVError) -> ByteSource {
        let fd = path.withCString { systemOpen($0) }
        if fd < 0 {
            throw CSVError(file: path, location: CSVLocation(line: 0, column: 0, byteOffset: 0),
                           kind: .io("cannot open: \(errnoText())"))
        }
        return .file(fd)
    }

    /// Reads up to `count` bytes into `into`; 0 means end of input.
    mutating func read(into: UnsafeMutablePointer<UInt8>, count: Int, file: String) throws(CSVError) -> Int {
        switch self {
        case .file(let fd):
            while true {
                let n = systemRead(fd, into, count)
                if n >= 0 { return n }
                if errno == EINTR { continue }
                throw CSVError(file: file, location: CSVLocation(line: 0, column: 0, byteOffset: 0),
                               kind: .io("read failed: \(errnoText())"))
            }
        case .memory(let bytes, let position):
            let n = min(count, bytes.count - position)
            if n > 0 {
                bytes.withUnsafeBufferPointer { src in
                    if let base = src.baseAddress { into.update(from: base + position, count: n) }
                }
            }
            self = .memory(bytes, position: position + n)
            return n
        }
    }

    func close() {
        if case .file(let fd) = self { _ = systemClose(fd) }
    }
}

private func systemOpen(_ path: UnsafePointer<CChar>) -> Int32 {
    open(path, O_RDONLY)
}

private func systemRead(_ fd: Int32, _ p: UnsafeMutablePointer<UInt8>, _ n: Int) -> Int {
    read(fd, p, n)
}

private func systemClose(_ fd: Int32) -> Int32 {
    close(fd)
}

private func errnoText() -> String {
    if let s = strerror(errno) { return String(cString: s) }
    return "errno \(errno)"
}
