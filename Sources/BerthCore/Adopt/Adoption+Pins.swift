import Foundation
import ServicePlugin

extension Adoption {
    /// The tags that run, as `berth.lock` pins: the first image's under its name (`app`, `server`), the others by theirs.
    ///
    /// Pins, not `version:` lines: `berth update apply` moves them across versions, and `berth db upgrade` across majors.
    public func pins(registry: PluginRegistry = .standard) -> VersionPins {
        var pins = VersionPins()
        for module in modules {
            if let version = module.version, let first = registry.plugin(module.id)?.images.first?.name { pins.pins[module.id, default: [:]][first] = version }
            for (image, tag) in module.images { pins.pins[module.id, default: [:]][image] = tag }
        }
        return pins
    }

    /// The adoption without its tags: the options and apps that `berth.yaml` gets.
    public var unpinned: Adoption {
        var adoption = self
        for index in adoption.modules.indices {
            adoption.modules[index].version = nil
            adoption.modules[index].images = [:]
        }
        return adoption
    }

    /// `berth.lock` lines, as the proposal prints them.
    public func lockLines(registry: PluginRegistry = .standard) -> [String] {
        let pins = pins(registry: registry).pins
        return pins.keys.sorted().map { module in
            "  \(module): { " + pins[module]!.sorted { $0.key < $1.key }.map { "\($0.key): \(Self.quoted($0.value))" }.joined(separator: ", ") + " }"
        }
    }
}

/// Writes adopted pins into `berth.lock`: every other pin kept, a pin already set to another tag refused.
public struct PinMerge: Sendable {
    public init() {}

    /// The lock with `pins` added; a usage error naming `berth.lock:LINE` for each pin set to another tag.
    public func merged(_ pins: VersionPins, into lock: VersionPins, file: String) throws -> VersionPins {
        var merged = lock
        var conflicts: [String] = []
        for (module, images) in pins.pins {
            for (image, tag) in images {
                if let pinned = lock.pin(module, image), pinned != tag {
                    conflicts.append("\(lock.location(module, image, file: file)): pins.\(module).\(image) is \(pinned), but \(tag) runs; nothing written")
                }
                merged.pins[module, default: [:]][image] = tag
            }
        }
        if !conflicts.isEmpty { throw BerthError.usage(conflicts.sorted().joined(separator: "\n")) }
        return merged
    }

    /// Writes the merged lock at `path` when it changes; returns what happened, for the report.
    public func write(_ pins: VersionPins, into path: String) throws -> String {
        let lock = try VersionPins.load(path)
        let merged = try merged(pins, into: lock, file: path)
        guard merged != lock || (!FileManager.default.fileExists(atPath: path) && !merged.pins.isEmpty) else { return "\(path) unchanged" }
        try merged.write(to: path)
        return "wrote \(path)"
    }
}
