/// How a deploy behaves.
public struct DeployOptions: Sendable {
    /// Seconds the health gate waits.
    public var timeout: Double = 120
    /// Seconds to wait for another deploy's lock.
    public var lockWait: Double = 0
    /// Leave a failed release in place instead of rolling back.
    public var noRollback = false
    /// Stored with the lock, for whoever finds it held.
    public var message = ""
    /// The local git commit the config is at, recorded with the release.
    public var commit: String?
    /// The text of the `berth.yaml` deployed, recorded with the release: what a recovery from a snapshot starts from
    /// when the admin's copy is gone too. It holds no secret (`secrets:` holds commands, never values).
    public var configText: String?
    /// The deploy's id, time, owner and scratch folder; nil takes ``DeployStamp/now()``.
    public var stamp: DeployStamp?
    /// Skip the modules' own checks in the health gate: a dry run has no new containers to probe.
    public var skipModuleChecks = false
    /// Run every step even when the live release already runs what would be deployed.
    public var force = false
    /// Values from `secrets:` commands, written into the server's `.env` files under the lock, before the sync.
    public var secrets: [ResolvedSecret] = []
    /// The running compose project this first deploy takes over (`--adopt NAME`): its containers are stopped for
    /// Berth's on the same folders, and started again if the switch fails.
    public var adopt: String?

    public init(
        timeout: Double = 120, lockWait: Double = 0, noRollback: Bool = false, message: String = "", commit: String? = nil,
        stamp: DeployStamp? = nil, skipModuleChecks: Bool = false
    ) {
        self.timeout = timeout
        self.lockWait = lockWait
        self.noRollback = noRollback
        self.message = message
        self.commit = commit
        self.stamp = stamp
        self.skipModuleChecks = skipModuleChecks
    }
}
