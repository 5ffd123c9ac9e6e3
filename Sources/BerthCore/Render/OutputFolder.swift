import Foundation

/// The rules a render's output folder must meet before anything is written.
enum OutputFolder {
    /// Refuses a folder that would lose something; returns what the previous render there wrote.
    static func check(_ target: String, protecting protected: [String]) throws -> [String] {
        if target == "/" { throw BerthError.usage("--out /: refusing to render into the root folder") }
        let resolved = URL(fileURLWithPath: target).resolvingSymlinksInPath().path
        let folders = protected.flatMap { [URL(fileURLWithPath: $0).standardizedFileURL.path, URL(fileURLWithPath: $0).resolvingSymlinksInPath().path] }
        for folder in folders where [target, resolved].contains(where: { folder == $0 || folder.hasPrefix($0 + "/") || $0 == "/" }) {
            throw BerthError.usage("\(target): holds the config file's folder \(folder); render into a folder of its own (the default is deploy/<env>)")
        }
        switch FileKind.of(target) {
        case .missing: return []
        case .folder: break
        case .link(let points): throw BerthError.usage("\(target): is a symbolic link to \(points); name the real folder with --out")
        case .file, .other: throw BerthError.usage("\(target): is a file, not a folder; --out names the folder to render into")
        }
        let manifest = "\(target)/\(TreeWriter.manifestPath)"
        guard let data = FileManager.default.contents(atPath: manifest) else {
            let entries = try FileManager.default.contentsOfDirectory(atPath: target)
            if entries.isEmpty { return [] }
            throw BerthError.usage("\(target): is not empty and holds no \(TreeWriter.manifestPath), so Berth did not render it; render into a new or empty folder")
        }
        // A manifest names paths inside the tree only; anything else is not Berth's to remove.
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).filter { path in
            !path.hasPrefix("/") && !path.split(separator: "/").contains("..") && !path.split(separator: "/").contains(".") && !path.isEmpty
        }
    }
}
