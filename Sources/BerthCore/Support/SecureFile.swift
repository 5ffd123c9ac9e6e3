import Foundation

/// Writes files that hold secrets: mode 0600 from the first byte, replaced atomically.
public enum SecureFile {
    public static func write(_ text: String, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = "\(directory)/.\((path as NSString).lastPathComponent).berth-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw BerthError.io("\(path): cannot write (\(String(cString: strerror(errno))))") }
        let data = Array(text.utf8)
        let written = data.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == data.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw BerthError.io("\(path): cannot write (\(String(cString: strerror(errno))))")
        }
    }

    /// Tightens an existing file to 0600.
    public static func restrict(_ path: String) throws {
        guard chmod(path, 0o600) == 0 else { throw BerthError.io("\(path): cannot chmod 600") }
    }
}
