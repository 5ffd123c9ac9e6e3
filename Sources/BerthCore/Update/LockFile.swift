import Foundation
import ServicePlugin
import Yams

/// `berth.lock`: the image version pinned for each module's image, committed by users.
///
/// Written sorted by module and image name, so the file only changes where a pin changes.
public struct LockFile: Sendable, Equatable {
    /// module id → image spec name → tag.
    public var pins: [String: [String: String]]

    public init(pins: [String: [String: String]] = [:]) { self.pins = pins }

    static let header = "# berth.lock: image versions pinned by `berth update apply`. Commit it.\n# `berth render` reads it; a `version:` in berth.yaml wins over it.\n"

    /// The file's text: a header, `version: 1`, then every pin in sorted order.
    public var text: String {
        let modules = pins.keys.sorted().map { module in
            (module, YAMLValue.map(pins[module]!.keys.sorted().map { ($0, YAMLValue.string(pins[module]![$0]!)) }))
        }
        return Self.header + YAMLEmitter.emit(.map([("version", .int(1)), ("pins", .map(modules))]))
    }

    /// Reads a lock file; a problem is named with the file and, where it has one, the line.
    public static func parse(_ text: String, file: String) throws -> LockFile {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch { throw BerthError.usage("\(file): not YAML: \(error)") }
        guard let root = node?.mapping else { throw BerthError.usage("\(file): must be a mapping with version and pins") }
        guard root["version"]?.int == 1 else { throw BerthError.usage("\(file): version must be 1") }
        var pins: [String: [String: String]] = [:]
        for (key, value) in root["pins"]?.mapping ?? [:] {
            guard let module = key.string, let images = value.mapping else {
                throw BerthError.usage("\(file):\(key.mark.map { "\($0.line)" } ?? "?"): pins.\(key.string ?? "?") must map image names to tags")
            }
            for (image, tag) in images {
                guard let name = image.string, let tag = tag.string, !tag.isEmpty else {
                    throw BerthError.usage("\(file):\(image.mark.map { "\($0.line)" } ?? "?"): pins.\(module).\(image.string ?? "?") must be a tag")
                }
                pins[module, default: [:]][name] = tag
            }
        }
        return LockFile(pins: pins)
    }
}
