import Foundation
import ServicePlugin
import Yams

/// Writes what `berth adopt` found into the admin's `berth.yaml`, touching only the lines it must.
///
/// A module without an entry under `services:` gets one line; an entry that exists gets the adopted fields it lacks,
/// in the style it is written in (inside its `{ }`, or one line a field under a block entry). An app is added under
/// `apps:`, or left as it is when one of that name already runs the same image, tag and port. Every other line stays
/// byte for byte. A field the admin set to another value than the one that runs is refused, naming its line; so is a
/// result that would not read back as the same config plus the adopted fields.
public struct ConfigMerge: Sendable {
    public var registry: PluginRegistry

    public init(registry: PluginRegistry = .standard) { self.registry = registry }

    /// What ``write(_:into:)`` did.
    public enum Outcome: Sendable, Equatable, CustomStringConvertible {
        /// The file now holds the adoption.
        case written(path: String)
        /// The file held it already, and was not touched.
        case unchanged(path: String)

        public var description: String {
            switch self {
            case .written(let path): "\(path): the adopted modules and apps written in"
            case .unchanged(let path): "\(path): already has every adopted module and app as it runs; nothing written"
            }
        }
    }

    /// `text` (the config file `file`) with `adoption` merged in; the text itself when it holds the adoption already.
    public func merged(_ text: String, with adoption: Adoption, file: String = "berth.yaml") throws -> String {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch let error as YamlError {
            throw BerthError.usage(ConfigLoader.diagnostic(for: error, file: file, text: text).description)
        }
        guard case .mapping(let mapping) = root else { throw BerthError.usage("\(file):1: is not a mapping of top-level keys: add the adopted modules and apps by hand") }
        var plan = Plan(file: file, root: mapping, text: TextLines(text))
        guard !plan.isFlow(mapping) else { throw BerthError.usage("\(file):1: is one flow mapping ({ … }): add the adopted modules and apps by hand") }
        let modules = adoption.modules.map { Entry(name: $0.id, fields: Self.fields(of: $0)) }
        let apps = adoption.apps.map { Entry(name: $0.name, fields: Self.fields(of: $0)) }
        try plan.merge(section: "services", modules, addMissing: true)
        try plan.merge(section: "apps", apps, addMissing: false)
        guard plan.conflicts.isEmpty else { throw BerthError.usage(plan.conflicts.joined(separator: "\n")) }
        let output = plan.text.applied()
        guard output != text else { return text }
        try check(output, against: text, root: mapping, modules: modules, apps: apps, adoption: adoption, file: file)
        return output
    }

    /// Merges `adoption` into the config file at `path` and replaces it atomically (a synced file beside it, renamed
    /// over it, with its mode and owner); when it holds the adoption already, writes nothing.
    public func write(_ adoption: Adoption, into path: String) throws -> Outcome {
        try FileKind.requireFileOrNothing(path)
        try ConfigLoader.requireSmall(path, "config file")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BerthError.usage("\(path): \(FileManager.default.fileExists(atPath: path) ? "cannot read the config file" : "no such config file")")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw BerthError.usage("\(path): the config file is not UTF-8 text") }
        let output = try merged(text, with: adoption, file: path)
        guard output != text else { return .unchanged(path: path) }
        var status = stat()
        guard lstat(path, &status) == 0 else { throw SecureFile.error(errno, "cannot read", path) }
        let staged = try SecureFile.stage(output, for: URL(fileURLWithPath: path).standardizedFileURL.path, mode: status.st_mode & 0o7777)
        // An editor that saved the file meanwhile keeps its change: nothing is written over it.
        guard FileManager.default.contents(atPath: path) == data else {
            SecureFile.discard([staged])
            throw BerthError.usage("\(path): changed while Berth merged the adoption into it; nothing written (run berth adopt again)")
        }
        try SecureFile.commit([staged])
        return .written(path: path)
    }

    /// Refuses an output that does not read as the input plus the adopted fields, or that does not load.
    func check(_ output: String, against text: String, root: Node.Mapping, modules: [Entry], apps: [Entry], adoption: Adoption, file: String) throws {
        let refusal = "\(file): cannot merge the adoption safely, nothing written"
        var expected = Shape(.mapping(root))
        expected.add(modules, under: "services")
        expected.add(apps, under: "apps")
        guard let written = try? Yams.compose(yaml: output), Shape(written) == expected else {
            throw BerthError.usage("\(refusal): the merged file would not read as the config plus the adopted fields; add them by hand")
        }
        let loader = ConfigLoader(registry: registry)
        let merged: BerthConfig
        do { merged = try loader.parse(output, file: file) } catch {
            throw BerthError.usage("\(refusal): the merged file would not load (its lines, not the file's):\n\(error)")
        }
        guard let before = try? loader.parse(text, file: file) else { return }
        var after = adoption.applied(to: before, registry: registry)
        after.apps = before.apps
        var found = merged
        found.apps = merged.apps.filter { app in before.apps.contains { $0.name == app.name } }
        let added = merged.apps.filter { app in !before.apps.contains { $0.name == app.name } }
        let adopted = adoption.apps.filter { app in !before.apps.contains { $0.name == app.name } }
        let sameApps =
            added.map(\.name) == adopted.map(\.name)
            && zip(added, adopted).allSatisfy { $0.image == $1.image.repository && $0.tag == $1.image.tag && $0.port == $1.port }
        // Options are compared as written: the adoption has them as text, the loaded file as their types.
        for index in after.services.indices { after.services[index].options = after.services[index].options.mapValues { .string($0.description) } }
        for index in found.services.indices { found.services[index].options = found.services[index].options.mapValues { .string($0.description) } }
        guard found == after, sameApps else { throw BerthError.usage("\(refusal): the merged file would not load as the config plus the adoption; add it by hand") }
    }

    static func fields(of module: Adoption.Module) -> [Field] {
        var fields: [Field] = []
        if let version = module.version { fields.append(Field(key: "version", value: version, written: quoted(version))) }
        if !module.images.isEmpty {
            let images = module.images.sorted { $0.key < $1.key }.map { Field(key: $0.key, value: $0.value, written: quoted($0.value)) }
            fields.append(Field(key: "images", value: "", written: "", children: images))
        }
        return fields + module.options.map { Field(key: $0.0, value: $0.1, written: plain($0.1)) }
    }

    static func fields(of app: Adoption.App) -> [Field] {
        [
            Field(key: "image", value: app.image.repository, written: plain(app.image.repository)),
            Field(key: "tag", value: app.image.tag, written: quoted(app.image.tag)),
            Field(key: "port", value: String(app.port), written: String(app.port)),
        ]
    }

    /// `text` as it is when YAML reads it as itself in a flow mapping, else double-quoted.
    static func plain(_ text: String) -> String {
        text.range(of: #"^[A-Za-z0-9_][A-Za-z0-9_./-]*$"#, options: .regularExpression) != nil ? text : quoted(text)
    }

    /// `text` double-quoted, as `configLines` writes tags.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

extension ConfigMerge {
    /// What a YAML document says, without its style: the merge's result must say what the file said, plus the adoption.
    indirect enum Shape: Equatable {
        case null
        case text(String)
        case list([Shape])
        case map([String: Shape])

        init(_ node: Node) {
            switch node {
            case .scalar(let scalar): self = Plan.isNull(node) ? .null : .text(scalar.string)
            case .mapping(let mapping): self = .map(Dictionary(mapping.map { ($0.key.string ?? "?", Shape($0.value)) }) { first, _ in first })
            case .sequence(let sequence): self = .list(sequence.map(Shape.init))
            case .alias: self = .text("*")
            }
        }

        mutating func add(_ entries: [Entry], under key: String) {
            guard !entries.isEmpty, case .map(var root) = self else { return }
            var section = Shape.map([:])
            if case .map = root[key] { section = root[key]! }
            for entry in entries { section.set(entry.name, entry.fields) }
            root[key] = section
            self = .map(root)
        }

        /// Sets `fields` in the mapping under `key`, making it one if it is not.
        mutating func set(_ key: String, _ fields: [Field]) {
            guard case .map(var map) = self, !fields.isEmpty || map[key] == nil else { return }
            var entry = Shape.map([:])
            if case .map = map[key] { entry = map[key]! }
            for field in fields {
                if let children = field.children {
                    entry.set(field.key, children)
                } else if case .map(var inner) = entry {
                    inner[field.key] = .text(field.value)
                    entry = .map(inner)
                }
            }
            map[key] = entry
            self = .map(map)
        }
    }
}
