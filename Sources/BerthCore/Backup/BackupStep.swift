import Foundation

/// The outcome of one step of a backup: a hook, a dump, the data files' checksums, a snapshot or its copy to the second repository.
public struct BackupStep: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case hook, dump, manifest, snapshot, copy, prune, verify, restore
    }

    public var kind: Kind
    public var module: String
    /// The database, hook or snapshot source.
    public var name: String
    public var ok: Bool
    public var sizeBytes: Int64?
    public var durationMs: Int
    public var message: String

    public init(kind: Kind, module: String, name: String, ok: Bool, sizeBytes: Int64? = nil, durationMs: Int, message: String) {
        self.kind = kind
        self.module = module
        self.name = name
        self.ok = ok
        self.sizeBytes = sizeBytes
        self.durationMs = durationMs
        self.message = message
    }
}

extension Array where Element == BackupStep {
    /// 1 when any step failed.
    public var exitStatus: ExitStatus { allSatisfy(\.ok) ? .success : .failure }

    /// One line per step: kind, plugin, name, result, size, duration, message.
    public var table: String {
        let rows = map { step in
            [
                step.kind.rawValue, "\(step.module)/\(step.name)", step.ok ? "ok" : "fail", step.sizeBytes.map(Self.size) ?? "-",
                "\(String(format: "%.1f", Double(step.durationMs) / 1000)) s", step.message,
            ]
        }
        return TextTable.lines(rows, minimum: [8, 4, 4, 9, 8]).joined(separator: "\n")
    }

    /// Bytes in binary units, e.g. `12.4 MiB`.
    static func size(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}
