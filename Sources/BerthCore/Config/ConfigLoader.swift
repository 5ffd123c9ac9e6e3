import Foundation
import ServicePlugin
import Yams

/// Reads `berth.yaml`, checks every key against the registered modules, and reports every problem at once.
public struct ConfigLoader: Sendable {
    public var registry: PluginRegistry

    public init(registry: PluginRegistry = .standard) { self.registry = registry }

    /// Loads and checks the file at `path`; throws ``DiagnosticsError`` with every problem found.
    public func load(path: String) throws -> BerthConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BerthError.usage("\(path): cannot read the config file (use -c/--config to name another)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BerthError.usage("\(path): the config file is not UTF-8 text")
        }
        // berth.lock's problems are reported with berth.yaml's, so one run names them all.
        let lockPath = BerthConfig.lockPath(beside: path)
        var lock = LockFile()
        var lockProblems: [Diagnostic] = []
        do { lock = try LockFile.load(lockPath) } catch let error as BerthError { lockProblems.append(Diagnostic(path: "", error.description)) }
        lockProblems += problems(in: lock, file: lockPath)
        var config: BerthConfig
        do { config = try parse(text, file: path) } catch let error as DiagnosticsError {
            throw DiagnosticsError(error.diagnostics + lockProblems)
        }
        try lockProblems.throwIfErrors()
        config.lock = lock
        return config
    }

    /// Pins for modules or images that do not exist, each named with its place in berth.lock.
    func problems(in lock: LockFile, file: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for module in lock.pins.keys.sorted() {
            guard let type = registry.plugin(module) else {
                let first = lock.pins[module]!.keys.sorted().first ?? ""
                found.append(Diagnostic(path: "pins.\(module)", "unknown module (known: \(registry.ids.joined(separator: ", ")))",
                                        location: lock.location(module, first, file: file)))
                continue
            }
            let names = type.images.map(\.name)
            for image in lock.pins[module]!.keys.sorted() where !names.contains(image) {
                found.append(Diagnostic(path: "pins.\(module).\(image)", "\(module) has no image named \(image) (images: \(names.joined(separator: ", ")))",
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
            throw DiagnosticsError([Self.diagnostic(for: error, file: file)])
        }
        var reader = ConfigReader(file: file, registry: registry)
        let config = reader.read(ConfigNode(node: root, path: "", file: file))
        if let config, !reader.diagnostics.hasErrors { return config }
        throw DiagnosticsError(reader.diagnostics)
    }

    static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return Diagnostic(path: "", "YAML syntax error: \(problem)", location: "\(file):\(mark.line)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(path: "", "duplicate key \(duplicates.joined(separator: ", "))", location: "\(file):\(context.mark.line)")
        default:
            return Diagnostic(path: "", "YAML error: \(error)", location: "\(file):1")
        }
    }
}
