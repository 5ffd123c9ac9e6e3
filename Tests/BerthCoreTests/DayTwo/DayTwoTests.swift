import Foundation
import ServicePlugin
import Testing

@testable import BerthCore

/// The commands `berth logs`, `exec` and `ps` build, compared as exact argv, and how they read names and containers.
@Suite struct DayTwoTests {
    let ssh = Remote(
        target: .ssh(user: "deploy", host: "example.org", port: 2222, path: "/opt/my services"),
        ssh: SSHSettings(knownHosts: "/etc/berth/known_hosts", identityFile: "/etc/berth/id", connectTimeout: 7),
        controlDirectory: nil
    )
    let local = Remote(target: .file(path: "/srv/berth"), ssh: SSHSettings())
    static let sshPrefix = [
        "ssh", "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "ConnectTimeout=7",
        "-o", "ServerAliveInterval=5", "-o", "ServerAliveCountMax=3", "-o", "UserKnownHostsFile=/etc/berth/known_hosts",
        "-i", "/etc/berth/id", "-o", "IdentitiesOnly=yes", "-p", "2222",
    ]

    @Test func logsRunComposeInTheDeployFolder() {
        let all = StackLogs.command(ssh, services: [], options: LogOptions())
        #expect(all.arguments == Self.sshPrefix + ["deploy@example.org", "--", "cd '/opt/my services' && docker compose logs --no-color"])
        #expect(all.input == nil)
        let some = StackLogs.command(ssh, services: ["planka", "planka-db"], options: LogOptions(follow: true, since: "10m", tail: 50))
        #expect(
            some.arguments.last == "cd '/opt/my services' && docker compose logs --no-color --follow --since 10m --tail 50 planka planka-db")
        let here = StackLogs.command(local, services: ["web"], options: LogOptions(tail: 0))
        #expect(here.arguments == ["docker", "compose", "logs", "--no-color", "--tail", "0", "web"])
        #expect(here.workingDirectory == "/srv/berth")
    }

    @Test func sinceTakesDockersForms() {
        for good in ["10m", "1h30m", "1.5h", "90s", "250ms", "2026-05-01", "2026-05-01T10:00:00Z", "2026-05-01T10:00:00.5+02:00", "1714550400"] {
            #expect(LogOptions.isValidSince(good), "\(good)")
        }
        for bad in ["", "10x", "ten minutes", "-10m", "10m; reboot", "2026-5-1", "h", "1714550400000"] {
            #expect(!LogOptions.isValidSince(bad), "\(bad)")
        }
    }

    @Test func execFindsTheContainerByLabelsAndKeepsArgumentsPositional() {
        let piped = ServiceExec.command(ssh, project: "tangram", service: "planka", argv: ["sh", "-c", "echo $HOME; exit 3"], terminal: false)
        let script = try! #require(ServiceExec.command(local, project: "tangram", service: "web", argv: [], terminal: false).arguments.dropFirst(2).first)
        #expect(script.contains(ComposeOrchestrator.findContainer) && script.contains(#"exec docker exec "$flags" "$id" "$@""#))
        #expect(
            piped.arguments == Self.sshPrefix + [
                "deploy@example.org", "--",
                "sh -c " + ShellQuote.quote(script) + " berth planka tangram -i sh -c 'echo $HOME; exit 3'",
            ])
        let interactive = ServiceExec.command(ssh, project: "tangram", service: "planka", argv: ["psql"], terminal: true)
        #expect(interactive.arguments == Self.sshPrefix + ["-t", "deploy@example.org", "--", "sh -c " + ShellQuote.quote(script) + " berth planka tangram -it psql"])
        let here = ServiceExec.command(local, project: "tangram", service: "web", argv: ["ls", "-l"], terminal: true)
        #expect(here.arguments == ["sh", "-c", script, "berth", "web", "tangram", "-it", "ls", "-l"])
    }

    @Test func namesAreModulesOrServicesAndUnknownOnesAreUsageErrors() throws {
        let stack = try Fixtures.stack()
        let planka = try #require(stack.module("planka")).fragment.services.map(\.name)
        #expect(planka.count > 1)
        #expect(try stack.selectServices(["planka"]) == planka)
        #expect(try stack.selectServices([planka[1], "traefik"]) == ["traefik", "traefik-socket", planka[1]])
        #expect(try stack.selectServices([]) == stack.serviceNames)
        #expect(stack.module(ofService: planka[1])?.id == "planka")
        #expect(throws: BerthError.self) { try stack.selectServices(["nextcloud"]) }
        do {
            _ = try stack.selectServices(["planka", "nextcloud"])
        } catch let error as BerthError {
            #expect(error.exitCode == 2)
            #expect(error.description.hasPrefix("unknown module or service 'nextcloud' (modules: traefik, authentik, planka"), "\(error)")
        }
    }

    @Test func unknownServiceForExecIsAUsageErrorAndNothingRuns() async throws {
        let runner = RecordingRunner()
        await #expect(throws: BerthError.self) {
            _ = try await ServiceExec.run(try Fixtures.stack(), service: "planka-nope", argv: ["true"], terminal: false, runner: runner)
        }
        #expect(runner.commands.isEmpty)
    }

    @Test func psLinesUpTheStackWithTheContainers() throws {
        let stack = try Fixtures.stack()
        let now = try #require(StackStatus.date("2026-05-01T12:00:00.000000000Z"))
        var containers: [String: StackFacts.Container] = [:]
        for service in stack.serviceNames {
            containers[service] = StackFacts.Container(
                service: service, id: "id-\(service)", state: "running", health: nil, restartCount: 0, address: nil,
                image: "registry.example/\(service):1@sha256:0123456789abcdef0123", startedAt: "2026-05-01T09:58:30.123456789Z")
        }
        let planka = try #require(stack.module("planka")).fragment.services[0].name
        containers[planka] = nil
        containers["traefik"]?.health = "healthy"
        containers["traefik"]?.state = "restarting"
        containers["old-thing"] = StackFacts.Container(service: "old-thing", id: "x", state: "exited", health: nil, restartCount: 0, address: nil)
        let rows = StackStatus.rows(stack, facts: StackFacts(containers: containers), now: now)
        #expect(rows.map(\.service) == stack.serviceNames + ["old-thing"])
        let byService = Dictionary(uniqueKeysWithValues: rows.map { ($0.service, $0) })
        #expect(byService[planka] == ServiceStatus(service: planka, module: "planka", state: "missing"))
        #expect(byService["traefik"] == ServiceStatus(service: "traefik", module: "traefik", state: "restarting", health: "healthy", image: "registry.example/traefik:1@sha256:0123456789abcdef0123"))
        let authentik = try #require(byService["authentik"] ?? rows.first { $0.module == "authentik" })
        #expect(authentik.uptimeSeconds == 7290 && authentik.startedAt == "2026-05-01T09:58:30.123456789Z")
        #expect(byService["old-thing"]?.module == nil)

        let table = [rows.first { $0.service == "traefik" }!, byService[planka]!, authentik].table
        #expect(
            table
                == TextTable.render(
                    ["SERVICE", "MODULE", "STATE", "HEALTH", "IMAGE", "UPTIME"],
                    [
                        ["traefik", "traefik", "restarting", "healthy", "registry.example/traefik:1@sha256:0123456789ab", "-"],
                        [planka, "planka", "missing", "-", "-", "-"],
                        [authentik.service, "authentik", "running", "-", "registry.example/\(authentik.service):1@sha256:0123456789ab", "2h 1m"],
                    ]))
    }

    @Test func psJSONHasEveryKeyForEveryService() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode([ServiceStatus(service: "web", module: "web", state: "missing")]), as: UTF8.self)
        #expect(text == #"[{"health":null,"image":null,"module":"web","service":"web","startedAt":null,"state":"missing","uptimeSeconds":null}]"#)
    }

    @Test func durationsReadAtAGlance() {
        #expect([0, 45, 65, 3600 * 3 + 720, 86400 * 2 + 3600 * 4 + 5].map(ServiceStatus.duration) == ["0s", "45s", "1m 5s", "3h 12m", "2d 4h"])
    }

    @Test func attachedCommandsPassTheirExitStatusAndNeverReadStandardInputUnlessAsked() async throws {
        let runner = ProcessRunner()
        // A command ended by a signal: 128 + its number, as shells report it.
        let killed = try await runner.attach(ShellCommand(["sh", "-c", "sleep 0.2; kill -TERM $$"]), standardInput: false)
        #expect(killed == 128 + SIGTERM)
        #expect(try await runner.attach(ShellCommand(["sh", "-c", "exit 7"]), standardInput: false) == 7)
        // `read` on /dev/null ends at once with status 1: nothing waits for a terminal.
        #expect(try await runner.attach(ShellCommand(["sh", "-c", "read line"]), standardInput: false) == 1)
        #expect(try await runner.attach(ShellCommand(["sh", "-c", #"[ "$(pwd)" = / ]"#], in: "/"), standardInput: false) == 0)
    }

    @Test func verboseShowsAttachedCommandsMasked() async throws {
        let lines = VerboseRunnerTests.Lines()
        let inner = RecordingRunner { _ in CommandResult(status: 4) }
        let status = try await VerboseRunner(inner, print: lines.append).attach(ShellCommand(["docker", "exec", .sensitive("hunter2")], in: "/srv"), standardInput: true)
        #expect(status == 4)
        #expect(lines.all == ["$ cd /srv && docker exec ***", "  exit 4"])
        #expect(inner.commands.count == 1)
    }
}
