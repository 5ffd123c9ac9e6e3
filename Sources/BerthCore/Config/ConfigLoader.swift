import Foundation
import ServicePlugin
import Yams

/// Reads `berth.yaml`, checks every key against the registered modules, and reports every problem at once.
public struct ConfigLoader: Sendable {
    public var registry: PluginRegistry

    public init(registry: PluginRegistry = .standard) { self.registry = registry }

    /// The largest config or lock file read (1 MiB): YAML nodes cost far more memory than their text.
    public static let maximumSize = 1 << 20

    /// Refuses a file over ``maximumSize`` before it is read; `what` names it in the message ("config file").
    static func requireSmall(_ path: String, _ what: String) throws {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maximumSize {
            throw BerthError.usage("\(path): is \(size) bytes; a \(what) is at most \(maximumSize) bytes")
        }
    }

    /// Loads and checks the file at `path`; throws ``DiagnosticsError`` with every problem found.
    public func load(path: String) throws -> BerthConfig {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw BerthError.usage("\(path): is a folder; -c/--config names the config file")
        }
        try Self.requireSmall(path, "config file")
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the config file (\(String(cString: strerror(EACCES))))" : "no such config file"
            throw BerthError.usage("\(path): \(reason) (use -c/--config to name another)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BerthError.usage("\(path): the config file is not UTF-8 text")
        }
        // berth.lock's problems are reported with berth.yaml's, so one run names them all.
        let lockPath = BerthConfig.lockPath(beside: path)
        var lock = VersionPins()
        var lockProblems: [Diagnostic] = []
        do { lock = try VersionPins.load(lockPath) } catch let error as BerthError {
            lockProblems += error.description.split(separator: "\n").map { Diagnostic(path: "", String($0)) }
        }
        var config: BerthConfig
        do { config = try parse(text, file: path) } catch let error as DiagnosticsError {
            throw DiagnosticsError(error.diagnostics + lockProblems + problems(in: lock, file: lockPath, apps: nil))
        }
        lockProblems += problems(in: lock, file: lockPath, apps: config.apps)
        try lockProblems.throwIfErrors()
        config.lock = lock
        return config
    }

    /// Pins for modules, apps or images that do not exist, each named with its place in berth.lock.
    ///
    /// An app's images (`app`, and `postgres` beside a database) are pinned as a module's are; `apps` is nil when
    /// berth.yaml could not be read, and then a name that is no module is left unjudged.
    func problems(in lock: VersionPins, file: String, apps: [AppSpec]?) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for module in lock.pins.keys.sorted() {
            let app = apps?.first { $0.name == module }
            guard let names = registry.plugin(module)?.images.map(\.name) ?? app.map({ App($0).images.map(\.name) }) else {
                guard let apps else { continue }
                let first = lock.pins[module]!.keys.sorted().first ?? ""
                let known = registry.ids + apps.map(\.name)
                found.append(
                    Diagnostic(
                        path: "pins.\(module)", "unknown module or app (known: \(known.joined(separator: ", ")))",
                        location: lock.location(module, first, file: file)))
                continue
            }
            for image in lock.pins[module]!.keys.sorted() where !names.contains(image) {
                found.append(
                    Diagnostic(
                        path: "pins.\(module).\(image)", "\(module) has no image named \(image) (images: \(names.joined(separator: ", ")))",
                        location: lock.location(module, image, file: file)))
            }
        }
        return found
    }

    /// Parses config text; `file` is used in messages.
    public func parse(_ text: String, file: String) throws -> BerthConfig {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw DiagnosticsError([Diagnostic(path: "", "the config file is empty", location: "\(file):1")])
            }
            root = node
        } catch let error as YamlError {
            throw DiagnosticsError([Self.diagnostic(for: error, file: file, text: text)])
        }
        var reader = ConfigReader(file: file, registry: registry)
        let config = reader.read(ConfigNode(node: root, path: "", file: file))
        if let config, !reader.diagnostics.hasErrors { return config }
        throw DiagnosticsError(reader.diagnostics)
    }

    static func diagnostic(for error: YamlError, file: String, text: String) -> Diagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return Diagnostic(path: "", "YAML syntax error: \(problem)", location: "\(file):\(mark.line)")
        case .reader(let problem, let offset, _, _):
            let line = offset.map { offset in text.utf8.prefix(offset).filter { $0 == 0x0A }.count + 1 } ?? 1
            return Diagnostic(path: "", "YAML cannot be read: \(problem)", location: "\(file):\(line)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let line = YAMLDuplicates.secondLine(of: duplicates.sorted().first ?? "", in: text, from: context.mark.line) ?? context.mark.line
            return Diagnostic(path: "", "duplicate key \(duplicates.sorted().map { Validators.quoted($0) }.joined(separator: ", "))", location: "\(file):\(line)")
        default:
            return Diagnostic(path: "", "YAML error: \(Validators.quoted(String(describing: error), limit: 200))", location: "\(file):1")
        }
    }
}
