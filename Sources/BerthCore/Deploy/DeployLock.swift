import Foundation
import ServicePlugin

/// One deploy at a time per environment: an atomic `mkdir` of `.berth/lock` on the target.
public struct DeployLock: Sendable {
    public let remote: Remote
    public let runner: any CommandRunner

    public init(remote: Remote, runner: any CommandRunner) {
        self.remote = remote
        self.runner = runner
    }

    public enum Outcome: Sendable, Equatable {
        /// Taken; with the release that was live at that moment, read in the same round trip.
        case acquired(current: ReleaseRecord?)
        case held(LockInfo?)
    }

    var commands: LockCommands { LockCommands(remote: remote) }

    /// Tries once to take the lock (creating the deploy folder), and reads the live release's record.
    public func tryAcquire(_ info: LockInfo) async throws -> Outcome {
        LockCommands.parseAcquire(try await runner.check(commands.acquire(info), what: "taking the deploy lock on \(remote.name)").stdout)
    }

    /// Takes the lock, waiting up to `wait` seconds for the holder to let go; returns the live release's record.
    @discardableResult
    public func acquire(_ info: LockInfo, wait: Double) async throws -> ReleaseRecord? {
        let deadline = Date().addingTimeInterval(wait)
        while true {
            switch try await tryAcquire(info) {
            case .acquired(let current): return current
            case .held(let holder):
                if Date() >= deadline {
                    throw BerthError.failed(
                        "the deploy lock of \(remote.name):\(remote.root) is held: \(Self.describe(holder)); wait with --lock-wait SECONDS, or remove a stale lock with `berth lock release`")
                }
                try await Task.sleep(nanoseconds: 500_000_000)
            }
        }
    }

    public func status() async throws -> LockInfo?? {
        LockCommands.parseStatus(try await runner.check(commands.status(), what: "reading the deploy lock").stdout)
    }

    /// Removes the lock whoever holds it (`berth lock release`); returns who held it, as ``status()`` would.
    public func forceRelease() async throws -> LockInfo?? {
        let holder = try await status()
        try await release()
        return holder
    }

    public func release() async throws {
        try await runner.check(commands.release(), what: "releasing the deploy lock")
    }

    /// `owner (pid …) since TIME, N s ago: message`, and, when the owner ran on this machine and its process is
    /// gone, that the lock is stale.
    public static func describe(_ info: LockInfo?) -> String {
        guard let info else { return "by an unknown owner (no owner file)" }
        let age = ISO8601DateFormatter().date(from: info.time).map { Int(Date().timeIntervalSince($0)) }
        let text = "by \(info.owner) (pid \(info.pid)) since \(info.time)" + (age.map { ", \($0) s ago" } ?? "") + (info.message.isEmpty ? "" : ": \(info.message)")
        return isStale(info) ? text + "; that process is gone from this machine, so the lock is stale" : text
    }

    /// Whether the holder ran on this machine (its owner's host is this host) and no process has its pid now.
    public static func isStale(_ info: LockInfo) -> Bool {
        guard let host = info.owner.split(separator: "@").last, host == ProcessInfo.processInfo.hostName, info.pid > 0 else { return false }
        return kill(info.pid, 0) != 0 && errno == ESRCH
    }
}

extension DeployLock {
    /// Runs `body` holding the deploy lock, so a deploy cannot restart a database under a backup or a restore; lets go even when `body` fails.
    ///
    /// `body` gets the live release's record, read with the lock in the same round trip.
    public func holding<T: Sendable>(_ what: String, wait: Double, _ body: (ReleaseRecord?) async throws -> T) async throws -> T {
        let live = try await acquire(DeployStamp.now().lockInfo(what), wait: wait)
        do {
            let value = try await body(live)
            try await release()
            return value
        } catch {
            try? await release()
            throw error
        }
    }
}
