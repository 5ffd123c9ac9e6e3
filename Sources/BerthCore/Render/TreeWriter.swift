import Foundation

/// Writes a ``RenderedTree`` into a folder, touching only what Berth writes.
///
/// Every rendered file is first written beside its place and synced; only when all of them
/// are ready are they renamed into place, and the files the previous render wrote but this
/// one does not are removed. Every other path (`.env` files, the admin's files, folders and
/// links, and the modes and owners of existing folders) stays exactly as it was. A failure
/// before the renames leaves the folder as it was.
public struct TreeWriter: Sendable {
    /// Lists what the last render wrote: files, and folders it created (ending in `/`).
    public static let manifestPath = ".berth/manifest"

    public var destination: String
    /// Folders the output must neither be nor contain (the config file's folder).
    public var protected: [String]
    /// Whether each file is fsynced before the renames; a deploy's scratch copy, rsynced and then deleted, needs no sync.
    public var durable: Bool

    public init(destination: String, protecting protected: [String] = [], durable: Bool = true) {
        self.destination = destination
        self.protected = protected
        self.durable = durable
    }

    public func write(_ tree: RenderedTree) throws {
        let target = URL(fileURLWithPath: destination).standardizedFileURL.path
        let previous = try OutputFolder.check(target, protecting: protected)
        var created: [String] = []
        var staged: [SecureFile.Staged] = []
        var folders = Set(previous.filter { $0.hasSuffix("/") })
        do {
            try makeFolder(target, created: &created)
            for file in tree.files {
                let path = "\(target)/\(file.path)"
                try makeFolder((path as NSString).deletingLastPathComponent, created: &created)
                try Self.refuseForeign(path, relative: file.path, previous: previous)
                staged.append(try SecureFile.stage(file.contents, for: path, mode: file.executable ? 0o755 : 0o644, durable: durable))
            }
            try makeFolder("\(target)/.berth", created: &created)
            // The folders Berth made inside the tree are Berth's to remove once empty; the tree itself and .berth/ stay.
            folders.formUnion(created.filter { $0.hasPrefix(target + "/") && $0 != "\(target)/.berth" }.map { String($0.dropFirst(target.count + 1)) + "/" })
            staged.append(try SecureFile.stage(Self.manifest(tree.paths, folders), for: "\(target)/\(Self.manifestPath)", mode: 0o644, durable: durable))
            try SecureFile.commit(staged)
        } catch {
            SecureFile.discard(staged)
            for folder in created.reversed() { rmdir(folder) }
            throw error
        }
        let removed = removeStale(previous, written: Set(tree.paths), in: target)
        if !removed.isEmpty {
            try? SecureFile.write(Self.manifest(tree.paths, folders.subtracting(removed)), to: "\(target)/\(Self.manifestPath)", mode: 0o644)
        }
    }

    static func manifest(_ files: [String], _ folders: Set<String>) -> String {
        (files + folders.sorted()).joined(separator: "\n") + "\n"
    }

    /// Creates missing folders up to `path` (0755); an existing one is never changed.
    func makeFolder(_ path: String, created: inout [String]) throws {
        switch FileKind.of(path) {
        case .missing: break
        case .folder: return
        case .link(let target): throw BerthError.usage("\(path): is a symbolic link to \(target); Berth would write rendered files inside it (move it away, or render elsewhere)")
        case .file, .other: throw BerthError.usage("\(path): is not a folder; Berth would write rendered files inside it (move it away, or render elsewhere)")
        }
        let parent = (path as NSString).deletingLastPathComponent
        if parent != path { try makeFolder(parent, created: &created) }
        guard mkdir(path, 0o755) == 0 else { throw SecureFile.error(errno, "cannot create the folder", path) }
        created.append(path)
    }

    /// A path Berth did not write before and that exists already belongs to someone else.
    static func refuseForeign(_ path: String, relative: String, previous: [String]) throws {
        guard FileKind.of(path) != .missing, !previous.contains(relative) else { return }
        throw BerthError.usage("\(path): exists and Berth did not write it; move it away so the rendered file can take its place")
    }

    /// Removes what the last render wrote and this one does not, then the folders it created that are now empty; returns those folders.
    func removeStale(_ previous: [String], written: Set<String>, in target: String) -> Set<String> {
        for path in previous where !path.hasSuffix("/") && !written.contains(path) {
            if FileKind.of("\(target)/\(path)") == .file { unlink("\(target)/\(path)") }
        }
        let needed = Set(written.flatMap { Self.ancestors($0) })
        var removed = Set<String>()
        // rmdir removes only an empty folder: anything an admin put there keeps it. Deepest first.
        for folder in previous.filter({ $0.hasSuffix("/") }).sorted(by: >) where !needed.contains(String(folder.dropLast())) {
            if rmdir("\(target)/\(folder.dropLast())") == 0 { removed.insert(folder) }
        }
        return removed
    }

    static func ancestors(_ path: String) -> [String] {
        var out: [String] = []
        var current = (path as NSString).deletingLastPathComponent
        while !current.isEmpty && current != "/" {
            out.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        return out
    }
}
