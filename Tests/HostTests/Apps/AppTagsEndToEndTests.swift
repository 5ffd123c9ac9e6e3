import BerthCore
import Foundation
import Testing

/// `--tag` and digests, for real: an app stand-in whose tags answer /version differently, deployed
/// behind the real Caddy; a floating tag re-pushed after a deploy must not change what rollback brings back.
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct AppTagsEndToEndTests {
    /// A repository of its own in the test bed's registry, so re-pushing its floating tag disturbs nobody.
    static let repository = "berth-float/app"

    static func push(_ source: String, as tag: String) throws {
        let target = "\(Testbed.registry)/\(repository):\(tag)"
        let run = try Run.shell(
            "docker pull -q \(Testbed.registry)/berth-testbed/app:\(source) >/dev/null && docker tag \(Testbed.registry)/berth-testbed/app:\(source) \(target) && docker push -q \(target)")
        #expect(run.status == 0, "\(run.output)")
    }

    @Test func tagsDeployExactlyAndRollbackReturnsThePreviousDigest() throws {
        let project = Scratch.directory("apptags")
        var proxy = ThroughProxy(httpsPort: try LoopbackPort.free(), httpPort: try LoopbackPort.free())
        proxy.rootCertificate = project + "/data/caddy/data/caddy/pki/authorities/local/root.crt"
        let tree = project + "/.berth/local"
        defer {
            _ = try? Run.shell("cd \(tree) && docker compose down -v --remove-orphans --timeout 2")
            _ = try? Run.shell("docker rmi \(Testbed.registry)/\(Self.repository):floating \(Testbed.registry)/\(Self.repository):v2 >/dev/null 2>&1")
        }
        try Self.push("v1", as: "floating")
        try Self.push("v2", as: "v2")
        let body = """
            services:
              caddy: { http_port: \(proxy.httpPort), https_port: \(proxy.httpsPort), bind_address: 127.0.0.1 }
            apps:
              web: { image: \(Self.repository), tag: floating, port: 3000, hosts: [web], health: { path: /version } }
            environments:
              local:
                target: "file:.berth/local"
                registry_mirror: "\(Testbed.registry)"
                certificates: internal
                healthcheck_interval: 1s
            """
        try (AppProject.header(name: "berthtags", project: project) + body).write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        let berth = { (arguments: [String]) in try Run.berth(arguments, in: project) }
        let version = { try proxy.get("https://web.example.org/version").body }

        // The floating tag, resolved to v1's digest and pinned in the render.
        let first = try berth(["deploy", "local", "--timeout", "120"])
        #expect(first.status == 0, "\(first.output)")
        #expect(try version() == "v1")
        let compose = try String(contentsOfFile: tree + "/web/docker-compose.yaml", encoding: .utf8)
        let digestA = try #require(compose.range(of: #"sha256:[0-9a-f]{64}"#, options: .regularExpression).map { String(compose[$0]) })
        #expect(compose.contains("image: \"\(Testbed.registry)/\(Self.repository):floating@\(digestA)\""), "\(compose)")

        // CI's tag: plan shows the tag and digest change, deploy runs exactly it.
        let plan = try berth(["plan", "local", "--tag", "web=v2"])
        #expect(plan.status == 0)
        #expect(plan.stdout.contains("image: \(Testbed.registry)/\(Self.repository):floating@\(digestA) -> "), "\(plan.stdout)")
        #expect(plan.stdout.contains(":v2@sha256:"), "\(plan.stdout)")
        let second = try berth(["deploy", "local", "--tag", "web=v2", "--timeout", "120"])
        #expect(second.status == 0, "\(second.output)")
        #expect(try version() == "v2")

        // The floating tag now points elsewhere; rollback still returns to the digest it deployed.
        try Self.push("v2", as: "floating")
        let rollback = try berth(["rollback", "local", "--timeout", "120"])
        #expect(rollback.status == 0, "\(rollback.output)")
        #expect(try version() == "v1")
        let releases = try berth(["releases", "local"])
        #expect(releases.stdout.contains(digestA), "\(releases.stdout)")

        // A tag the registry does not have stops the deploy before anything changed.
        let missing = try berth(["deploy", "local", "--tag", "web=v9"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("apps.web: \(Testbed.registry)/\(Self.repository):v9 does not exist in its registry"), "\(missing.output)")
        #expect(try version() == "v1")
    }
}
