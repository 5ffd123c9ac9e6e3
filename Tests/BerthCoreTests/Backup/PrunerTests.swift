@testable import BerthCore
import Foundation
import ServicePlugin
import Testing

/// `berth backup prune`: where each repository's prune runs and with which login. (Against the real append-only REST
/// server and S3: HostTests/Backup/OffsiteBackupEndToEndTests.)
@Suite struct PrunerTests {
    func stack(_ restic: String, top: String = "") throws -> Stack {
        let text =
            top
            + Fixtures.withServices("  traefik: {}\n  restic: \(restic)\n")
            .replacingOccurrences(of: "ssh://deploy@tangram-orchestre.fr/opt/services", with: "ssh://root@10.0.0.2/srv/services")
        return try StackBuilder().build(try ConfigLoader().parse(text, file: "/tmp/berth-tests/berth.yaml"), environment: "production")
    }

    static func secret(_ key: String, _ value: String) -> ResolvedSecret {
        ResolvedSecret(secret: SecretCommand(module: "restic", key: key, command: "pass show \(key)", path: "secrets.restic.\(key)", location: "berth.yaml:9"), value: value)
    }

    @Test func offSiteRepositoriesArePrunedHereWithTheAdminsLoginAndAFolderOnTheServer() async throws {
        let stack = try stack(
            #"{ repository: "s3:http://10.0.0.9:9000/bucket/tangram", copy_prune_repository: "rest:http://10.0.0.9:9101/tangram/" }"#,
            top: "backup_copy_to: \"rest:http://10.0.0.9:9100/tangram/\"\nbackup_keep: { daily: 3, weekly: 2, monthly: 1 }\n")
        #expect(stack.adminKeys == ["restic.PRUNE_AWS_ACCESS_KEY_ID", "restic.PRUNE_AWS_SECRET_ACCESS_KEY", "restic.COPY_PRUNE_RESTIC_REST_USERNAME", "restic.COPY_PRUNE_RESTIC_REST_PASSWORD"])
        let runner = RecordingRunner()
        let secrets = [
            Self.secret("RESTIC_PASSWORD", "pw-0123456789"), Self.secret("PRUNE_AWS_ACCESS_KEY_ID", "ADMIN1"), Self.secret("PRUNE_AWS_SECRET_ACCESS_KEY", "admin-secret"),
            Self.secret("COPY_PRUNE_RESTIC_REST_USERNAME", "admin"), Self.secret("COPY_PRUNE_RESTIC_REST_PASSWORD", "rest-secret"),
        ]
        let steps = try await Pruner(backup: BackupRunner(stack: stack, runner: runner), secrets: secrets).run()
        #expect(steps.map { "\($0.kind.rawValue) \($0.name) \($0.ok)" } == ["prune s3:http://10.0.0.9:9000/bucket/tangram true", "prune rest:http://10.0.0.9:9101/tangram/ true"])
        #expect(runner.commands.count == 2)
        for command in runner.commands {
            // On this machine (no ssh), restic with backup_keep:'s counts; the logins on standard input only.
            #expect(command.arguments.first == "/bin/sh" && !command.arguments.contains("ssh"))
            #expect(Array(command.arguments.suffix(9)) == ["restic", "forget", "--prune", "--keep-daily", "3", "--keep-weekly", "2", "--keep-monthly", "1"])
            for secret in ["pw-0123456789", "admin-secret", "rest-secret"] { #expect(!command.display.contains(secret)) }
        }
        let input = runner.commands.map { String(decoding: $0.input ?? [], as: UTF8.self) }
        #expect(input[0].contains("AWS_ACCESS_KEY_ID=ADMIN1\n") && input[0].contains("RESTIC_REPOSITORY=s3:http://10.0.0.9:9000/bucket/tangram\n"))
        #expect(input[1].contains("RESTIC_REST_USERNAME=admin\n") && input[1].contains("RESTIC_REPOSITORY=rest:http://10.0.0.9:9101/tangram/\n"))
        // The deploy writes none of the admin's keys into the server's .env.
        let all = secrets.map(\.secret) + [SecretCommand(module: "restic", key: "AWS_ACCESS_KEY_ID", command: "x", path: "", location: "")]
        #expect(stack.serverSecrets(all).map(\.key) == ["RESTIC_PASSWORD", "AWS_ACCESS_KEY_ID"])
    }

    @Test func aMissingAdminKeyIsAUsageErrorBeforeAnythingRunsAndAFolderIsPrunedOnTheServer() async throws {
        let offsite = try stack(#"{ repository: "s3:http://10.0.0.9:9000/bucket/tangram" }"#)
        let runner = RecordingRunner()
        await #expect(throws: BerthError.self) {
            try await Pruner(backup: BackupRunner(stack: offsite, runner: runner), secrets: [Self.secret("RESTIC_PASSWORD", "pw")]).run()
        }
        #expect(runner.commands.isEmpty)

        let folder = try stack("{}")
        let steps = try await Pruner(backup: BackupRunner(stack: folder, runner: runner), secrets: []).run()
        #expect(steps.map(\.name) == ["/opt/restic-repo"] && steps.allSatisfy(\.ok))
        // In the engine's container on the server, with its own access: the default backup_keep:.
        let command = try #require(runner.commands.first)
        #expect(command.arguments.contains("root@10.0.0.2") && command.arguments.joined(separator: " ").contains("restic forget --prune --keep-daily 7 --keep-weekly 4 --keep-monthly 6"))
    }
}
