import Foundation

/// Writes a ``RenderedTree`` into a folder as one swap, keeping every `.env` and every file Berth did not write.
///
/// The new tree is built in a sibling temporary folder; existing `.env` files and foreign
/// files are hard-linked into it (same inode, so their bytes and mode are untouched);
/// then the folders are swapped with two renames. A failure before the swap leaves the
/// old folder exactly as it was.
public struct TreeWriter: Sendable {
    /// Lists the files of the last render, so stale ones can go and foreign ones stay.
    public static let manifestPath = ".berth/manifest"

    public var destination: String

    public init(destination: String) { self.destination = destination }

    public func write(_ tree: RenderedTree) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: destination).standardizedFileURL.path
        let parent = (target as NSString).deletingLastPathComponent
        try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let staging = "\(parent)/.\((target as NSString).lastPathComponent).berth-new-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
            for file in tree.files { try Self.put(file, in: staging) }
            let generated = Set(tree.paths)
            try Self.put(.init(path: Self.manifestPath, contents: tree.paths.joined(separator: "\n") + "\n"), in: staging)
            if fm.fileExists(atPath: target) {
                try carryOver(from: target, into: staging, generated: generated)
            }
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
        try swap(staging, into: target)
    }

    static func put(_ file: RenderedTree.File, in root: String) throws {
        let path = "\(root)/\(file.path)"
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: Data(file.contents.utf8), attributes: [.posixPermissions: file.executable ? 0o755 : 0o644]) else {
            throw BerthError.io("\(path): cannot write")
        }
    }

    /// Hard-links every `.env` and every file the previous render did not write into the new tree.
    func carryOver(from old: String, into staging: String, generated: Set<String>) throws {
        let fm = FileManager.default
        let previous = Set((try? String(contentsOfFile: "\(old)/\(Self.manifestPath)", encoding: .utf8))?.split(separator: "\n").map(String.init) ?? [])
        guard let walker = fm.enumerator(atPath: old) else { throw BerthError.io("\(old): cannot list") }
        while let relative = walker.nextObject() as? String {
            let source = "\(old)/\(relative)"
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: source, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let isEnv = (relative as NSString).lastPathComponent == ".env"
            if relative == Self.manifestPath || (!isEnv && (previous.contains(relative) || generated.contains(relative))) { continue }
            let destination = "\(staging)/\(relative)"
            try fm.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if fm.fileExists(atPath: destination) { try fm.removeItem(atPath: destination) }
            guard link(source, destination) == 0 else {
                throw BerthError.io("\(source): cannot keep it in the new tree (\(String(cString: strerror(errno))))")
            }
        }
    }

    func swap(_ staging: String, into target: String) throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: target) else {
            guard rename(staging, target) == 0 else { throw BerthError.io("\(target): cannot move the new tree in place") }
            return
        }
        let retired = "\(staging)-old"
        guard rename(target, retired) == 0 else {
            try? fm.removeItem(atPath: staging)
            throw BerthError.io("\(target): cannot replace (\(String(cString: strerror(errno))))")
        }
        guard rename(staging, target) == 0 else {
            _ = rename(retired, target)
            throw BerthError.io("\(target): cannot move the new tree in place")
        }
        try? fm.removeItem(atPath: retired)
    }
}
