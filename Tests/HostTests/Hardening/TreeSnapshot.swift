import Foundation

/// Every path below a folder with its type, mode, owner, inode, bytes and link target, read with
/// lstat (links are never followed): two equal snapshots mean nothing at all changed.
struct TreeSnapshot: Equatable {
    var entries: [String: String]

    init(_ root: String) {
        entries = [:]
        walk(root, relative: ".")
    }

    private mutating func walk(_ path: String, relative: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        var text = "mode=\(String(info.st_mode, radix: 8)) uid=\(info.st_uid) gid=\(info.st_gid) ino=\(info.st_ino) size=\(info.st_size)"
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            text += " link=\((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?")"
        case S_IFREG:
            text += " bytes=\(FileManager.default.contents(atPath: path)?.base64EncodedString() ?? "?")"
        case S_IFDIR:
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() {
                walk(path + "/" + name, relative: relative + "/" + name)
            }
        default: break
        }
        entries[relative] = text
    }

    /// The paths whose entry differs, for a readable failure.
    func changes(to other: TreeSnapshot) -> [String] {
        Set(entries.keys).union(other.entries.keys).sorted().filter { entries[$0] != other.entries[$0] }
    }
}
