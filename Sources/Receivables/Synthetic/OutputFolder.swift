import Foundation

/// Why the output folder cannot be used. These are usage errors: the CLI
/// reports them with exit code 2.
public enum OutputFolderError: Error, Sendable, Hashable, CustomStringConvertible {
    case notADirectory(path: String)
    case notEmpty(path: String, entries: Int)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .notADirectory(path):
            return "output folder \(path) exists and is not a folder; choose another --out"
        case let .notEmpty(path, entries):
            return "output folder \(path) is not empty (\(entries) entries); pass --force to overwrite the generated files, or choose an empty or new folder"
        case let .unwritable(path, reason):
            return "cannot write to output folder \(path): \(reason); choose a folder you can write to"
        }
    }
}

/// The output folder of a generation run, written so that a failure never
/// leaves a folder that looks complete.
///
/// Files are written into a staging folder `DIR/.partial-<pid>`, flushed and
/// fsynced, then renamed into `DIR` one by one with `truth.csv` last, and the
/// staging folder removed. A folder without `truth.csv` is incomplete; on
/// failure the staging folder is removed and the files already in `DIR` stay
/// as they were. With `force`, files of the same names are replaced; other
/// files are left alone.
struct OutputFolder {
    let path: String
    let staging: String

    static func prepare(path: String, force: Bool) throws(OutputFolderError) -> OutputFolder {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .notADirectory(path: path) }
            let entries: [String]
            do { entries = try fm.contentsOfDirectory(atPath: path) } catch {
                throw .unwritable(path: path, reason: "cannot list it (\(error.localizedDescription))")
            }
            if !entries.isEmpty && !force { throw .notEmpty(path: path, entries: entries.count) }
        } else {
            try createFolders(path)
        }
        let staging = (path as NSString).appendingPathComponent(".partial-\(ProcessInfo.processInfo.processIdentifier)")
        try? fm.removeItem(atPath: staging)
        guard mkdir(staging, 0o700) == 0 else {
            throw .unwritable(path: path, reason: "cannot create files in it (\(String(cString: strerror(errno))))")
        }
        return OutputFolder(path: path, staging: staging)
    }

    /// Creates `path` and any missing parents, owner-only (0700) as RELIABILITY.md asks of outputs.
    private static func createFolders(_ path: String) throws(OutputFolderError) {
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path && !FileManager.default.fileExists(atPath: parent) {
            try createFolders(parent)
        }
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
            throw .unwritable(path: path, reason: "cannot create it (\(String(cString: strerror(errno))))")
        }
    }

    func stagingPath(_ file: String) -> String { (staging as NSString).appendingPathComponent(file) }

    /// Moves the staged files into the folder in the given order, then removes the staging folder.
    func commit(_ files: [String]) throws(FileWriteError) {
        for file in files {
            let target = (path as NSString).appendingPathComponent(file)
            guard rename(stagingPath(file), target) == 0 else {
                throw FileWriteError(path: target, reason: "cannot move the finished file into place (errno \(errno))")
            }
        }
        syncDirectory(path)
        try? FileManager.default.removeItem(atPath: staging)
    }

    /// Removes the staging folder and whatever was written into it.
    func discard() {
        try? FileManager.default.removeItem(atPath: staging)
    }

    private func syncDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY)
        if fd >= 0 {
            _ = fsync(fd)
            _ = close(fd)
        }
    }
}
