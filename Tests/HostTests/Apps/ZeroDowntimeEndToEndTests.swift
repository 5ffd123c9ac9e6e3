import BerthCore
import Foundation
import Testing

/// A stateless app switched to a new tag under load, through the real Caddy and the real Traefik: the new
/// container starts beside the old one, the proxy is switched once it is healthy, and only then is the old
/// one stopped (Caddy: its live alias; Traefik: its live file, checked in Traefik's API before SIGTERM).
@Suite(.serialized, .tags(.testbed, .alone), .needsTestbed) struct ZeroDowntimeEndToEndTests {
    /// The load client against the app's public URL through the proxy on loopback.
    static func load(_ proxy: ThroughProxy, seconds: Int) throws -> LoadClient {
        try LoadClient(
            url: "https://web.example.org/version", resolve: "web.example.org:\(proxy.httpsPort):127.0.0.1", caFile: proxy.rootCertificate,
            seconds: seconds, threads: 6)
    }

    /// The proxy's service line of berth.yaml, and how requests to it are verified.
    static func proxy(_ name: String, project: String) throws -> (line: String, proxy: ThroughProxy) {
        var proxy = ThroughProxy(httpsPort: try LoopbackPort.free(), httpPort: try LoopbackPort.free())
        let ports = "http_port: \(proxy.httpPort), https_port: \(proxy.httpsPort), bind_address: 127.0.0.1"
        if name == "caddy" {
            proxy.rootCertificate = project + "/data/caddy/data/caddy/pki/authorities/local/root.crt"
            return ("  caddy: { \(ports) }", proxy)
        }
        // Traefik's certificate comes from the CA the deploy keeps for it (certificates: internal).
        proxy.rootCertificate = project + "/data/traefik/internal/root.crt"
        return ("  traefik: { \(ports), dashboard: \"\" }", proxy)
    }

    @Test(arguments: ["caddy", "traefik"]) func aNewTagTakesOverWithoutAFailedRequestAndABrokenOneNeverServes(_ proxyName: String) throws {
        let project = Scratch.directory("zerodowntime-\(proxyName)")
        let (line, proxy) = try Self.proxy(proxyName, project: project)
        let tree = project + "/.berth/local"
        defer { _ = try? Run.shell("cd \(tree) && docker compose down -v --remove-orphans --timeout 2") }
        let body = """
            services:
            \(line)
            apps:
              web: { image: berth-testbed/app, tag: v1, port: 3000, hosts: [web], health: { path: /health } }
              docs: { image: berth-testbed/app, tag: v1, port: 3000, hosts: [docs], health: { path: /health } }
            environments:
              local: { target: "file:.berth/local", registry_mirror: "\(Testbed.registry)", certificates: internal, healthcheck_interval: 2s }
            """
        let name = "berthzero\(proxyName)"
        try (AppProject.header(name: name, project: project) + body).write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        let berth = { (arguments: [String]) in try Run.berth(arguments, in: project) }
        let first = try berth(["deploy", "local", "--timeout", "120"])
        #expect(first.status == 0, "\(first.output)")
        #expect(try proxy.get("https://web.example.org/version").body == "v1")

        // v2 under load: every request answered 2xx, at least 100 a second in every second.
        let load = try Self.load(proxy, seconds: 25)
        Thread.sleep(forTimeInterval: 3)
        let second = try berth(["deploy", "local", "--tag", "web=v2", "--tag", "docs=v2", "--timeout", "60"])
        #expect(second.status == 0, "\(second.output)")
        let switched = try load.result()
        #expect(switched["failures"] as? Int == 0, "\(switched)")
        #expect((switched["total"] as? Int ?? 0) >= 2000, "\(switched)")
        #expect((switched["min_per_second"] as? Int ?? 0) >= 100, "\(switched)")
        #expect(try proxy.get("https://web.example.org/version").body == "v2")
        // The new container ran beside the old one (compose numbered it 2), which is gone.
        let web = try Run.shell("docker ps --format '{{.Names}}' --filter label=com.docker.compose.project=\(name) --filter label=com.docker.compose.service=web")
        #expect(web.stdout == "\(name)-web-2\n", "\(web.output)")
        // The other app rolled out beside it, not after it: each rollout waits after the switch before it stops
        // the old container, so one after the other would create the second container seconds after the first.
        #expect(try proxy.get("https://docs.example.org/version").body == "v2")
        let created = try Run.shell("docker inspect --format '{{.Created}}' \(name)-web-2 \(name)-docs-2").stdout.split(separator: "\n").map(String.init)
        let times = created.compactMap(StartIntervalTests.seconds)
        #expect(times.count == 2 && abs(times[0] - times[1]) < 1.5, "\(created)")
        if proxyName == "traefik" {
            // Traefik was switched through its file provider, whose service now lists the new container alone. The
            // app's stand-in exits at once on SIGTERM: had Traefik still routed to the old one then, requests would have failed.
            let live = try String(contentsOfFile: tree + "/traefik/dynamic-conf/web.live.yaml", encoding: .utf8)
            #expect(live.hasSuffix("          - url: \"http://\(name)-web-2:3000\"\n"), "\(live)")
            let api = try Run.shell("docker exec \(name)-traefik-1 wget -q -O - http://127.0.0.1:8080/api/http/services/web-live@file")
            #expect(api.stdout.contains("\"servers\":[{\"url\":\"http://\(name)-web-2:3000\"}]"), "\(api.output)")
        }

        // A release that never gets healthy: removed, rolled back, and not one request reached it.
        let again = try Self.load(proxy, seconds: 20)
        Thread.sleep(forTimeInterval: 2)
        let broken = try berth(["deploy", "local", "--tag", "web=broken", "--timeout", "8"])
        #expect(broken.status == 1)
        #expect(broken.output.contains("never became healthy within 8s; removed it"), "\(broken.output)")
        let kept = try again.result()
        #expect(kept["failures"] as? Int == 0, "\(kept)")
        #expect((kept["total"] as? Int ?? 0) >= 1000, "\(kept)")
        #expect(try proxy.get("https://web.example.org/version").body == "v2")
    }
}
