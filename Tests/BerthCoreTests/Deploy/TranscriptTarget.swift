@testable import BerthCore
import Foundation
import ServicePlugin

/// A two-service module for the transcript tests: no routes, no env, checks that need no network.
struct Board: ServicePlugin {
    static let id = "board"
    static let summary = "transcript test module"
    static let app = ImageSpec(name: "app", repository: "example/board", defaultTag: "1.0")
    static let images = [app]
    init(options: OptionValues) {}

    func compose(in context: RenderContext) -> ComposeFragment {
        ComposeFragment(services: [
            ComposeService(name: "board", image: context.image(Self.app)),
            ComposeService(name: "board-db", image: context.image(Self.app), command: ["db"]),
        ])
    }

    func healthChecks(in context: RenderContext) -> [HealthCheck] {
        [
            HealthCheck("app-container", .container(service: "board")),
            HealthCheck("db-ready", .command(service: "board-db", argv: ["db-ready"], expectExit: 0)),
        ]
    }
}

/// A scripted target for the transcript tests: answers each of Berth's commands from a little state,
/// the way the real scripts would, and records nothing itself (the ``RecordingRunner`` does).
final class TranscriptTarget: @unchecked Sendable {
    private let lock = NSLock()
    var live: ReleaseRecord?
    var releases: [ReleaseRecord] = []
    var lockOwner: LockInfo?
    /// Health of each service after an `up` that follows a sync (the new release); after a restore, all healthy.
    var newHealth: [String: String] = [:]
    var upOutput = " Container t-board-1  Recreated\n"
    /// The `#image=` lines of the no-op probe: what each reference names on the server.
    var probeImages = ""
    /// `container=` lines preflight lists: every container on the engine.
    var containers = ""
    private var restored = false

    static let root = "/srv/board"
    static let stamp = DeployStamp(
        releaseID: "20261201T100000Z-0001", time: "2026-12-01T10:00:00Z", owner: "ci@builder", pid: 4242,
        workspace: NSTemporaryDirectory() + "berth-transcript-workspace"
    )

    static func stack() throws -> Stack {
        let registry = PluginRegistry(PluginRegistry.standard.plugins + [Board.self])
        return try FakeStacks.build("  board: {}", registry: registry, target: "file:\(root)")
    }

    func answer(_ command: ShellCommand) -> CommandResult {
        lock.withLock {
            let line = command.arguments.joined(separator: " ")
            if line.contains("echo ACQUIRED") {
                if let owner = lockOwner { return CommandResult(status: 0, stdout: String(decoding: ReleaseCommands.jsonLine(owner), as: UTF8.self) + "HELD\n") }
                return CommandResult(status: 0, stdout: "ACQUIRED\n" + (live.map { String(decoding: ReleaseCommands.jsonLine($0), as: UTF8.self) } ?? ""))
            }
            let preflight = "docker=28.2.2\ncompose=2.26.1\nrsync=/usr/bin/rsync\nflock=/usr/bin/flock\n" + containers
            let probe = probeImages + SimulatedTarget.inspect(services: ["board", "board-db"], health: newHealth)
            if line.contains("echo '#probe'") {
                let record = live.map { "#record=" + String(decoding: ReleaseCommands.jsonLine($0), as: UTF8.self) } ?? ""
                return CommandResult(status: 0, stdout: preflight + "#probe\n" + (lockOwner == nil ? "" : "#locked\n") + record + probe)
            }
            if line.contains("compose version --short") { return CommandResult(status: 0, stdout: preflight) }
            if line.contains("-newer .berth/current") { return CommandResult(status: 0, stdout: probe) }
            if line.contains("#userns=") {
                return CommandResult(status: 0, stdout: SimulatedTarget.inspect(services: ["board", "board-db"], health: restored ? [:] : newHealth))
            }
            if line.contains("/.berth/current\" 2>/dev/null || true") { return CommandResult(status: 0, stdout: (live?.release.id ?? "") + "\n") }
            if line.contains("for d in */") {
                return CommandResult(status: 0, stdout: releases.map { String(decoding: ReleaseCommands.jsonLine($0), as: UTF8.self) }.joined())
            }
            if line.contains("record.json\" berth") || line.hasSuffix("record.json\"") || command.arguments.dropLast().last == #"cat "$1/.berth/releases/$2/record.json""# {
                let id = command.arguments.last ?? ""
                guard let record = releases.first(where: { $0.release.id == id }) else { return CommandResult(status: 1) }
                return CommandResult(status: 0, stdout: String(decoding: ReleaseCommands.jsonLine(record), as: UTF8.self))
            }
            if line.contains("--exclude=/.berth/ \"$r/\" \"$1/\"") { restored = true }
            if command.arguments.starts(with: ["docker", "compose", "up"]) { return CommandResult(status: 0, stderr: upOutput) }
            if command.arguments.starts(with: ["docker", "image", "inspect"]) { return CommandResult(status: 0, stdout: "[\"example/board@sha256:feed\"]\n") }
            return CommandResult(status: 0)
        }
    }

    /// A recorded release of the Board stack as it renders now.
    static func record(_ id: String, stack: Stack) -> ReleaseRecord {
        let tree = TreeRenderer.render(stack)
        let release = Release(id: id, time: "2026-11-30T10:00:00Z", environment: "production", commit: nil, checksum: tree.checksum, images: [], deployedBy: "ci@builder")
        return ReleaseRecord(release: release, summary: StackSummary(stack: stack, tree: tree))
    }
}
