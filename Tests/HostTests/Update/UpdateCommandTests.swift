import BerthCore
import Foundation
import Testing

/// `berth update check` through the binary, against real registries of the tests' own on loopback
/// (Debian's docker-registry; the test bed's engine pushes to them).
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct UpdateCommandTests {
    /// A project whose only module is Watchtower, pulled through `mirror`, deployed to a folder beside it.
    static func project(mirror: String, watchtower: String = "{}", name: String = #function) throws -> String {
        let root = Scratch.directory(name)
        Scratch.removeAtExit(root + "-server")
        try """
        name: berthupdate
        domain: berth.test
        acme_email: admin@berth.test
        data_root: \(root)/server/data
        scratch_root: \(root)/server/scratch
        dumps_dir: \(root)/server/dumps
        backup_schedule: "off"
        services:
          watchtower: \(watchtower)
        environments:
          test: { target: "file:\(root)-server/services", registry_mirror: "\(mirror)", healthcheck_interval: 2s }
        """.write(toFile: root + "/berth.yaml", atomically: true, encoding: .utf8)
        return root
    }

    static let watchtower = "\(Testbed.registry)/nickfedor/watchtower:1.22.1"

    /// Watchtower's Docker socket proxy, HAProxy, in the test's registry too: the stack pulls and checks every image there.
    static func pushSocketProxy(_ registry: TestRegistry, dockerConfig: String? = nil) throws {
        let source = "\(Testbed.registry)/library/haproxy:2.6.12"
        _ = try Run.shell("docker pull -q \(source) >/dev/null")
        try registry.push("library/haproxy", ["2.6.12"], source: source, dockerConfig: dockerConfig)
    }

    static func json(_ run: Run) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.output)")
    }

    static func row(_ report: [String: Any], _ image: String) -> [String: Any]? {
        (report["images"] as? [[String: Any]])?.first { $0["image"] as? String == image }
    }

    static func tag(_ row: [String: Any]?, _ step: String) -> String? {
        (row?[step] as? [String: Any])?["tag"] as? String
    }

    @Test func classificationIsExactAgainstARealRegistry() throws {
        _ = try Run.shell("scripts/testbed up >/dev/null", in: Run.packageRoot)
        let registry = try TestRegistry()
        defer { registry.stop() }
        try registry.push("berthtest/app", ["2026.5.1", "2026.5.2", "2026.8.0", "2027.1.0-rc1"])
        try registry.push("berthtest/db", ["16-alpine", "17-alpine"])
        try registry.push("nickfedor/watchtower", ["1.22.1"], source: Self.watchtower)
        try Self.pushSocketProxy(registry)
        let root = try Self.project(mirror: registry.host)
        let arguments = ["update", "check", "--env", "test", "--image", "\(registry.host)/berthtest/app:2026.5.1", "--image", "\(registry.host)/berthtest/db:16-alpine"]

        let run = try Run.berth(arguments + ["--json"], in: root)
        #expect(run.status == 0, "\(run.output)")
        let report = try Self.json(run)
        let app = Self.row(report, "\(registry.host)/berthtest/app:2026.5.1")
        #expect(Self.tag(app, "patch") == "2026.5.2" && Self.tag(app, "minor") == "2026.8.0" && app?["major"] == nil)
        let db = Self.row(report, "\(registry.host)/berthtest/db:16-alpine")
        #expect(db?["patch"] == nil && db?["minor"] == nil && Self.tag(db, "major") == "17-alpine")
        let watchtower = Self.row(report, "watchtower")
        let missing = try Self.json(try Run.berth(["update", "check", "--env", "test", "--json", "--image", "\(registry.host)/berthtest/db:15-alpine"], in: root))
        #expect(Self.row(missing, "\(registry.host)/berthtest/db:15-alpine")?["notes"] as? [String] == ["the registry has no tag 15-alpine"])
        #expect(watchtower?["queried"] as? String == "\(registry.host)/nickfedor/watchtower" && watchtower?["source"] as? String == "default")
        #expect(watchtower?["patch"] == nil && watchtower?["minor"] == nil && watchtower?["major"] == nil && watchtower?["error"] == nil)

        let table = try Run.berth(arguments + ["--detailed-exitcode"], in: root)
        #expect(table.status == 3, "\(table.output)")
        #expect(table.stdout.contains("MODULE      SERVICE            IMAGE"), "\(table.stdout)")
        #expect(table.stdout.contains(#"watchtower  watchtower         nickfedor/watchtower"#), "\(table.stdout)")
        #expect(table.stdout.contains(#"watchtower  watchtower-socket  library/haproxy                2.6.12"#), "\(table.stdout)")
        #expect(table.stdout.contains("2026.5.1   2026.5.2  2026.8.0  -"), "\(table.stdout)")
        #expect(table.stdout.contains("16-alpine  -         -         17-alpine"), "\(table.stdout)")

        // Usage errors exit 2 before any registry is asked.
        let unknown = try Run.berth(["update", "check", "--env", "test", "plnka"], in: root)
        #expect(unknown.status == 2 && unknown.stderr.contains("unknown module 'plnka' (enabled: watchtower)"), "\(unknown.output)")
        let badImage = try Run.berth(["update", "check", "--env", "test", "--image", "postgres"], in: root)
        #expect(badImage.status == 2 && badImage.stderr.contains("--image postgres: must be REPOSITORY:TAG"), "\(badImage.output)")
    }

    @Test func tokenFlowPaginationAndRetryAfterBehindARegistryFront() throws {
        let registry = try TestRegistry()
        defer { registry.stop() }
        try registry.push("berthtest/app", ["2026.5.1", "2026.5.2", "2026.8.0", "2027.1.0-rc1", "2026.4.0"])
        try registry.push("nickfedor/watchtower", ["1.22.1"], source: Self.watchtower)
        try Self.pushSocketProxy(registry)
        // The front asks for a bearer token, serves two tags a page, and answers the first two requests with 429.
        let front = try RegistryFront(upstream: registry, page: 2, throttle: "2")
        defer { front.stop() }
        let root = try Self.project(mirror: registry.host)
        let run = try Run.berth(["update", "check", "--env", "test", "--image", "\(front.host)/berthtest/app:2026.5.1", "--json"], in: root)
        #expect(run.status == 0, "\(run.output)")
        let app = Self.row(try Self.json(run), "\(front.host)/berthtest/app:2026.5.1")
        #expect(Self.tag(app, "patch") == "2026.5.2" && Self.tag(app, "minor") == "2026.8.0" && app?["major"] == nil)
        #expect(try front.stats() == ["token": 1, "unauthorized": 1, "throttled": 2, "tags": 3, "manifests": 0])

        // A registry that keeps answering 429 is given up after three retries, and said so.
        let limited = try RegistryFront(upstream: registry, page: 2, throttle: "always")
        defer { limited.stop() }
        let started = Date()
        let refused = try Run.berth(["update", "check", "--env", "test", "--image", "\(limited.host)/berthtest/app:2026.5.1"], in: root)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("registry \(limited.host): rate limited (429) after 4 tries; the registry asks to wait 1 s"), "\(refused.output)")
        #expect(Date().timeIntervalSince(started) < 15)
        #expect(try limited.stats()["throttled"] == 4)
    }

    @Test func basicAuthWithTheLoginFromTheDockerConfig() throws {
        let secret = "pw-\(UUID().uuidString.prefix(8))"
        let registry = try TestRegistry(login: ("alice", secret))
        defer { registry.stop() }
        let docker = Scratch.directory("dockerconfig")
        let login = try Run.shell("echo '\(secret)' | DOCKER_CONFIG=\(docker) docker login -u alice --password-stdin \(registry.host)")
        #expect(login.status == 0, "\(login.output)")
        try registry.push("berthtest/app", ["1.4.0", "1.4.2", "1.5.0"], dockerConfig: docker)
        try registry.push("nickfedor/watchtower", ["1.22.1"], source: Self.watchtower, dockerConfig: docker)
        try Self.pushSocketProxy(registry, dockerConfig: docker)
        let root = try Self.project(mirror: registry.host)
        var environment = ProcessInfo.processInfo.environment
        environment["DOCKER_CONFIG"] = docker
        let run = try Run.program(Run.berthPath, ["update", "check", "--env", "test", "--image", "\(registry.host)/berthtest/app:1.4.0", "--json"], in: root, environment: environment)
        #expect(run.status == 0, "\(run.output)")
        let app = Self.row(try Self.json(run), "\(registry.host)/berthtest/app:1.4.0")
        #expect(Self.tag(app, "patch") == "1.4.2" && Self.tag(app, "minor") == "1.5.0")
        #expect(!run.output.contains(secret))

        environment["DOCKER_CONFIG"] = Scratch.directory("nologin")
        let anonymous = try Run.program(Run.berthPath, ["update", "check", "--env", "test"], in: root, environment: environment)
        #expect(anonymous.status == 1)
        #expect(anonymous.stdout.contains("registry \(registry.host): needs a login: run `docker login \(registry.host)`"), "\(anonymous.output)")
    }

    @Test func anUnreachableRegistryIsReportedWhileTheOthersAnswer() throws {
        let registry = try TestRegistry()
        defer { registry.stop() }
        try registry.push("berthtest/app", ["3.1.0", "3.2.0"])
        try registry.push("nickfedor/watchtower", ["1.22.1", "1.22.3"], source: Self.watchtower)
        try Self.pushSocketProxy(registry)
        let closed = try LoopbackPort.free()
        let root = try Self.project(mirror: registry.host)
        let run = try Run.berth(
            [
                "update", "check", "--env", "test", "--json", "--detailed-exitcode",
                "--image", "\(registry.host)/berthtest/app:3.1.0", "--image", "127.0.0.1:\(closed)/berthtest/gone:1.0.0",
            ], in: root)
        #expect(run.status == 1, "\(run.output)")
        let report = try Self.json(run)
        #expect(Self.tag(Self.row(report, "\(registry.host)/berthtest/app:3.1.0"), "minor") == "3.2.0")
        #expect(Self.tag(Self.row(report, "watchtower"), "patch") == "1.22.3")
        #expect(Self.row(report, "127.0.0.1:\(closed)/berthtest/gone:1.0.0")?["error"] as? String == "unreachable (connection refused)")
        let registries = (report["registries"] as? [[String: Any]]) ?? []
        #expect(registries.map { $0["host"] as? String ?? "" } == ["127.0.0.1:\(closed)", registry.host].sorted())
        #expect(registries.first { $0["host"] as? String == registry.host }?["error"] == nil)
        #expect(registries.first { $0["host"] as? String == "127.0.0.1:\(closed)" }?["error"] as? String == "127.0.0.1:\(closed): unreachable (connection refused)")
    }

    @Test func whenNoRegistryAnswersNothingIsCalledUpToDate() throws {
        let closed = try LoopbackPort.free()
        let root = try Self.project(mirror: "127.0.0.1:\(closed)")
        let run = try Run.berth(["update", "check", "--env", "test"], in: root)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stdout.contains("no registry answered (1 failed): nothing was checked"))
        #expect(!run.output.contains("up to date"))
    }

    static let plankaPinned = "version: 1\npins:\n  planka:\n    app: \"1.23.5\"\n"

    /// A project of Traefik and Planka, Planka pinned to 1.23.5 in berth.lock, on `registry`, which holds Planka's
    /// `tags` and the module's other images.
    static func plankaProject(_ registry: TestRegistry, tags: [String], name: String) throws -> String {
        try registry.push("plankanban/planka", tags)
        try registry.push("library/postgres", ["17-alpine"])
        try registry.push("library/traefik", ["v3.7.15"])
        try Self.pushSocketProxy(registry)
        let root = try project(mirror: registry.host, name: name)
        let config = try String(contentsOfFile: root + "/berth.yaml", encoding: .utf8)
            .replacingOccurrences(of: "  watchtower: {}", with: "  traefik: { dashboard: \"\" }\n  planka: { sso: false }")
        try config.write(toFile: root + "/berth.yaml", atomically: true, encoding: .utf8)
        try plankaPinned.write(toFile: root + "/berth.lock", atomically: true, encoding: .utf8)
        return root
    }

    @Test func applyStopsAtMigrationBoundariesAndTheSupportedRange() throws {
        let registry = try TestRegistry()
        defer { registry.stop() }
        let root = try Self.plankaProject(registry, tags: ["1.23.5", "1.24.0", "2.1.0", "3.0.0"], name: "planka")
        let config = try String(contentsOfFile: root + "/berth.yaml", encoding: .utf8)

        let check = try Run.berth(["update", "check", "--env", "test"], in: root)
        #expect(check.stdout.contains("planka   planka           ghcr.io/plankanban/planka  1.23.5     -      1.24.0  3.0.0 ✗  1"), "\(check.stdout)")
        #expect(check.stdout.contains("1. planka/app: 3.0.0 is outside the module's supported range (below 3.0.0): Planka 2.x keeps every file in /app/data"), "\(check.stdout)")
        #expect(check.stdout.contains("Planka 3 is newer than this module"))

        let minor = try Run.berth(["update", "apply", "--env", "test", "--dry-run"], in: root)
        #expect(minor.status == 0, "\(minor.output)")
        #expect(
            minor.stdout.hasPrefix(
                """
                planka/app: 1.23.5 -> 1.24.0 (minor)
                left: planka/app: 3.0.0 is outside the module's supported range; it is never pinned
                dry run: \(root)/berth.lock not written

                plan for test (`berth deploy test` applies it):
                first deploy:
                """), "\(minor.stdout)")

        let json = try Run.berth(["update", "apply", "--env", "test", "--dry-run", "--json", "--level", "major"], in: root)
        let outcome = try Self.json(json)
        let changes = outcome["changes"] as? [[String: Any]] ?? []
        #expect(changes.count == 1 && changes.first?["to"] as? String == "2.1.0" && changes.first?["step"] as? String == "major")
        #expect((changes.first?["notes"] as? [String])?.count == 1 && outcome["lockWritten"] as? Bool == false)
        // Planka, its database, Traefik and Traefik's socket proxy.
        #expect(((outcome["plan"] as? [String: Any])?["services"] as? [[String: Any]])?.count == 4)

        let major = try Run.berth(["update", "apply", "--env", "test", "--level", "major"], in: root)
        #expect(major.status == 0, "\(major.output)")
        #expect(
            major.stdout.hasPrefix(
                """
                planka/app: 1.23.5 -> 2.1.0 (major)
                  migration (planka/app): Planka 2.x keeps every file in /app/data instead of three folders
                """), "\(major.stdout)")
        #expect(major.stdout.contains("left: planka/app: 3.0.0 is outside the module's supported range; it is never pinned\nwrote \(root)/berth.lock\n"))
        let lock = try String(contentsOfFile: root + "/berth.lock", encoding: .utf8)
        #expect(lock.hasSuffix("pins:\n  planka:\n    app: \"2.1.0\"\n    postgres: \"17-alpine\"\n  traefik:\n    socket-proxy: \"2.6.12\"\n    traefik: v3.7.15\n"), "\(lock)")
        // The lock round-trips: a second apply finds nothing to move and leaves the file byte for byte.
        let again = try Run.berth(["update", "apply", "--env", "test", "--level", "major"], in: root)
        #expect(again.stdout.hasPrefix("no version to pin at --level major\n"), "\(again.stdout)")
        #expect(again.stdout.contains("\(root)/berth.lock unchanged"))
        #expect(try String(contentsOfFile: root + "/berth.lock", encoding: .utf8) == lock)

        // A registry that cannot be read writes nothing.
        try config.replacingOccurrences(of: registry.host, with: "127.0.0.1:\(try LoopbackPort.free())").write(toFile: root + "/berth.yaml", atomically: true, encoding: .utf8)
        let broken = try Run.berth(["update", "apply", "--env", "test", "--level", "major"], in: root)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("berth: nothing written: 127.0.0.1:"), "\(broken.output)")
        #expect(try String(contentsOfFile: root + "/berth.lock", encoding: .utf8) == lock)
    }
}
