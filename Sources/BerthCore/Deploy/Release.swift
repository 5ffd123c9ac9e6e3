import ServicePlugin
/// One deployed release, as recorded on the target in `.berth/releases/<id>/record.json`.
public struct Release: Codable, Sendable, Equatable {
    public struct Image: Codable, Sendable, Equatable {
        public var reference: String
        /// `repository@sha256:…` as the engine knows it, when it has one.
        public var digest: String?
    }

    public var id: String
    /// ISO 8601, UTC.
    public var time: String
    public var environment: String
    /// The local git commit the config was at, with `-dirty` when it had changes.
    public var commit: String?
    /// ``RenderedTree/checksum`` of what was deployed.
    public var checksum: String
    public var images: [Image]
    public var deployedBy: String
    /// Why the deploy of this release failed; nil for a release that went live. A failed release has no files to roll back to.
    public var failure: String?
    /// What the engine could run when this release was rendered (nil in records from before Berth knew).
    public var engine: DockerFeatures?
    /// The compose project this release took over (`deploy --adopt`): `berth rollback` can bring it back.
    public var adoptedFrom: AdoptedFrom? = nil
    /// How to take back what this release's migration steps did (moved folders, a checkpoint, an upgraded database),
    /// for `berth rollback` past it; nil when it crossed no boundary.
    public var migrations: [MigrationUndo]? = nil
    /// The snapshot `berth recover` rebuilt this release from, on a new server.
    public var recoveredFrom: RecoveredFrom? = nil

    /// True for a deploy that failed (and was rolled back, or left as it was with `--no-rollback`).
    public var failed: Bool { failure != nil }
}

/// The snapshot a recovered release came from, and the release it held.
public struct RecoveredFrom: Codable, Sendable, Equatable {
    public var snapshot: String
    public var release: String
}

/// The compose project a first release took over, and where it can be started again from.
public struct AdoptedFrom: Codable, Sendable, Equatable {
    public var project: String
    /// Its compose folder and files, as its containers' labels named them.
    public var folder: String?
    public var files: [String]
}

/// What `record.json` holds: the release and its summary, for `plan` and `rollback`.
public struct ReleaseRecord: Codable, Sendable, Equatable {
    public var release: Release
    public var summary: StackSummary
    /// The `berth.yaml` it was deployed from (nil in records from before Berth kept it, and for a dry run).
    public var config: String? = nil
}

/// Who holds an environment's deploy lock.
public struct LockInfo: Codable, Sendable, Equatable {
    public var owner: String
    public var pid: Int32
    /// ISO 8601, UTC.
    public var time: String
    public var message: String
}
