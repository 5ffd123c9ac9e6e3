@testable import BerthCore
import Foundation
import ServicePlugin
import Testing

/// `berth recover`'s commands, in order, with answers recorded instead of a server: what runs, what is refused before
/// anything is written, and where a second run resumes. (The real recovery, on the test bed: HostTests/Backup/RecoverEndToEndTests.)
@Suite struct RecovererTests {
    static let password = "pw-0123456789"

    func stack() throws -> Stack {
        try FakeStacks.build(
            """
              traefik: {}
              restic: { repository: "s3:http://10.0.0.9:9000/bucket/tangram" }
              planka: { sso: false }
            """, target: "ssh://root@10.0.0.2/srv/services")
    }

    static func secret(_ key: String, _ value: String) -> ResolvedSecret {
        ResolvedSecret(secret: SecretCommand(module: "restic", key: key, command: "pass show \(key)", path: "secrets.restic.\(key)", location: "berth.yaml:9"), value: value)
    }

    static let secrets = [secret("RESTIC_PASSWORD", password), secret("AWS_ACCESS_KEY_ID", "AKIA1"), secret("AWS_SECRET_ACCESS_KEY", "s3-secret-key")]

    static let snapshots = #"[{"id":"4f2a9c","time":"2026-12-05T03:00:00Z","paths":["/data/db-backups","/data/docker-volumes","/data/services"],"tags":["release:r7"]}]"#

    static func record(_ stack: Stack) -> String {
        let release = Release(
            id: "r7", time: "2026-12-04T10:00:00Z", environment: "production", commit: "abc", checksum: "c0ffee",
            images: [.init(reference: "planka:2.0", digest: "planka@sha256:aa")], deployedBy: "admin@laptop")
        let summary = StackSummary(services: [:], files: [:])
        return String(decoding: ReleaseCommands.jsonLine(ReleaseRecord(release: release, summary: summary)), as: UTF8.self)
    }

    /// Answers as a server would: `survey` and `failing` pick the survey's lines and which command fails.
    func runner(_ stack: Stack, survey: String = "containers 0\n", failing: String? = nil, failure: CommandResult = CommandResult(status: 1)) -> RecordingRunner {
        let record = Self.record(stack)
        return RecordingRunner { command in
            let text = command.arguments.joined(separator: " ")
            if let failing, text.contains(failing) { return failure }
            if text.contains("label=com.docker.compose.project") { return CommandResult(status: 0, stdout: survey) }
            if text.contains("restic snapshots") { return CommandResult(status: 0, stdout: Self.snapshots) }
            if text.contains("restic dump") { return CommandResult(status: 0, stdout: record) }
            return CommandResult(status: 0)
        }
    }

    /// The last words of each command that ran: what it did, without the ssh and script around it.
    static func steps(_ runner: RecordingRunner) -> [String] {
        runner.commands.map { command in
            let text = command.arguments.joined(separator: " ")
            for (needle, name) in [
                ("label=com.docker.compose.project", "survey"), (".recover-lock", "lock"), ("docker pull -q restic/", "pull engine"),
                ("restic snapshots", "list"), ("restic dump", "read record"), ("mkdir -p \"$f.recovering\"", "prepare"),
                ("restic restore", "restore"), ("rm -rf \"$f.recovering\"", "discard"), ("recover.json.new\" && mv", "swap in"),
                ("docker tag", "pull images"), ("chown \"$2\"", "make folders"), ("pg_restore", "restore dump"),
                ("rm -sf planka-postgres", "remove databases"), (#"do rm -rf "$f"; done"#, "remove folders"), ("cat > \"$1.new\"", "save state"), ("record.json", "save release"),
                ("rm -f \"$1\"", "clear state"),
            ] where text.contains(needle) {
                return name
            }
            return text
        }
    }

    @Test func aFailedDumpRestoreRemovesTheDatabasesItStartedAndKeepsTheStepsBefore() async throws {
        let stack = try stack()
        let runner = runner(stack, failing: "pg_restore", failure: CommandResult(status: 23, stderr: "pg_restore: error: could not execute query\n"))
        var report = RecoveryReport(environment: "production", target: "root@10.0.0.2")
        await #expect(throws: BerthError.failed("planka/planka: pg_restore failed: pg_restore: error: could not execute query")) {
            try await Recoverer(stack: stack, runner: runner, secrets: Self.secrets).run(snapshot: nil, report: &report)
        }
        #expect(
            Self.steps(runner) == [
                "survey", "lock", "pull engine", "list", "read record", "prepare", "restore", "swap in", "pull images", "save state",
                "make folders", "restore dump", "remove databases", "remove folders", "lock",
            ])
        let removed = try #require(runner.commands.first { $0.arguments.joined(separator: " ").contains(#"do rm -rf "$f"; done"#) })
        #expect(removed.arguments.last?.hasSuffix(" /opt/docker-volumes/planka/db") == true, "\(removed.display)")
        #expect(report.steps.map(\.ok) == [true, true, true, false] && report.snapshot == "4f2a9c" && report.recoveredRelease == "r7")
        // The repository's password and keys reach the target on standard input only.
        for command in runner.commands { #expect(!command.display.contains(Self.password) && !command.display.contains("s3-secret-key")) }
        let restore = try #require(runner.commands.first { $0.arguments.joined(separator: " ").contains("restic restore") })
        #expect(String(decoding: restore.input ?? [], as: UTF8.self).contains("RESTIC_PASSWORD=\(Self.password)\n"))
        #expect(restore.arguments.joined(separator: " ").contains("/srv/services.recovering:/data/services"))
        // The release's image by its digest, tagged as the compose file names it.
        let pull = try #require(runner.commands.first { $0.arguments.joined(separator: " ").contains("docker tag") })
        #expect(pull.arguments.last?.hasSuffix(" berth planka@sha256:aa planka:2.0") == true)
    }

    @Test func aSecondRunResumesAfterTheLastStepDone() async throws {
        let stack = try stack()
        let state = #"{"done":6,"release":"r7","snapshot":"4f2a9c"}"#
        let runner = runner(stack, survey: "state \(state)\ncontainers 5\nbusy /srv/services\n")
        var report = RecoveryReport(environment: "production", target: "root@10.0.0.2")
        try await Recoverer(stack: stack, runner: runner, secrets: Self.secrets).run(snapshot: nil, report: &report)
        #expect(Self.steps(runner) == ["survey", "lock", "pull engine", "list", "read record", "save release", "clear state", "lock"])
        #expect(report.resumedAfter == 6 && report.ok && report.steps.map(\.name) == ["1/7 read the snapshot", "7/7 record the release"])
        let saved = try #require(runner.commands.first { $0.arguments.joined(separator: " ").contains(#"cat > "$r/record.json""#) })
        let record = try JSONDecoder().decode(ReleaseRecord.self, from: Data(saved.input ?? []))
        #expect(record.release.recoveredFrom == RecoveredFrom(snapshot: "4f2a9c", release: "r7") && record.release.id != "r7" && record.release.checksum == "c0ffee")
    }

    @Test func badInputIsRefusedBeforeAnythingIsWritten() async throws {
        let stack = try stack()
        func refusal(_ runner: RecordingRunner, secrets: [ResolvedSecret] = Self.secrets, snapshot: String? = nil) async -> String {
            var report = RecoveryReport(environment: "production", target: "root@10.0.0.2")
            do {
                try await Recoverer(stack: stack, runner: runner, secrets: secrets).run(snapshot: snapshot, report: &report)
                return "no refusal"
            } catch let error as BerthError {
                return "\(error.exitCode) \(error)"
            } catch {
                return "\(error)"
            }
        }
        let busy = runner(stack, survey: "containers 3\nbusy /srv/services\n")
        #expect(await refusal(busy).hasPrefix("2 refusing to recover onto root@10.0.0.2: it already holds the stack (3 containers of project tangram; /srv/services is not empty)"))
        #expect(Self.steps(busy) == ["survey"])

        let none = runner(stack)
        #expect(await refusal(none, secrets: [Self.secret("RESTIC_PASSWORD", Self.password)]).contains("add restic.AWS_ACCESS_KEY_ID: { command: \"…\" }, restic.AWS_SECRET_ACCESS_KEY"))
        #expect(none.commands.isEmpty)

        let wrong = runner(stack, failing: "restic snapshots", failure: CommandResult(status: 12, stderr: "Fatal: wrong password or no key found\n"))
        #expect(await refusal(wrong) == "2 the repository password from secrets: does not open the repository (Fatal: wrong password or no key found); nothing was written to the target")
        let unknown = runner(stack)
        #expect(await refusal(unknown, snapshot: "deadbeef") == "2 no snapshot deadbeef in the repository (it holds 1); nothing was written to the target")
        for runner in [wrong, unknown] { #expect(Self.steps(runner).allSatisfy { ["survey", "lock", "pull engine", "list"].contains($0) }) }
    }

    /// `--to` moves the environment to another server and keeps the deploy folder, which the snapshot's files name.
    @Test func toAnotherServerKeepsTheDeployFolder() throws {
        let config = try stack().config
        let moved = try config.recovering("production", onto: "ssh://admin@10.0.0.7:2200")
        #expect(moved.environments[0].target == .ssh(user: "admin", host: "10.0.0.7", port: 2200, path: "/srv/services"))
        #expect(try config.recovering("production", onto: "ssh://10.0.0.7/srv/services").environments[0].target == .ssh(user: nil, host: "10.0.0.7", port: nil, path: "/srv/services"))
        for bad in ["ssh://10.0.0.7/elsewhere", "file:/srv", "ssh://-oProxyCommand=x"] {
            #expect(throws: BerthError.self) { try config.recovering("production", onto: bad) }
        }
    }
}
