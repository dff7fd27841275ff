import Foundation

/// Writes a file so that readers see either the old file or the complete new
/// one, never a part: the bytes go to a temporary file in the same folder,
/// which is fsynced, renamed over the target, and the folder fsynced
/// (RELIABILITY.md, crash while writing). New files are created 0600.
public final class AtomicFileWriter {
    public let path: String
    let temporaryPath: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var finished = false

    public init(path: String) throws(FileWriteError) {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        temporaryPath = (dir.isEmpty ? "." : dir) + "/.\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw FileWriteError(path: path, reason: String(cString: strerror(errno))) }
        buffer.reserveCapacity(1 << 20)
    }

    deinit {
        if !finished {
            close(fd)
            unlink(temporaryPath)
        }
    }

    /// Appends bytes (buffered).
    public func write(_ bytes: some Sequence<UInt8>) throws(FileWriteError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    public func write(_ text: String) throws(FileWriteError) { try write(text.utf8) }

    /// Appends raw bytes; a large block goes straight to the file instead of through the buffer.
    public func write(raw bytes: UnsafeRawBufferPointer) throws(FileWriteError) {
        guard bytes.count >= 1 << 16 else { return try write(bytes) }
        try flush()
        try writeAll(bytes)
    }

    private func flush() throws(FileWriteError) {
        let failure = buffer.withUnsafeBytes { b -> FileWriteError? in
            do throws(FileWriteError) { try writeAll(b) } catch { return error }
            return nil
        }
        if let failure { throw failure }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(FileWriteError) {
        guard let start = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(fd, start + offset, bytes.count - offset)
            guard n > 0 else {
                if n < 0 && errno == EINTR { continue }
                throw FileWriteError(path: path, reason: String(cString: strerror(errno)))
            }
            offset += n
        }
    }

    /// Flushes, fsyncs and renames the file into place, then fsyncs the folder.
    /// `durable: false` skips both fsyncs, for a file that is only a cache (readers
    /// still see the old file or the whole new one; after a power cut it may be lost).
    public func commit(durable: Bool = true) throws(FileWriteError) {
        try flush()
        guard !durable || fsync(fd) == 0 else { throw FileWriteError(path: path, reason: String(cString: strerror(errno))) }
        close(fd)
        finished = true
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw FileWriteError(path: path, reason: reason)
        }
        let dir = (path as NSString).deletingLastPathComponent
        let dfd = durable ? open(dir.isEmpty ? "." : dir, O_RDONLY) : -1
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }

    /// Drops the temporary file; the target is untouched.
    public func discard() {
        guard !finished else { return }
        close(fd)
        unlink(temporaryPath)
        finished = true
    }

    /// Removes the temporary files of writes to `path` whose process is gone (killed while
    /// writing): `.<name>.tmp-<pid>-<random>` beside it, `pid` no longer running.
    public static func removeAbandonedTemporaries(of path: String) {
        let dir = (path as NSString).deletingLastPathComponent, folder = dir.isEmpty ? "." : dir
        let prefix = ".\((path as NSString).lastPathComponent).tmp-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = name.dropFirst(prefix.count).split(separator: "-").first.flatMap({ Int32($0) }),
                  pid != getpid(), kill(pid, 0) == -1, errno == ESRCH else { continue }
            unlink(folder + "/" + name)
        }
    }

    /// Writes `bytes` to `path` atomically.
    public static func write(_ bytes: some Sequence<UInt8>, to path: String) throws(FileWriteError) {
        let w = try AtomicFileWriter(path: path)
        try w.write(bytes)
        try w.commit()
    }
}

/// A file that could not be written, and why (disk full, permission, ...).
public struct FileWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write \(path): \(reason)" }
}
