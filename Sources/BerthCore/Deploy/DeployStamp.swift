import Foundation

/// What makes one deploy distinct: its release id, time, owner and scratch folder.
///
/// Taken once per deploy, so the lock, the record and a failure record agree; tests and
/// `--dry-run` transcripts pass a fixed one.
public struct DeployStamp: Sendable, Equatable {
    /// Sortable by time, unique enough for one target: `20261126T191500Z-3f9a`.
    public var releaseID: String
    /// ISO 8601, UTC.
    public var time: String
    /// `user@host`.
    public var owner: String
    public var pid: Int32
    /// The local folder the tree is rendered into before it is synced.
    public var workspace: String

    public init(releaseID: String, time: String, owner: String, pid: Int32, workspace: String) {
        self.releaseID = releaseID
        self.time = time
        self.owner = owner
        self.pid = pid
        self.workspace = workspace
    }

    /// A stamp for a deploy starting now, by this user on this machine.
    public static func now() -> DeployStamp {
        let date = Date()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let id = formatter.string(from: date) + "-" + String(format: "%04x", UInt16.random(in: 0...UInt16.max))
        let environment = ProcessInfo.processInfo.environment
        let user = environment["USER"] ?? environment["LOGNAME"] ?? "uid\(getuid())"
        return DeployStamp(
            releaseID: id, time: ISO8601DateFormatter().string(from: date), owner: "\(user)@\(ProcessInfo.processInfo.hostName)",
            pid: getpid(), workspace: workspace(pid: getpid())
        )
    }

    /// The lock's owner record, with a note for whoever finds the lock held.
    public func lockInfo(_ message: String) -> LockInfo {
        LockInfo(owner: owner, pid: pid, time: time, message: message)
    }
}
