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
        let traefik = try Fixtures.stack(AppsFixture.config().replacingOccurrences(of: "  caddy: {}", with: "  traefik: {}"))
        #expect(Rollout.services(traefik, timeout: 90).isEmpty)
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
        #expect(line.hasPrefix("sh -c 'set -eu\ncd \"$1\"; svc=$2;"))
        #expect(line.hasSuffix("' berth /opt/services website tangram caddy tangram_berth-live berth-live-website http 3000 / 90 0"))
        let attach = try #require(rollout.attachCommand(remote).argv.last?.value)
        #expect(attach.hasSuffix("' berth /opt/services website tangram_berth-live berth-live-website"))
    }
}
