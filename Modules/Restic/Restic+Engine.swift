import Foundation
import ServicePlugin

extension Restic {
    public func backupTool(in context: RenderContext) -> any BackupTool {
        var engine = ResticEngine(context: context.stack)
        engine.repository = repository
        engine.pruneRepository = options[Self.pruneRepository].flatMap { try? BackupRepository.parse($0, allowed: Self.schemes).get() } ?? repository
        engine.copyPruneRepository = options[Self.copyPruneRepository].flatMap { try? BackupRepository.parse($0, allowed: Self.schemes).get() } ?? context.stack.backupCopyTo
        return engine
    }
}

/// restic's CLI, run in the `restic` container against `RESTIC_REPOSITORY`.
public struct ResticEngine: BackupTool {
    public let service = "restic"
    let context: StackContext
    /// The repository, and where the admin's prune reaches it and the second one (`prune_repository`, `copy_prune_repository`).
    var repository: BackupRepository = .folder(Restic.mounts.repository)
    var pruneRepository: BackupRepository?
    var copyPruneRepository: BackupRepository?

    public init(context: StackContext) { self.context = context }

    /// Host folders and where the container sees them.
    public var sourceFolders: [SourceFolder] {
        [
            SourceFolder(host: context.dataRoot, container: Restic.mounts.dataRoot), SourceFolder(host: context.servicesDir, container: Restic.mounts.services),
            SourceFolder(host: context.dumpsDir, container: Restic.mounts.dumps),
        ]
    }

    /// `restic backup` after a look at the repository: restic retries a store it cannot reach for 15 minutes, so one
    /// that does not answer `cat config` within 30 s fails the snapshot then, saying so, and nothing is uploaded.
    public func snapshotCommand(tags: [String: String], exclude: [String]) -> [String] {
        Self.reachable + ["restic", "backup", "--json", "--quiet"] + tags.sorted { $0.key < $1.key }.map { "--tag=\($0.key):\($0.value)" }
            + exclude.compactMap(inside).map { "--exclude=\($0)" } + sourceFolders.map(\.container)
    }

    /// Where the container sees host path `path`; nil when no source holds it.
    func inside(_ path: String) -> String? {
        guard let source = sourceFolders.first(where: { HostPath.isUnder(path, $0.host) }) else { return nil }
        return source.container + path.dropFirst(source.host.count)
    }

    /// Runs the command after it (`"$@"`) once the repository answers within 30 s; restic's own refusal (a wrong
    /// password, exit 12) passes through as it is.
    static let reachable = [
        "/bin/sh", "-c",
        // restic ends on timeout's TERM with a code of its own: the time taken tells a store that did not answer.
        "t=$(date +%s); said=$(timeout 30 restic cat config 2>&1 >/dev/null); s=$?; "
            + "[ $s -eq 0 ] || [ $(($(date +%s) - t)) -lt 29 ] || { echo 'restic: the repository did not answer within 30 s; nothing was uploaded' >&2; exit 1; }; "
            + "[ $s -eq 0 ] || { printf '%s\\n' \"$said\" >&2; exit $s; }; exec \"$@\"",
        "reachable",
    ]

    /// Bounded as the snapshot is: the freshness check must fail on an unreachable store, not wait 15 minutes.
    public var listCommand: [String] { Self.reachable + ["restic", "snapshots", "--json"] }

    public var verifyCommand: [String]? { ["restic", "check"] }

    public var restoreFolder: String? { context.scratchPath(Restic.id, "restore") }

    /// `restic restore ID:PATH --target /restore/<host path>`: the folder's content, at the same path under the restore folder.
    public func restoreCommand(snapshot: EngineSnapshot, listing: [EngineSnapshot], path: String) -> [String]? {
        guard let inside = inside(path) else { return nil }
        return ["restic", "restore", "\(snapshot.id):\(inside)", "--target", Restic.mounts.restore + path]
    }

    /// The `total_bytes_processed` of the summary line `restic backup --json` ends with.
    public func snapshotSize(from output: String) -> Int64? {
        struct Line: Decodable {
            var message_type: String?
            var total_bytes_processed: Int64?
        }
        return output.split(separator: "\n").reversed().lazy
            .compactMap { try? JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
            .first { $0.message_type == "summary" }?.total_bytes_processed
    }

    /// Reads `restic snapshots --json`: `id`, `time`, `paths`, `tags` (`key:value`) and, since 0.17, `summary`.
    public func snapshots(from output: String) throws -> [EngineSnapshot] {
        struct Snapshot: Decodable {
            struct Summary: Decodable { var total_bytes_processed: Int64? }
            var id: String
            var time: String
            var paths: [String]
            var tags: [String]?
            var summary: Summary?
        }
        let decoded = try JSONDecoder().decode([Snapshot].self, from: Data(output.utf8))
        return try decoded.map { snapshot in
            guard let time = EngineSnapshot.time(snapshot.time) else { throw EngineOutputError(engine: "restic", text: "snapshot \(snapshot.id): bad time '\(snapshot.time)'") }
            let tags = Dictionary(
                (snapshot.tags ?? []).map { tag in
                    let parts = tag.split(separator: ":", maxSplits: 1).map(String.init)
                    return (parts[0], parts.count > 1 ? parts[1] : "")
                }, uniquingKeysWith: { $1 })
            return EngineSnapshot(
                id: snapshot.id, source: snapshot.paths.sorted().joined(separator: " "), time: time,
                sizeBytes: snapshot.summary?.total_bytes_processed, tags: tags)
        }.sorted { $0.time < $1.time }
    }
}
