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
        /// A command that changes the stack (one a killed or cut-off deploy left behind) still runs on the target.
        case busy
    }

    var commands: LockCommands { LockCommands(remote: remote) }

    /// Tries once to take the lock (creating the deploy folder), and reads the live release's record.
    public func tryAcquire(_ info: LockInfo) async throws -> Outcome {
        LockCommands.parseAcquire(try await runner.check(commands.acquire(info), timeout: Double(LockCommands.busyWait + 60), what: "taking the deploy lock on \(remote.name)").stdout)
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
            case .busy:
                if Date() >= deadline {
                    throw BerthError.failed(
                        "a command that changes the stack still runs on \(remote.name) after \(LockCommands.busyWait) s (it holds \(remote.busyFile)), left by a deploy that was killed or cut off; wait for it, or find it with `fuser -v \(remote.busyFile)` there"
                    )
                }
            }
        }
    }

    public func status() async throws -> LockInfo?? {
        LockCommands.parseStatus(try await runner.check(commands.status(), what: "reading the deploy lock").stdout)
    }

    /// Removes the lock whoever holds it (`berth lock release`); returns who held it, as ``status()`` would.
    ///
    /// A holder that died on this machine may have left commands running (an `ssh` whose `compose up` goes on): the
    /// lock goes only once they end, waiting up to `wait` seconds, so that no deploy starts beside them. A holder
    /// still running on this machine keeps it.
    public func forceRelease(wait: Double = 300, progress: any ProgressReporter = SilentProgress()) async throws -> LockInfo?? {
        let holder = try await status()
        if case .some(.some(let info)) = holder, Self.isOnThisMachine(info) {
            guard Self.isOwnerGone(info) else {
                throw BerthError.failed("the deploy lock of \(remote.name):\(remote.root) is held \(Self.describe(info)), which still runs on this machine; stop it first (kill \(info.pid))")
            }
            try await Self.waitForSurvivors(of: info, wait: wait, progress: progress)
        }
        try await release()
        return holder
    }

    /// Waits until no command the dead holder started runs any more, or fails naming them.
    static func waitForSurvivors(of info: LockInfo, wait: Double, progress: any ProgressReporter) async throws {
        var left = ChildMark.survivors(of: info.pid)
        guard !left.isEmpty else { return }
        progress.note("lock release", "waiting up to \(Int(wait)) s for what pid \(info.pid) left running to end: \(left.map(\.description).joined(separator: ", "))")
        let deadline = Date().addingTimeInterval(wait)
        while !left.isEmpty {
            guard Date() < deadline else {
                throw BerthError.failed(
                    "commands the dead deploy (pid \(info.pid)) started still run after \(Int(wait)) s: \(left.map(\.description).joined(separator: ", ")); the lock stays. Wait, or stop them (kill PID), then run `berth lock release` again"
                )
            }
            try await Task.sleep(nanoseconds: 500_000_000)
            left = ChildMark.survivors(of: info.pid)
        }
    }

    public func release() async throws {
        try await runner.check(commands.release(), timeout: Double(LockCommands.busyWait + 60), what: "releasing the deploy lock")
    }

    /// `owner (pid …) since TIME, N s ago: message`, and, when the owner ran on this machine and its process is
    /// gone, that the lock is stale, or which commands it started still run.
    public static func describe(_ info: LockInfo?) -> String {
        guard let info else { return "by an unknown owner (no owner file)" }
        let age = ISO8601DateFormatter().date(from: info.time).map { Int(Date().timeIntervalSince($0)) }
        let text = "by \(info.owner) (pid \(info.pid)) since \(info.time)" + (age.map { ", \($0) s ago" } ?? "") + (info.message.isEmpty ? "" : ": \(info.message)")
        guard isOwnerGone(info) else { return text }
        let left = ChildMark.survivors(of: info.pid)
        guard left.isEmpty else {
            let list = left.map(\.description).joined(separator: ", ")
            return text + "; that process is gone from this machine, but commands it started still run (\(list)), so the lock is not stale yet"
        }
        return text + "; that process is gone from this machine, so the lock is stale"
    }

    /// Whether the holder ran on this machine, its process is gone, and no command it started still runs.
    public static func isStale(_ info: LockInfo) -> Bool {
        isOwnerGone(info) && ChildMark.survivors(of: info.pid).isEmpty
    }

    /// Whether the holder ran on this machine (its owner's host is this host) and no process has its pid now.
    public static func isOwnerGone(_ info: LockInfo) -> Bool {
        isOnThisMachine(info) && ChildMark.isGone(info.pid)
    }

    static func isOnThisMachine(_ info: LockInfo) -> Bool {
        info.owner.split(separator: "@").last.map(String.init) == ProcessInfo.processInfo.hostName
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
