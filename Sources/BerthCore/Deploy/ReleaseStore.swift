import Foundation
import ServicePlugin

/// Berth's records on the target, read and written with ``ReleaseCommands``.
public struct ReleaseStore: Sendable {
    public let remote: Remote
    public let runner: any CommandRunner
    var commands: ReleaseCommands { ReleaseCommands(remote: remote) }

    public init(remote: Remote, runner: any CommandRunner) {
        self.remote = remote
        self.runner = runner
    }

    /// The id of the release that is live, if any.
    public func current() async throws -> String? {
        ReleaseCommands.parseCurrent(try await runner.check(commands.current(), what: "reading the current release on \(remote.name)").stdout)
    }

    public func record(_ id: String) async throws -> ReleaseRecord? {
        let result = try await runner.run(commands.record(id))
        return result.succeeded ? ReleaseCommands.parseRecord(result.stdout) : nil
    }

    /// Every recorded release, oldest first.
    public func list() async throws -> [Release] {
        ReleaseCommands.parseList(try await runner.check(commands.list(), what: "listing releases on \(remote.name)").stdout)
    }

    public func save(_ record: ReleaseRecord, releasingLock: Bool = false) async throws {
        try await runner.check(commands.save(record, releasingLock: releasingLock), what: "recording release \(record.release.id)")
    }

    public func saveFailed(_ record: ReleaseRecord) async throws {
        try await runner.check(commands.saveFailed(record), what: "recording failed release \(record.release.id)")
    }

    public func restore(_ id: String) async throws {
        try await runner.check(commands.restore(id), what: "restoring release \(id)")
    }

    public func markCurrent(_ id: String, releasingLock: Bool = false) async throws {
        try await runner.check(commands.markCurrent(id, releasingLock: releasingLock), what: "marking release \(id) live")
    }
}
