import Foundation
import Testing

/// Day-2 operations on one stack deployed over the test bed's SSH: `.env` files made on the server,
/// a value kept in a real `pass` store written there at deploy, and notifications of every event
/// to an HTTPS webhook, an ntfy topic and two real SMTP servers on loopback. No seeded secret
/// appears in any output, notification or file Berth wrote.
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct DayTwoEndToEndTests {
    static let marker = "S3cretMarker-\(UUID().uuidString.prefix(8))"
    static let relayPassword = "relay\"Pass\\word-\(UUID().uuidString.prefix(6))"

    final class Context {
        let server = Scratch.directory("srv-daytwo")
        let project = Scratch.directory("proj-daytwo")
        var services: String { server + "/services" }
        var outputs: [String] = []
        let sinks: NotifySinks
        let pass: PassStore

        init() throws {
            sinks = try NotifySinks(password: DayTwoEndToEndTests.relayPassword)
            pass = try PassStore()
            try pass.insert("tangram/smtp", DayTwoEndToEndTests.marker)
            try pass.insert("tangram/relay", DayTwoEndToEndTests.relayPassword)
            try config().write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        }

        func config() -> String {
            let ca = sinks.certificate
            let mail = "from: berth@example.org, to: [admin@example.org], username: \(NotifySinks.user), password: { command: \"pass show tangram/relay\" }, ca_file: \"\(ca)\""
            return AppProject.header(name: "berthday2", project: server) + """
                services:
                  restic: { repository: "\(server)/restic-repo" }
                apps:
                  shop:
                    image: berth-testbed/app
                    tag: v1
                    port: 3000
                    health: { path: /health }
                    secrets: { APP_SMTP_PASSWORD: required, APP_TOKEN: { length: 32, alphabet: alphanumeric } }
                secrets:
                  shop.APP_SMTP_PASSWORD: { command: "pass show tangram/smtp" }
                notify:
                  - { url: "https://127.0.0.1:\(sinks.https)/hook", ca_file: "\(ca)" }
                  - { url: "ntfy://127.0.0.1:\(sinks.https)/tangram", ca_file: "\(ca)", on: [deploy, rollback] }
                  - { url: "smtp://127.0.0.1:\(sinks.starttls)", on: [deploy, rollback], \(mail) }
                  - { url: "smtps://127.0.0.1:\(sinks.smtps)", on: [backup], \(mail) }
                environments:
                  testbed:
                    target: "ssh://root@127.0.0.1:\(Testbed.sshPort)\(server)/services"
                    registry_mirror: "\(Testbed.registry)"
                    certificates: internal
                    healthcheck_interval: 2s
                    ssh: { known_hosts: "\(Testbed.knownHosts)", identity_file: "\(Testbed.sshKey)" }

                """
        }

        /// Runs berth in the project with the pass store's environment, keeping what it printed.
        @discardableResult
        func berth(_ arguments: [String], input: String? = nil) throws -> Run {
            let run: Run
            if let input {
                let script = "value=$1; shift; printf '%s' \"$value\" | \"$@\""
                run = try Run.program("/bin/sh", ["-c", script, "sh", input, Run.berthPath] + arguments, in: project, environment: pass.environment)
            } else {
                run = try Run.program(Run.berthPath, arguments, in: project, environment: pass.environment)
            }
            outputs.append(run.output)
            return run
        }

        func tearDown() {
            _ = try? Run.shell("cd \(services) && docker compose down -v --remove-orphans --timeout 2")
            _ = try? Run.shell("docker ps -aq --filter label=com.docker.compose.project=berthday2 | xargs -r docker rm -f")
            sinks.stop()
            pass.stop()
        }
    }

    @Test func secretsStayOnTheServerAndEveryEventIsNotified() throws {
        let context = try Context()
        defer { context.tearDown() }
        try envFilesAreMadeOnTheServer(context)
        try aPassValueIsWrittenAtDeployAndTheDeployIsNotified(context)
        try aFailedDeployIsNotifiedWithItsRollback(context)
        try theServersBackupScriptNotifiesWithoutBerth(context)
        try aCheckThatChangesStateUnderWatchIsNotified(context)
        try theMarkerIsNowhere(context)
    }
}
