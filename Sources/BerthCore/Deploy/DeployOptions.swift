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

    public init(timeout: Double = 120, lockWait: Double = 0, noRollback: Bool = false, message: String = "", commit: String? = nil) {
        self.timeout = timeout
        self.lockWait = lockWait
        self.noRollback = noRollback
        self.message = message
        self.commit = commit
    }
}

/// Receives progress of long steps: step name and elapsed seconds.
public protocol ProgressReporter: Sendable {
    func started(_ step: String)
    func finished(_ step: String, seconds: Double, ok: Bool, note: String?)
}

/// Reports nothing.
public struct SilentProgress: ProgressReporter {
    public init() {}
    public func started(_ step: String) {}
    public func finished(_ step: String, seconds: Double, ok: Bool, note: String?) {}
}
