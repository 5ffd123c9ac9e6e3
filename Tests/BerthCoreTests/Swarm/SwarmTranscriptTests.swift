@testable import BerthCore
import Foundation
import PluginTesting
import ServicePlugin
import Testing

/// A Swarm deploy and rollback as the commands they run, compared whole with goldens, as compose's are
/// (``DeployTranscriptTests``): the manager is scripted by ``SwarmTarget``.
@Suite struct SwarmTranscriptTests {
    /// The transcripts' fixed stamp, with a workspace of its own for each test (tests run side by side).
    static func stamp(_ name: String) -> DeployStamp {
        DeployStamp(
            releaseID: "20261201T100000Z-0001", time: "2026-12-01T10:00:00Z", owner: "ci@builder", pid: 4242,
            workspace: NSTemporaryDirectory() + "berth-swarm-transcript-\(name)"
        )
    }

    func deploy(_ target: SwarmTarget, name: String) async throws -> (Result<DeployReport, any Error>, String) {
        let runner = RecordingRunner(responder: target.answer)
        let options = DeployOptions(timeout: 5, commit: "abc123", stamp: Self.stamp(name))
        let result: Result<DeployReport, any Error>
        do { result = .success(try await Deployer(stack: target.stack, runner: runner, options: options).deploy()) } catch { result = .failure(error) }
        return (result, Transcript.text(runner.commands))
    }

    @Test func firstDeploy() async throws {
        let (result, transcript) = try await deploy(try SwarmTarget(), name: "first")
        let report = try result.get()
        #expect(report.steps.map(\.name) == ["preflight", "render", "lock", "sync", "prepare", "update", "health", "record"])
        assertSnapshot(transcript, named: "swarm-first-deploy.txt")
    }

    @Test func aServiceSwarmRollsBackFailsTheGateAndThePreviousStackIsDeployedAgain() async throws {
        let target = try SwarmTarget()
        let previous = TranscriptTarget.record("20261130T100000Z-0000", stack: target.stack)
        target.live = previous
        target.releases = [previous]
        target.refused = "shop"
        let (result, transcript) = try await deploy(target, name: "refused")
        guard case .failure(let failure as DeployFailure) = result else {
            Issue.record("the deploy should fail")
            return
        }
        #expect(failure.report.failedStep == "health" && failure.report.rolledBack)
        #expect(failure.report.error?.contains("Swarm stopped the update of shop (rollback_completed)") == true)
        assertSnapshot(transcript, named: "swarm-failed-gate-rollback.txt")
    }

    @Test func rollbackToThePreviousRelease() async throws {
        let target = try SwarmTarget()
        let older = TranscriptTarget.record("20261129T100000Z-0000", stack: target.stack)
        let newer = TranscriptTarget.record("20261130T100000Z-0000", stack: target.stack)
        target.releases = [older, newer]
        target.live = newer
        let runner = RecordingRunner(responder: target.answer)
        let result = try await Rollbacker(stack: target.stack, runner: runner, stamp: Self.stamp("rollback")).rollback(to: nil, timeout: 5, lockWait: 0)
        #expect(result.release == older.release.id && result.from == newer.release.id)
        assertSnapshot(Transcript.text(runner.commands), named: "swarm-rollback.txt")
    }
}

/// A scripted Swarm manager: a healthy cluster, whose one `refused` service Swarm rolls back after the
/// first `deploy.sh`; releases and the lock answer as ``TranscriptTarget``'s do.
final class SwarmTarget: @unchecked Sendable {
    private let lock = NSLock()
    let stack: Stack
    var live: ReleaseRecord?
    var releases: [ReleaseRecord] = []
    /// A service whose update Swarm rolls back after the first `deploy.sh`.
    var refused: String?
    private var deploys = 0

    init() throws {
        stack = try SwarmFixture.stack()
    }

    func answer(_ command: ShellCommand) -> CommandResult {
        lock.withLock {
            let line = command.arguments.joined(separator: " ")
            let simulated = SimulatedTarget(stack: stack, live: live)
            if line.contains("exec ./deploy.sh") {
                deploys += 1
                return CommandResult(status: 0, stdout: "1000\n")
            }
            if line.contains("label=com.docker.stack.namespace") && line.contains("service$t") {
                var answer = simulated.swarmAnswer.replacingOccurrences(of: "now\t0", with: "now\t1005")
                if let refused, deploys == 1 { answer += "update\tshop_\(refused)\trollback_completed\t1003\n" }
                return CommandResult(status: 0, stdout: answer)
            }
            if line.contains("ContainerSpec.Image") {
                return CommandResult(status: 0, stdout: "ghcr.io/shop/web:v1@sha256:feed\n")
            }
            if line.contains("/.berth/current\" 2>/dev/null || true") { return CommandResult(status: 0, stdout: (live?.release.id ?? "") + "\n") }
            if line.contains("for d in */") {
                return CommandResult(status: 0, stdout: releases.map { String(decoding: ReleaseCommands.jsonLine($0), as: UTF8.self) }.joined())
            }
            if line.contains("record.json"), let record = releases.first(where: { line.hasSuffix(" " + $0.release.id) || line.hasSuffix(" " + $0.release.id + "'") }) {
                return CommandResult(status: 0, stdout: String(decoding: ReleaseCommands.jsonLine(record), as: UTF8.self))
            }
            return simulated.answer(command)
        }
    }
}
