@testable import BerthCore
import ServicePlugin
import Testing

/// `apps:` read from berth.yaml: every key, and every problem with its path and line.
@Suite struct AppConfigTests {
    @Test func readsEveryKey() throws {
        let apps = try Fixtures.config(AppsFixture.config()).apps
        #expect(apps.map(\.name) == ["website", "backend"])
        let website = apps[0]
        #expect(website.image == "ghcr.io/tangram-orchestre/showcase-website" && website.tag == "production" && website.port == 3000)
        #expect(
            website.env == [EnvironmentEntry("NUXT_PUBLIC_API_BASE_URL", .text("https://www.tangram-orchestre.fr/api")), EnvironmentEntry("PRICE", .text("$5"))])
        #expect(website.routes == [AppRoute(hosts: ["www"], paths: [], stripPrefix: nil, priority: 0, redirectFrom: [], protected: false, identityHeaders: [])])
        #expect(website.health == .http(path: "/") && website.user == nil && !website.database)
        let backend = apps[1]
        #expect(backend.command == ["backend", "--listen", "0.0.0.0:3000"])
        #expect(
            backend.secrets == [
                AppSecret(name: "APP_ALTCHA_SECRET", generator: SecretGenerator(length: 64, alphabet: .hex)), AppSecret(name: "APP_SMTP_PASSWORD", generator: nil),
            ])
        #expect(
            backend.routes[1]
                == AppRoute(
                    hosts: ["api", "portal.tangram-orchestre.fr"], paths: ["/api"], stripPrefix: "/api", priority: 2, redirectFrom: [], protected: true,
                    identityHeaders: [IdentityHeader(.username, as: "X-App-User"), IdentityHeader(.email, as: "X-App-Email")]))
        #expect(backend.volumes == [AppVolume(name: "uploads", path: "/data/uploads", scratch: false), AppVolume(name: "cache", path: "/cache", scratch: true)])
        #expect(backend.database && backend.health == .command(["backend", "healthcheck"]) && backend.user == "2000:2000")
        #expect(backend.memory == "512m" && backend.cpus == 0.5 && backend.dependsOn == ["website"])
    }

    @Test func reportsEveryProblemWithItsPathAndLine() {
        let bad = """
            apps:
              Web:
                image: x
              planka:
                image: x
                tag: "1"
              site:
                image: "ghcr.io/Org/Site:latest"
                tag: "a b"
                port: 70000
                hosts: [www, "bad host"]
                env: { "1X": a, OK: [1] }
                secrets: { S: maybe, T: { length: 8, alphabet: base64 } }
                routes: [{ paths: [/x] }, { hosts: [w], identity_headers: { phone: X-Phone } }]
                volumes: { data: relative/path }
                database: mysql
                health: {}
                resources: { memory: lots, cpus: 0 }
                colour: blue
            """
        #expect {
            try Fixtures.config(AppsFixture.config(bad))
        } throws: { error in
            let lines = (error as? DiagnosticsError)?.diagnostics.map(\.description) ?? []
            let expected = [
                "berth.yaml:11: apps.Web: app name must be a DNS label",
                "berth.yaml:13: apps.planka: is the name of a module; give the app another name",
                "berth.yaml:16: apps.site.image: must be an image repository such as ghcr.io/org/app, without a tag, got 'ghcr.io/Org/Site:latest'",
                "berth.yaml:17: apps.site.tag: must be an image tag",
                "berth.yaml:18: apps.site.port: must be from 1 to 65535, got 70000",
                "berth.yaml:19: apps.site.hosts: host 'bad host': must be a DNS label",
                "berth.yaml:20: apps.site.env.1X: must be a variable name",
                "berth.yaml:20: apps.site.env.OK: must be a string; secrets go under secrets:",
                "berth.yaml:21: apps.site.secrets.S: must be required (the admin sets it) or { length, alphabet }",
                "berth.yaml:21: apps.site.secrets.T.length: must be from 16 to 256, got 8",
                "berth.yaml:21: apps.site.secrets.T.alphabet: must be alphanumeric, hex or url-safe",
                "berth.yaml:22: apps.site.routes[0].hosts: is required: at least one host",
                "berth.yaml:22: apps.site.routes[1].identity_headers.phone: unknown claim",
                "berth.yaml:23: apps.site.volumes.data: container path must be an absolute path",
                "berth.yaml:24: apps.site.database: must be postgres",
                "berth.yaml:25: apps.site.health: must have path or command",
                "berth.yaml:26: apps.site.resources.memory: must be a size such as 512m or 2g",
                "berth.yaml:26: apps.site.resources.cpus: must be a number of CPUs from 0.01 to 64",
                "berth.yaml:27: apps.site.colour: unknown key",
            ]
            let missing = expected.filter { want in !lines.contains { $0.contains(want) } }
            return missing.isEmpty && lines.count == expected.count
        }
    }

    @Test func stripPrefixIsTrueForTheOnePathOrThePrefixToStrip() throws {
        let routes = """
            apps:
              api:
                image: ghcr.io/org/api
                tag: "1"
                port: 80
                routes:
                  - { hosts: [www], paths: [/api/public], strip_prefix: /api }
                  - { hosts: [api], paths: [/v1], strip_prefix: true }
                  - { hosts: [old], paths: [/v0], strip_prefix: false }
            """
        #expect(try Fixtures.config(AppsFixture.config(routes)).apps[0].routes.map(\.stripPrefix) == ["/api", "/v1", nil])
        let ambiguous = routes.replacingOccurrences(of: "paths: [/v1], strip_prefix: true", with: "paths: [/v1, /v2], strip_prefix: true")
        #expect {
            try Fixtures.config(AppsFixture.config(ambiguous))
        } throws: { error in
            (error as? DiagnosticsError)?.diagnostics.map(\.description).contains {
                $0.hasSuffix("apps.api.routes[1].strip_prefix: true needs exactly one path; name the prefix to strip instead, e.g. /api")
            } == true
        }
    }
}
