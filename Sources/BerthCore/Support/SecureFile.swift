import Foundation

/// Writes files that hold secrets: mode 0600 from the first byte, replaced atomically, owner kept.
public enum SecureFile {
    /// A new file written and synced beside the one it will replace, not yet renamed over it.
    public struct Staged: Sendable {
        public var temporary: String
        public var path: String
    }

    /// Writes `text` into a new file beside `path`, fsyncs it and renames it over `path`: readers see the old file or the new one.
    public static func write(_ text: String, to path: String, mode: mode_t = 0o600) throws {
        try commit([stage(text, for: path, mode: mode)])
    }

    /// Writes `text` beside `path` with `mode`, and the owner and group of the file it will replace.
    ///
    /// Refuses a `path` that is a symbolic link: renaming over it would replace the link, and
    /// writing through it would change a file outside the tree.
    /// `durable: false` skips the fsync, for scratch copies that nothing reads after a crash.
    public static func stage(_ text: String, for path: String, mode: mode_t = 0o600, durable: Bool = true) throws -> Staged {
        try FileKind.requireFileOrNothing(path)
        var existing = stat()
        let exists = lstat(path, &existing) == 0
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = "\(directory)/\(stagedPrefix(path))\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode)
        guard fd >= 0 else { throw Self.error(errno, "cannot write", path) }
        let data = Array(text.utf8)
        var failure: Int32 = 0
        let written = data.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        if written != data.count { failure = written < 0 ? errno : ENOSPC }
        // The umask must not loosen or tighten the mode; a rewrite keeps the owner an admin gave the file.
        if failure == 0, fchmod(fd, mode) != 0 { failure = errno }
        if failure == 0, exists, existing.st_uid != geteuid() || existing.st_gid != getegid(),
            fchown(fd, existing.st_uid, existing.st_gid) != 0
        {
            failure = errno
        }
        if failure == 0, durable, fsync(fd) != 0 { failure = errno }
        close(fd)
        guard failure == 0 else {
            unlink(temporary)
            throw Self.error(failure, "cannot write", path)
        }
        return Staged(temporary: temporary, path: path)
    }

    /// Renames every staged file over its path; on the first failure the rest are discarded.
    public static func commit(_ staged: [Staged]) throws {
        // Every file is staged, none renamed yet: the fault suite kills Berth here.
        FaultPoint.reach("commit")
        for (index, file) in staged.enumerated() where rename(file.temporary, file.path) != 0 {
            let code = errno
            discard(Array(staged[index...]))
            throw Self.error(code, "cannot replace", file.path)
        }
        sweep(staged)
    }

    /// The name a staged copy of `path` starts with, beside it; the writer's pid and a random number follow.
    static func stagedPrefix(_ path: String) -> String { ".\((path as NSString).lastPathComponent).berth-" }

    /// Removes what a write killed between its stage and its rename left beside the files just written: a copy whose
    /// writer's process is gone, or that is 10 minutes old (no write of these files runs that long). A copy may hold
    /// secrets. Each folder is read once.
    static func sweep(_ written: [Staged]) {
        for (directory, files) in Dictionary(grouping: written, by: { ($0.path as NSString).deletingLastPathComponent }) {
            let prefixes = files.map { stagedPrefix($0.path) }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            for name in names {
                guard let prefix = prefixes.first(where: name.hasPrefix) else { continue }
                var info = stat()
                guard lstat("\(directory)/\(name)", &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                if isOrphan(name.dropFirst(prefix.count)) || time(nil) - info.st_mtim.tv_sec > 600 { unlink("\(directory)/\(name)") }
            }
        }
    }

    /// Whether a staged copy's `PID-RANDOM` suffix names a writer no process is now (never this one).
    static func isOrphan(_ suffix: Substring) -> Bool {
        guard let pid = suffix.split(separator: "-").first.flatMap({ Int32($0) }), pid != getpid() else { return false }
        return ChildMark.isGone(pid)
    }

    /// Removes staged files that will not be used.
    public static func discard(_ staged: [Staged]) {
        for file in staged { unlink(file.temporary) }
    }

    /// Tightens an existing file to 0600.
    public static func restrict(_ path: String) throws {
        guard chmod(path, 0o600) == 0 else { throw Self.error(errno, "cannot chmod 600", path) }
    }

    /// `path: what (reason)`, from an errno read right after the failing call.
    static func error(_ code: Int32, _ what: String, _ path: String) -> BerthError {
        .io("\(path): \(what) (\(String(cString: strerror(code))))")
    }
}
