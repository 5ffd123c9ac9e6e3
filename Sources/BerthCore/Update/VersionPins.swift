import Foundation
import ServicePlugin
import Yams

/// `berth.lock`: the image version pinned for each module's image, committed by users.
///
/// Written sorted by module and image name, so the file only changes where a pin changes.
public struct VersionPins: Sendable, Hashable {
    /// module id → image spec name → tag.
    public var pins: [String: [String: String]]
    /// `module.image` → the line the pin stands on, for messages about a file that was read.
    public var lines: [String: Int] = [:]

    public init(pins: [String: [String: String]] = [:]) { self.pins = pins }

    /// The lock's file name, beside `berth.yaml`.
    public static let fileName = "berth.lock"

    static let header = "# berth.lock: image versions pinned by `berth update apply`. Commit it.\n# `berth render` reads it; a `version:` in berth.yaml wins over it.\n"

    // Two locks with the same pins are the same lock, wherever their lines stood.
    public static func == (lhs: VersionPins, rhs: VersionPins) -> Bool { lhs.pins == rhs.pins }
    public func hash(into hasher: inout Hasher) { hasher.combine(pins) }

    /// The pinned tag of one image of one module.
    public func pin(_ module: String, _ image: String) -> String? { pins[module]?[image] }

    /// `berth.lock:LINE` for a pin that was read from a file.
    public func location(_ module: String, _ image: String, file: String) -> String {
        lines["\(module).\(image)"].map { "\(file):\($0)" } ?? file
    }

    /// The file's text: a header, `version: 1`, then every pin in sorted order.
    public var text: String {
        let modules = pins.keys.sorted().map { module in
            (module, YAMLValue.map(pins[module]!.keys.sorted().map { ($0, YAMLValue.string(pins[module]![$0]!)) }))
        }
        return Self.header + YAMLEmitter.emit(.map([("version", .int(1)), ("pins", .map(modules))]))
    }

    /// Reads the lock file at `path`; a missing file is an empty lock.
    public static func load(_ path: String) throws -> VersionPins {
        guard FileManager.default.fileExists(atPath: path) else { return VersionPins() }
        try ConfigLoader.requireSmall(path, "lock file")
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw BerthError.usage("\(path): cannot read the lock file as UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Replaces the file at `path` atomically (mode 0644: it is committed, and holds no secret).
    public func write(to path: String) throws {
        try SecureFile.write(text, to: path, mode: 0o644)
    }

    /// Reads a lock file; every problem is named with the file and line, one a line.
    ///
    /// Unknown keys and wrong shapes are errors: a typo such as `pinz:` must not drop every pin in silence.
    public static func parse(_ text: String, file: String) throws -> VersionPins {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw BerthError.usage("\(file): not YAML: \(Validators.quoted(String(describing: error).split(separator: "\n").first.map(String.init) ?? "", limit: 200))")
        }
        guard let root = node?.mapping else { throw BerthError.usage("\(file): must be a mapping with version and pins") }
        var problems: [String] = []
        func at(_ node: Node) -> String { "\(file):\(node.mark?.line ?? 1)" }
        for key in root.keys where !["version", "pins"].contains(key.string ?? "") {
            problems.append("\(at(key)): unknown key '\(Validators.quoted(key.string ?? "?"))' (allowed: version, pins)")
        }
        if root["version"]?.int != 1 { problems.append("\(root["version"].map(at) ?? file): version must be 1") }
        var lock = VersionPins()
        if let pins = root["pins"], pins.mapping == nil, !(pins.scalar.map { ["", "~", "null"].contains($0.string) } ?? false) {
            problems.append("\(at(pins)): pins must map module names to their images' tags")
        }
        for (key, value) in root["pins"]?.mapping ?? [:] {
            guard let module = key.string, let images = value.mapping else {
                problems.append("\(at(key)): pins.\(Validators.quoted(key.string ?? "?")) must map image names to tags")
                continue
            }
            for (image, tag) in images {
                guard let name = image.string, let tag = tag.scalar?.string, Validators.isImageTag(tag) else {
                    problems.append("\(at(image)): pins.\(module).\(Validators.quoted(image.string ?? "?")) must be a tag")
                    continue
                }
                lock.pins[module, default: [:]][name] = tag
                lock.lines["\(module).\(name)"] = image.mark?.line
            }
        }
        if !problems.isEmpty { throw BerthError.usage(problems.joined(separator: "\n")) }
        return lock
    }
}
