import Foundation
import ServicePlugin

/// `berth backup list`: the dumps on the server and the engine's snapshots, with times and sizes.
public struct BackupCatalog: Codable, Sendable {
    public struct Dump: Codable, Sendable, Equatable {
        public var module: String
        public var file: String
        public var sizeBytes: Int64
        public var time: Date
    }

    public var dumps: [Dump]
    public var snapshots: [EngineSnapshot]

    static let script = """
        dir=$1
        [ -d "$dir" ] || exit 0
        find "$dir" -mindepth 2 -maxdepth 2 -type f -name '*.dump' -printf '%P\\t%s\\t%T@\\n' | sort
        """

    /// Reads both from the environment's server.
    public static func read(_ backup: BackupRunner) async throws -> BackupCatalog {
        let (_, engine) = try backup.engine()
        // On Swarm each database is dumped on its own node: every node that may run one is asked.
        var listing = ""
        for remote in backup.stack.orchestrator.dumpMachines(backup.stack, remote: backup.remote) {
            listing += try await backup.runner.check(remote.script(script, [backup.stack.context.dumpsDir]), timeout: 60, what: "listing the dumps on \(remote.name)").stdout
        }
        let listed = try await backup.runner.check(backup.exec(engine.service, engine.listCommand), timeout: 300, what: "listing the snapshots")
        let unique = Dictionary(dumps(listing).map { ("\($0.module)/\($0.file)", $0) }, uniquingKeysWith: { $0.time > $1.time ? $0 : $1 })
        return BackupCatalog(dumps: unique.values.sorted { ($0.module, $0.file) < ($1.module, $1.file) }, snapshots: try engine.snapshots(from: listed.stdout))
    }

    /// Parses `plugin/file.dump <tab> size <tab> epoch seconds` lines.
    static func dumps(_ text: String) -> [Dump] {
        text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t")
            guard fields.count == 3, let size = Int64(fields[1]), let epoch = Double(fields[2]) else { return nil }
            let path = fields[0].split(separator: "/", maxSplits: 1)
            guard path.count == 2 else { return nil }
            return Dump(module: String(path[0]), file: String(path[1]), sizeBytes: size, time: Date(timeIntervalSince1970: epoch.rounded(.down)))
        }
    }

    /// Fails when the newest snapshot or any expected dump (`plugin/file`) is missing or older than `maxAgeHours`.
    public func freshness(expectedDumps: [String], maxAgeHours: Double, now: Date = Date()) -> (CheckResult.Status, String) {
        let hours = { (date: Date) in Int(now.timeIntervalSince(date) / 3600) }
        guard let newest = snapshots.map(\.time).max() else { return (.fail, "no snapshot yet") }
        var problems: [String] = []
        if now.timeIntervalSince(newest) > maxAgeHours * 3600 { problems.append("the newest snapshot is \(hours(newest)) h old") }
        let byPath = Dictionary(dumps.map { ("\($0.module)/\($0.file)", $0) }, uniquingKeysWith: { $1 })
        for path in expectedDumps {
            guard let dump = byPath[path] else {
                problems.append("no dump \(path)")
                continue
            }
            if now.timeIntervalSince(dump.time) > maxAgeHours * 3600 { problems.append("\(path) is \(hours(dump.time)) h old") }
        }
        let limit = "limit \(CheckRunner.seconds(maxAgeHours)) h"
        return problems.isEmpty
            ? (.ok, "newest snapshot \(hours(newest)) h old, \(expectedDumps.count) dumps fresh (\(limit))")
            : (.fail, problems.joined(separator: "; ") + " (\(limit))")
    }

    /// Two sections, dumps then snapshots, one line each.
    public var table: String {
        let stamp = { (date: Date) in ISO8601DateFormatter().string(from: date) }
        var lines = ["dumps"]
        lines += dumps.isEmpty ? ["  (none)"] : dumps.map { "  \($0.module)/\($0.file)  \(stamp($0.time))  \([BackupStep].size($0.sizeBytes))" }
        lines += ["", "snapshots"]
        lines +=
            snapshots.isEmpty
            ? ["  (none)"]
            : snapshots.map { snapshot in
                let tags = snapshot.tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
                return "  \(snapshot.id)  \(stamp(snapshot.time))  \(snapshot.source)  \(snapshot.sizeBytes.map([BackupStep].size) ?? "-")  \(tags)"
            }
        return lines.joined(separator: "\n")
    }
}
