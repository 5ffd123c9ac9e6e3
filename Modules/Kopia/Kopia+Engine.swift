import Foundation
import ServicePlugin

extension Kopia {
    public func backupTool(in context: RenderContext) -> any BackupTool { KopiaEngine(context: context.stack) }
}

/// Kopia's CLI, run in the `kopia` container against the repository its server is connected to.
public struct KopiaEngine: BackupTool {
    public let service = "kopia"
    /// `data_root`, the deployed services folder and the dumps folder, as ``Kopia`` mounts them.
    public static let sources = ["/data/docker-volumes", "/data/services", "/data/db-backups"]
    let context: StackContext

    public init(context: StackContext) { self.context = context }

    /// Host folders and where the container sees them.
    var mounts: [(host: String, container: String)] {
        Array(zip([context.dataRoot, context.servicesDir, context.dumpsDir], Self.sources))
    }

    public var restoreFolder: String? { context.scratchPath(Kopia.id, "restore") }

    /// `kopia snapshot restore ID/SUBPATH /restore/<host path>`. Kopia snapshots each source apart, so the
    /// snapshot used is the one of `path`'s source taken closest to `snapshot` (the same run, within an hour).
    public func restoreCommand(snapshot: EngineSnapshot, listing: [EngineSnapshot], path: String) -> [String]? {
        guard let mount = mounts.first(where: { HostPath.isUnder(path, $0.host) }) else { return nil }
        let sameSource = listing.filter { $0.source == mount.container && abs($0.time.timeIntervalSince(snapshot.time)) <= 3600 }
        guard let chosen = sameSource.min(by: { abs($0.time.timeIntervalSince(snapshot.time)) < abs($1.time.timeIntervalSince(snapshot.time)) }) else { return nil }
        return ["kopia", "snapshot", "restore", chosen.id + path.dropFirst(mount.host.count), Kopia.restoreMount + path]
    }

    /// Kopia leaves paths out by its policy's ignore rules, not by flags of `snapshot create`: `exclude` is not passed here.
    public func snapshotCommand(tags: [String: String], exclude: [String]) -> [String] {
        ["kopia", "snapshot", "create"] + Self.sources + ["--json"] + tags.sorted { $0.key < $1.key }.map { "--tags=\($0.key):\($0.value)" }
    }

    public var listCommand: [String] { ["kopia", "snapshot", "list", "--all", "--json"] }

    public var verifyCommand: [String]? { ["kopia", "snapshot", "verify"] }

    /// Reads `kopia snapshot list --json`: manifests with `id`, `source.path`, `startTime`, sizes and `tag:`-prefixed tags.
    public func snapshots(from output: String) throws -> [EngineSnapshot] {
        struct Manifest: Decodable {
            struct Source: Decodable { var path: String }
            struct Stats: Decodable { var totalSize: Int64? }
            struct Root: Decodable {
                struct Summary: Decodable { var size: Int64? }
                var summ: Summary?
            }
            var id: String
            var source: Source
            var startTime: String
            var stats: Stats?
            var rootEntry: Root?
            var tags: [String: String]?
        }
        let manifests = try JSONDecoder().decode([Manifest].self, from: Data(output.utf8))
        return try manifests.map { manifest in
            guard let time = EngineSnapshot.time(manifest.startTime) else { throw EngineOutputError(engine: "kopia", text: "snapshot \(manifest.id): bad startTime '\(manifest.startTime)'") }
            let tags = Dictionary((manifest.tags ?? [:]).map { (String($0.key.trimmingPrefix("tag:")), $0.value) }, uniquingKeysWith: { $1 })
            return EngineSnapshot(
                id: manifest.id, source: manifest.source.path, time: time,
                sizeBytes: manifest.rootEntry?.summ?.size ?? manifest.stats?.totalSize, tags: tags
            )
        }.sorted { $0.time < $1.time }
    }
}
