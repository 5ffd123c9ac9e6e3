import Foundation

/// Writes files that hold secrets: mode 0600 from the first byte, replaced atomically.
public enum SecureFile {
    /// Writes `text` into a new file beside `path`, fsyncs it and renames it over `path`: readers see the old file or the new one.
    public static func write(_ text: String, to path: String, mode: mode_t = 0o600) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = "\(directory)/.\((path as NSString).lastPathComponent).berth-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else { throw BerthError.io("\(path): cannot write (\(String(cString: strerror(errno))))") }
        let data = Array(text.utf8)
        let written = data.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        // The umask must not loosen or tighten a committed file's mode.
        let modeSet = fchmod(fd, mode) == 0
        close(fd)
        guard modeSet, written == data.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw BerthError.io("\(path): cannot write (\(String(cString: strerror(errno))))")
        }
    }

    /// Tightens an existing file to 0600.
    public static func restrict(_ path: String) throws {
        guard chmod(path, 0o600) == 0 else { throw BerthError.io("\(path): cannot chmod 600") }
    }
}
