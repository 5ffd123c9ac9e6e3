import Foundation

/// What is at a path, read with `lstat` so a symbolic link is seen as itself, never followed.
public enum FileKind: Sendable, Equatable {
    case missing
    case file
    case folder
    /// A symbolic link, with where it points.
    case link(String)
    /// A device, socket or FIFO.
    case other

    public static func of(_ path: String) -> FileKind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .link((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?")
        default: return .other
        }
    }

    /// Refuses anything but a regular file or nothing: Berth writes only real files where it writes secrets.
    static func requireFileOrNothing(_ path: String) throws {
        switch of(path) {
        case .missing, .file: return
        case .link(let target): throw BerthError.usage("\(path): is a symbolic link to \(target); Berth writes only real files here (replace the link with the file itself)")
        case .folder, .other: throw BerthError.usage("\(path): is not a regular file")
        }
    }
}
