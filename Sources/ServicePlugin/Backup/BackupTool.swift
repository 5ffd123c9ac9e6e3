import Foundation

/// A backup engine as commands run inside its container: the module returns them, Berth runs them.
///
/// The engine snapshots three sources, mounted into its container as it chooses: `data_root`,
/// the deployed services folder and the dumps folder. Only ``service``, ``snapshotCommand(tags:exclude:)``,
/// ``listCommand`` and ``snapshots(from:)`` are required.
public protocol BackupTool: Sendable {
    /// The compose service whose container runs the commands.
    var service: String { get }
    /// Snapshots every source, tagged (`release` = the deployed release id), leaving out the host paths in `exclude`
    /// (the modules' exclusions: a database's live folder, which its dump covers and a recovery fills from it).
    func snapshotCommand(tags: [String: String], exclude: [String]) -> [String]
    /// Lists the snapshots in a form ``snapshots(from:)`` reads.
    var listCommand: [String] { get }
    /// Reads the output of ``listCommand``, oldest first.
    func snapshots(from output: String) throws -> [EngineSnapshot]
    /// Checks the repository and its latest snapshots; nil when the engine cannot.
    var verifyCommand: [String]? { get }
    /// The host folder restores land in, mounted read-write into the engine's container; nil when it cannot restore.
    var restoreFolder: String? { get }
    /// Restores what host folder `path` held in `snapshot` (one of `listing`, for engines that snapshot
    /// each source apart) to ``restoreFolder`` + `path`; nil when the engine cannot.
    func restoreCommand(snapshot: EngineSnapshot, listing: [EngineSnapshot], path: String) -> [String]?
    /// The bytes a snapshot covered, read from the output of ``snapshotCommand(tags:exclude:)``; nil when unknown.
    func snapshotSize(from output: String) -> Int64?
    /// Copies the snapshots the second repository (`backup_copy_to:`) lacks into it, in the engine's container;
    /// nil when there is none.
    var copyCommand: [String]? { get }
    /// The host folders a snapshot holds, each with where the engine's container sees it; empty when the engine
    /// cannot restore a whole snapshot (`berth recover`).
    var sourceFolders: [SourceFolder] { get }
    /// Prints one file of `snapshot`, given as the container sees it; nil when the engine cannot.
    func readCommand(snapshot: EngineSnapshot, file: String) -> [String]?
    /// Restores all of `snapshot` onto the ``sourceFolders``' container paths; nil when the engine cannot.
    func recoverCommand(snapshot: EngineSnapshot) -> [String]?
    /// Retention (`berth backup prune`) of each repository, keeping `keep`; empty when the engine cannot prune.
    func pruneRuns(keep: BackupKeep) -> [PruneRun]
    /// Keys of the engine's module that only the admin's machine has (from `secrets:`), for ``pruneRuns(keep:)``:
    /// never written to the server's `.env`.
    var adminKeys: [EnvKey] { get }
}

/// One host folder an engine snapshots, and where its container sees it.
public struct SourceFolder: Sendable, Hashable {
    public var host: String
    public var container: String

    public init(host: String, container: String) {
        self.host = host
        self.container = container
    }
}

extension BackupTool {
    public var verifyCommand: [String]? { nil }
    public var restoreFolder: String? { nil }
    public func restoreCommand(snapshot: EngineSnapshot, listing: [EngineSnapshot], path: String) -> [String]? { nil }
    public func snapshotSize(from output: String) -> Int64? { nil }
    public var copyCommand: [String]? { nil }
    public var sourceFolders: [SourceFolder] { [] }
    public func readCommand(snapshot: EngineSnapshot, file: String) -> [String]? { nil }
    public func recoverCommand(snapshot: EngineSnapshot) -> [String]? { nil }
    public func pruneRuns(keep: BackupKeep) -> [PruneRun] { [] }
    public var adminKeys: [EnvKey] { [] }
}

/// One snapshot as the engine lists it.
public struct EngineSnapshot: Sendable, Hashable, Codable {
    public var id: String
    /// The snapshotted path, inside the engine's container.
    public var source: String
    public var time: Date
    public var sizeBytes: Int64?
    public var tags: [String: String]

    public init(id: String, source: String, time: Date, sizeBytes: Int64? = nil, tags: [String: String] = [:]) {
        self.id = id
        self.source = source
        self.time = time
        self.sizeBytes = sizeBytes
        self.tags = tags
    }
}

extension EngineSnapshot {
    /// RFC 3339 with up to nanoseconds and any offset, as Go programs (Kopia, restic) print it; the fraction is dropped.
    public static func time(_ text: String) -> Date? {
        var text = text
        if let dot = text.firstIndex(of: "."), let end = text[dot...].firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) {
            text.removeSubrange(dot..<end)
        }
        return ISO8601DateFormatter().date(from: text)
    }
}

/// Output of a backup engine's CLI that Berth cannot read.
public struct EngineOutputError: Error, CustomStringConvertible {
    public var engine: String
    public var text: String

    public init(engine: String, text: String) {
        self.engine = engine
        self.text = text
    }

    public var description: String { "\(engine): \(text)" }
}

/// A command a module needs run around a backup, inside one of its containers.
public struct BackupHook: Sendable, Hashable {
    public enum Phase: String, Sendable, Hashable, Codable {
        /// Before the dumps, e.g. to pause writers.
        case before
        /// After the snapshot, whether or not it succeeded, e.g. to resume them.
        case after
    }

    public var name: String
    public var phase: Phase
    public var service: String
    public var argv: [String]

    public init(_ name: String, _ phase: Phase, service: String, argv: [String]) {
        self.name = name
        self.phase = phase
        self.service = service
        self.argv = argv
    }
}
