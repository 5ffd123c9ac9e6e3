@testable import BerthCore
import ServicePlugin
import Testing

/// Which apps roll out without downtime, and the exact commands a deploy runs for them.
@Suite struct RolloutTests {
    let stack = try! Fixtures.stack(AppsFixture.config())

    @Test func onlyStatelessAppsWithAHealthCheckRollOutBehindCaddy() throws {
        let rollouts = Rollout.services(stack, timeout: 90)
        // The website keeps no volume; the backend keeps uploads, so it stays stop-first.
        #expect(
            rollouts == [
                Rollout(
                    service: "website", project: "tangram", proxy: "caddy", network: "tangram_berth-live", alias: "berth-live-website",
                    probe: .http(port: 3000, path: "/"), timeout: 90)
            ])
    }

    @Test func traefikSwitchesThemThroughItsLiveFileAndConfirmsInItsAPI() throws {
        let traefik = try Fixtures.stack(AppsFixture.config().replacingOccurrences(of: "  caddy: {}", with: "  traefik: {}"))
        let rollout = try #require(Rollout.services(traefik, timeout: 90).first)
        #expect(Rollout.services(traefik, timeout: 90).map(\.service) == ["website"])
        let file = try #require(rollout.file)
        #expect(file.path == "traefik/dynamic-conf/website.live.yaml" && file.server == "          - url: \"http://{container}:3000\"")
        #expect(file.loadedURL == "http://127.0.0.1:8080/api/http/services/website-live@file")
        // The website's router names the file's service; the backend, which keeps uploads, stays on its container's labels.
        let labels = try #require(traefik.module("website")).fragment.services[0].labels.map { "\($0.key)=\($0.value)" }
        #expect(labels.contains("traefik.http.routers.website.service=website-live@file"), "\(labels)")
        let backend = try #require(traefik.module("backend")).fragment.services[0].labels.map { "\($0.key)=\($0.value)" }
        #expect(!backend.contains { $0.contains("-live@file") }, "\(backend)")

        let remote = Remote(traefik.environment)
        let line = try #require(rollout.command(remote).argv.last?.value)
        #expect(line.contains("publish \"$oldname\" \"$newname\""))
        #expect(line.contains("if ! await_routes \"$newname\" -- \"$oldname\"; then"))
        // The module's data travels as arguments: the file, its text, and where Traefik's API shows what it routes to.
        #expect(line.contains(" /opt/services website tangram traefik traefik/dynamic-conf/website.live.yaml '# Written by berth deploy"), "\(line.suffix(600))")
        #expect(line.hasSuffix(" http://127.0.0.1:8080/api/http/services/website-live@file '\"url\":\"http://{container}:3000\"' http 3000 / 90"), "\(line.suffix(300))")
        let attach = try #require(rollout.attachCommand(remote).argv.last?.value)
        #expect(attach.contains("publish \"$@\"\nawait_routes \"$@\""))
        // The file names containers running now: a sync never deletes it, and a release never records it.
        #expect(Remote.protectedPatterns.contains("*.live.yaml"))
    }

    @Test func caddyReachesThemOnlyUnderTheirLiveAlias() throws {
        let caddy = try #require(stack.module("caddy"))
        #expect(caddy.fragment.networks == ["berth-live"])
        #expect(caddy.fragment.services[0].networks == ["default", "berth-live"])
        let caddyfile = caddy.fragment.files[0].contents
        #expect(caddyfile.contains("\t\t\treverse_proxy {\n\t\t\t\tdynamic a berth-live-website 3000 {\n\t\t\t\t\trefresh 500ms\n"))
        #expect(caddyfile.contains("reverse_proxy backend:3000"))
        #expect(ComposeRenderer.file(caddy.fragment, module: "caddy").hasSuffix("networks:\n  berth-live: {}\n"))
    }

    @Test func theCommandsAreExact() throws {
        let rollout = try #require(Rollout.services(stack, timeout: 90).first)
        let remote = Remote(stack.environment)
        // Over SSH the script and its arguments travel as one quoted line; the values only ever as arguments.
        let line = try #require(rollout.command(remote).argv.last?.value)
        #expect(line.hasPrefix("flock -s /opt/services/.berth/busy sh -c 'set -eu\ncd \"$1\"; svc=$2;"))
        #expect(line.hasSuffix("' berth /opt/services website tangram caddy tangram_berth-live berth-live-website http 3000 / 90 0"))
        let attach = try #require(rollout.attachCommand(remote).argv.last?.value)
        #expect(attach.hasSuffix("' berth /opt/services website tangram_berth-live berth-live-website"))
    }
}
