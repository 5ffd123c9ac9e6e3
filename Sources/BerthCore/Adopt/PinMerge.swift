import Foundation

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
