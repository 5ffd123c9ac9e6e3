@testable import BerthCore
import Foundation
import PluginTesting
import ServicePlugin
import Testing

/// The deploy pipeline as the commands it runs: each test drives ``Deployer`` or ``Rollbacker`` over a
/// ``RecordingRunner`` answered by a scripted target, and compares the whole transcript (exact argv,
/// scripts included) with a golden file in `__Snapshots__`.
@Suite(.serialized) struct DeployTranscriptTests {
    func deploy(_ target: TranscriptTarget, timeout: Double = 5) async throws -> (Result<DeployReport, any Error>, String) {
        let runner = RecordingRunner(responder: target.answer)
        let options = DeployOptions(timeout: timeout, commit: "abc123", stamp: TranscriptTarget.stamp)
        let deployer = Deployer(stack: try TranscriptTarget.stack(), runner: runner, options: options)
        let result: Result<DeployReport, any Error>
        do { result = .success(try await deployer.deploy()) } catch { result = .failure(error) }
        return (result, Transcript.text(runner.commands))
    }

    @Test func firstDeploy() async throws {
        let (result, transcript) = try await deploy(TranscriptTarget())
        #expect(try result.get().release == TranscriptTarget.stamp.releaseID)
        // A first deploy runs the modules' own checks (facts, the command check, facts again) before recording.
        assertSnapshot(transcript, named: "first-deploy.txt")
    }

    @Test func noOpDeploy() async throws {
        let target = TranscriptTarget()
        target.live = TranscriptTarget.record("20261130T100000Z-0000", stack: try TranscriptTarget.stack())
        target.upOutput = " Container t-board-1  Running\n Container t-board-db-1  Running\n"
        let (result, transcript) = try await deploy(target)
        let report = try result.get()
        #expect(report.plan?.hasChanges == false)
        // Nothing pulled a new image and nothing was recreated: no prune, and no module checks after the gate.
        assertSnapshot(transcript, named: "no-op-deploy.txt")
    }

    /// A target whose live release runs what the Board stack renders now, on the image digest it recorded.
    static func unchangedTarget() throws -> TranscriptTarget {
        let target = TranscriptTarget()
        var live = TranscriptTarget.record("20261130T100000Z-0000", stack: try TranscriptTarget.stack())
        live.release.images = [Release.Image(reference: "example/board:1.0", digest: "example/board@sha256:feed")]
        target.live = live
        target.probeImages = "#image=example/board:1.0 sha256:simulated [\"example/board@sha256:feed\"]\n"
        return target
    }

    @Test func anUnchangedDeployIsSkipped() async throws {
        let target = try Self.unchangedTarget()
        let (result, transcript) = try await deploy(target)
        let report = try result.get()
        #expect(report.unchanged && report.release == "20261130T100000Z-0000")
        // One round trip (preflight and the probe), no lock: no sync, no pull, no up, no record.
        assertSnapshot(transcript, named: "unchanged-deploy.txt")

        // A --force deploy of the same runs every step.
        let forced = try Self.unchangedTarget()
        var options = DeployOptions(stamp: TranscriptTarget.stamp)
        options.force = true
        let recorder = RecordingRunner(responder: forced.answer)
        let report2 = try await Deployer(stack: try TranscriptTarget.stack(), runner: recorder, options: options).deploy()
        #expect(!report2.unchanged && recorder.commands.contains { $0.arguments.starts(with: ["rsync"]) })
    }

    @Test func secretsMoveTheProbeUnderTheLock() async throws {
        let target = try Self.unchangedTarget()
        var options = DeployOptions(stamp: TranscriptTarget.stamp)
        let secret = SecretCommand(module: NotifyScript.folder, key: "SMTP_PASSWORD", command: "true", path: "notify", location: "berth.yaml:1")
        options.secrets = [ResolvedSecret(secret: secret, value: "s3cret")]
        let recorder = RecordingRunner { command in
            command.arguments.contains("SMTP_PASSWORD") ? CommandResult(status: 0, stdout: "unchanged\n") : target.answer(command)
        }
        let report = try await Deployer(stack: try TranscriptTarget.stack(), runner: recorder, options: options).deploy()
        #expect(report.unchanged && report.release == "20261130T100000Z-0000")
        // A secret's write may change a `.env`: preflight reads no probe; the probe runs under the lock, after the write.
        let lines = recorder.commands.map { $0.arguments.joined(separator: " ") }
        #expect(!lines[0].contains("#probe") && lines[0].contains("compose version"))
        #expect(lines[1].contains("echo ACQUIRED"))
        #expect(lines[2].contains("SMTP_PASSWORD"))
        #expect(lines[3].contains("-newer .berth/current") && lines[4].contains("rm -rf") && lines.count == 5)
    }

    @Test func failedHealthGateRollsBack() async throws {
        let target = TranscriptTarget()
        let previous = TranscriptTarget.record("20261130T100000Z-0000", stack: try TranscriptTarget.stack())
        target.live = previous
        target.releases = [previous]
        target.newHealth = ["board": "unhealthy"]
        let (result, transcript) = try await deploy(target)
        guard case .failure(let error as DeployFailure) = result else {
            Issue.record("the deploy should fail")
            return
        }
        #expect(error.report.failedStep == "health")
        #expect(error.report.rolledBack)
        #expect(error.report.steps.map(\.name).suffix(3) == ["rollback: restore", "rollback: update", "rollback: health"])
        assertSnapshot(transcript, named: "failed-gate-rollback.txt")
    }

    @Test func aFailedFirstDeployRemovesWhatItCreatedAndSchedulesNothing() async throws {
        let target = TranscriptTarget()
        target.newHealth = ["board": "unhealthy"]
        let (result, transcript) = try await deploy(target, timeout: 1)
        guard case .failure(let error as DeployFailure) = result else {
            Issue.record("the deploy should fail")
            return
        }
        #expect(error.report.failedStep == "health" && error.report.removedFirstDeploy && error.report.rollbackError == nil)
        #expect(error.report.steps.map(\.name).suffix(2) == ["health", "rollback: remove"])
        #expect(error.description.hasSuffix("removed every container this first deploy created; the server runs what it ran before"))
        // The crontab is left as it was: only a release that passed its gate schedules backups.
        #expect(!transcript.contains("| crontab -"))
        assertSnapshot(transcript, named: "failed-first-deploy.txt")
    }

    /// A running project's container, as preflight's `docker inspect` prints it.
    static func running(_ name: String, service: String) -> String {
        #"container={"name":"/\#(name)","state":"running","labels":{"com.docker.compose.project":"production","com.docker.compose.service":"\#(service)","#
            + #""com.docker.compose.project.working_dir":"/srv/production","com.docker.compose.project.config_files":"/srv/production/docker-compose.yaml"},"ports":{},"mounts":[]}"#
            + "\n"
    }

    @Test func anAdoptingDeployStopsTheProjectAfterItsDumpsAndRemovesItOnceRecorded() async throws {
        let target = TranscriptTarget()
        target.containers = Self.running("production-board-1", service: "board") + Self.running("production-web-1", service: "web")
        let runner = RecordingRunner(responder: target.answer)
        var options = DeployOptions(timeout: 5, commit: "abc123", stamp: TranscriptTarget.stamp)
        options.adopt = "production"
        let report = try await Deployer(stack: try TranscriptTarget.stack(), runner: runner, options: options).deploy()
        #expect(report.ok && report.release == TranscriptTarget.stamp.releaseID)
        #expect(
            report.steps.map(\.name) == [
                "preflight", "render", "lock", "sync", "adopt: stop", "adopt: dump", "adopt: stop databases", "prepare", "update", "health", "adopt: verify", "schedule", "record", "adopt: remove",
            ])
        assertSnapshot(Transcript.text(runner.commands), named: "adopting-deploy.txt")

        // A project that is not there is a usage error before anything changes.
        options.adopt = "nosuchproject"
        let missing = RecordingRunner(responder: target.answer)
        await #expect(throws: (any Error).self) { try await Deployer(stack: try TranscriptTarget.stack(), runner: missing, options: options).deploy() }
        #expect(missing.commands.count == 1)
    }

    @Test func heldLockStopsBeforeAnythingChanges() async throws {
        let target = TranscriptTarget()
        target.lockOwner = LockInfo(owner: "admin@laptop", pid: 77, time: "2026-12-01T09:59:00Z", message: "hotfix")
        let (result, transcript) = try await deploy(target)
        guard case .failure(let error) = result else {
            Issue.record("the deploy should fail")
            return
        }
        #expect(String(describing: error).contains("is held: by admin@laptop (pid 77)"))
        assertSnapshot(transcript, named: "held-lock.txt")
    }

    @Test func rollbackToThePreviousRelease() async throws {
        let stack = try TranscriptTarget.stack()
        let target = TranscriptTarget()
        let older = TranscriptTarget.record("20261129T100000Z-0000", stack: stack)
        let newer = TranscriptTarget.record("20261130T100000Z-0000", stack: stack)
        target.releases = [older, newer]
        target.live = newer
        let runner = RecordingRunner(responder: target.answer)
        let result = try await Rollbacker(stack: stack, runner: runner, stamp: TranscriptTarget.stamp).rollback(to: nil, timeout: 5, lockWait: 0)
        #expect(result.release == older.release.id && result.from == newer.release.id)
        assertSnapshot(Transcript.text(runner.commands), named: "rollback.txt")
    }

    @Test func dryRunPrintsTheDeployWithoutChangingAnything() async throws {
        let target = TranscriptTarget()
        let reader = RecordingRunner(responder: target.answer)
        let (report, commands) = try await DryRun(stack: try TranscriptTarget.stack(), reader: reader, options: DeployOptions(stamp: TranscriptTarget.stamp)).run()
        #expect(report.ok)
        // The reader saw only the preflight and the read of `current`; everything else was recorded, not run.
        #expect(reader.commands.count == 2)
        // `up` holds the busy file (Remote.busyFile) while it runs, as every command that changes the stack does.
        #expect(commands.contains { $0.arguments.first == "flock" && $0.arguments.dropFirst(3).starts(with: ["docker", "compose", "up"]) })
    }
}
