import Foundation
import Testing

/// Healthchecks' `start_interval` where the engine has it. `scripts/testbed-engine26 up` runs Debian trixie's
/// dockerd 26 beside the test bed's 20.10: a deploy to it renders `start_interval: 2s`, and the engine checks
/// each fresh container within seconds, not one 10 s `interval` after it started. Compose refuses the key on
/// the 20.10 engine, which is why Berth renders for the engine preflight finds.
@Suite(.serialized, .tags(.testbed, .engine26), .needsEngine26) struct StartIntervalTests {
    let server = Scratch.directory("srv-interval")
    let project = Scratch.directory("proj-interval")
    var services: String { server + "/services" }
    static let engine26: String = {
        let text = (try? String(contentsOfFile: "/var/lib/berth-testbed/engine26.env", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").first { $0.hasPrefix("BERTH_TESTBED_ENGINE26_HOST=") }.map { String($0.dropFirst("BERTH_TESTBED_ENGINE26_HOST=".count)) } ?? ""
    }()

    var config: String {
        AppProject.header(name: "berthinterval", project: server) + """
            services:
              restic: { repository: "\(server)/restic-repo" }
            apps:
              web: { image: berth-testbed/app, tag: v1, port: 3000, health: { path: /health }, database: postgres }
            environments:
              testbed:
                target: "file:\(services)"
                registry_mirror: "\(Testbed.registry)"
                certificates: internal

            """
    }

    /// `berth` with `DOCKER_HOST` set: a `file:` target's commands reach that engine.
    func berth(_ arguments: [String], host: String) throws -> Run {
        var environment = ProcessInfo.processInfo.environment
        environment["DOCKER_HOST"] = host
        return try Run.program(Run.berthPath, arguments, in: project, environment: environment)
    }

    func inspect(_ host: String, _ format: String, _ container: String) throws -> String {
        try Run.shell("docker -H \(host) inspect --format '\(format)' \(container)").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func anEngineWithStartIntervalChecksFreshContainersWithinSeconds() throws {
        let host = Self.engine26
        try #require(!host.isEmpty, "run scripts/testbed-engine26 up")
        defer {
            _ = try? Run.shell("cd \(services) && DOCKER_HOST=\(host) docker compose down -v --remove-orphans --timeout 2")
            _ = try? Run.shell("DOCKER_HOST=\(host) docker ps -aq --filter label=com.docker.compose.project=berthinterval | xargs -r docker -H \(host) rm -f")
        }
        try config.write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        #expect(try Run.berth(["env", "init", "--env", "testbed"], in: project).status == 0)

        let deploy = try berth(["deploy", "testbed", "--timeout", "90"], host: host)
        #expect(deploy.status == 0, "\(deploy.output)")
        let compose = try String(contentsOfFile: services + "/web/docker-compose.yaml", encoding: .utf8)
        #expect(compose.contains("interval: \"5s\"") && compose.contains("start_interval: \"2s\""), "\(compose)")

        // Each container with a healthcheck (the app's database, 5 s; the app, whose health path Docker fetches, 10 s) had
        // its first probe within 4 s of its start, before its interval.
        let ids = try Run.shell("docker -H \(host) ps -q --filter label=com.docker.compose.project=berthinterval --filter health=healthy").stdout.split(separator: "\n").map(String.init)
        #expect(ids.count == 2, "containers: \(ids)")
        for id in ids {
            let name = try inspect(host, "{{.Name}} {{.Config.Healthcheck.Interval}} {{.Config.Healthcheck.StartInterval}}", id)
            let started = try inspect(host, "{{.State.StartedAt}}", id)
            let first = try inspect(host, "{{json (index .State.Health.Log 0).Start}}", id).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            let firstProbe = try #require(Self.seconds(first))
            let start = try #require(Self.seconds(started))
            let gap = firstProbe - start
            #expect(gap >= 0 && gap < 4, "\(name): first health probe \(gap) s after start")
            #expect(name.hasSuffix(name.contains("postgres") ? " 5s 2s" : " 10s 2s"), "\(name)")
        }

        // The same stack's tree, rendered for the 20.10 engine, has no start_interval; rendered for 26, the 20.10 engine refuses it.
        let old = try Run.berth(["render", "--env", "testbed", "--out", project + "/old", "--docker-version", "20.10.24+dfsg1"], in: project)
        let oldCompose = try String(contentsOfFile: project + "/old/web/docker-compose.yaml", encoding: .utf8)
        #expect(old.status == 0 && oldCompose.contains("interval: \"5s\"") && !oldCompose.contains("start_interval"), "\(old.output)")
        #expect(try Run.berth(["render", "--env", "testbed", "--docker-version", "latest"], in: project).status == 2)
        let refused = try Run.shell("cd \(services) && docker compose -p berthinterval-old create --no-recreate 2>&1; docker compose -p berthinterval-old down -v >/dev/null 2>&1")
        #expect(refused.stdout.contains("start_interval") && refused.stdout.contains("v25"), "\(refused.output)")
    }

    /// Docker's RFC 3339 time with nanoseconds (`2026-12-02T00:04:48.123456789Z`, or a zone offset) in seconds.
    static func seconds(_ text: String) -> Double? {
        let parts = text.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let whole = ISO8601DateFormatter().date(from: String(parts[0]) + "Z") else { return nil }
        let fraction = Double("0." + parts[1].prefix { $0.isNumber }) ?? 0
        return whole.timeIntervalSince1970 + fraction
    }
}
