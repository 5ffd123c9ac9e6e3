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
