import BerthCore
import Foundation
import Testing

/// `examples/caddy.yaml` deployed for real on the test bed: Caddy (the real binary) in front of the
/// stand-ins, checked by `berth check` through the proxy, as a `local` environment reaches it.
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct CaddyStackEndToEndTests {
    struct Stack {
        let project: String
        let proxy: ThroughProxy
        var tree: String { project + "/.berth/local" }

        init() throws {
            project = Scratch.directory("caddystack")
            var proxy = ThroughProxy(httpsPort: try LoopbackPort.free(), httpPort: try LoopbackPort.free())
            let root = project + "/data/caddy/data/caddy/pki/authorities/local/root.crt"
            proxy.rootCertificate = root
            self.proxy = proxy
            var text = try String(contentsOfFile: Run.packageRoot + "/examples/caddy.yaml", encoding: .utf8)
            for (old, new) in [
                ("name: caddystack", "name: berthcaddy"),
                ("data_root: /opt/docker-volumes\n", "data_root: \(project)/data\nscratch_root: \(project)/scratch\ndumps_dir: \(project)/dumps\n"),
                ("caddy: {}", "caddy: { http_port: \(proxy.httpPort), https_port: \(proxy.httpsPort), bind_address: 127.0.0.1 }"),
                ("\"*.example.org\": \"127.0.0.1\"", "\"*.example.org\": \"127.0.0.1:\(proxy.httpsPort)\""),
                ("ca_file: /opt/docker-volumes/caddy/data/caddy/pki/authorities/local/root.crt", "ca_file: \(root)"),
            ] {
                precondition(text.contains(old), "examples/caddy.yaml no longer holds \(old)")
                text = text.replacingOccurrences(of: old, with: new)
            }
            try text.write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        }

        func berth(_ arguments: [String]) throws -> Run { try Run.berth(arguments, in: project) }

        func tearDown() {
            _ = try? Run.shell("cd \(tree) && docker compose down -v --remove-orphans --timeout 2")
            _ = try? Run.shell("docker ps -aq --filter label=com.docker.compose.project=berthcaddy | xargs -r docker rm -f")
            // The deploy put the stack's nightly backup into the deploy user's crontab.
            _ = try? Run.shell("crontab -l 2>/dev/null | grep -vF '# berth backup berthcaddy' | crontab -")
        }
    }

    @Test func deploysAndEveryCheckPassesThroughTheProxy() throws {
        let stack = try Stack()
        defer { stack.tearDown() }
        #expect(try stack.berth(["render", "--env", "local", "--out", stack.tree]).status == 0)
        #expect(try stack.berth(["env", "init", "--env", "local", "--dir", stack.tree]).status == 0)
        let deploy = try stack.berth(["deploy", "local", "--timeout", "150"])
        #expect(deploy.status == 0, "\(deploy.output)")

        // Without --direct: HTTP and TLS checks go to https://<host>:<port> through Caddy, trusting its root.
        let check = try stack.berth(["check", "--env", "local", "--json"])
        #expect(check.status == 0, "\(check.output)")
        let results = (try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [[String: Any]]) ?? []
        let byName = Dictionary(uniqueKeysWithValues: results.map { ("\($0["module"]!)/\($0["check"]!)", $0["message"] as? String ?? "") })
        #expect(byName["planka/home"] == "GET https://planka.example.org:\(stack.proxy.httpsPort)/ answered 200", "\(byName)")
        #expect(byName["caddy/routes"] == "every host is loaded (3)", "\(byName)")
        #expect(byName["caddy/tls logs.example.org"]?.hasPrefix("the certificate of logs.example.org expires in 11 h (internal CA") == true, "\(byName)")

        // CIS Docker Benchmark 1.6.0, section 5, on every container the deploy started: nothing fails but what the
        // README's "Hardening" names. Dozzle reads the engine through its socket proxy, the only one with the socket.
        let (benchmark, containers) = try RuntimeBenchmark.project("berthcaddy")
        #expect(containers.count == 8, "\(containers)")
        #expect(benchmark.unexpectedFailures(proxy: "berthcaddy-caddy-1", socketProxies: ["berthcaddy-dozzle-socket-1"]) == [], "\(benchmark.checks)")
        #expect(benchmark["5.14"]?.passed == true && benchmark["5.13"]?.passed == true && benchmark["5.27"]?.passed == true, "\(benchmark.checks)")

        // Each route's host reaches its container.
        let planka = try stack.proxy.get("https://planka.example.org/")
        #expect(planka.status == 200 && planka.body.contains("planka stand-in"), "\(planka)")
        let auth = try stack.proxy.get("https://auth.example.org/-/health/live/")
        #expect(auth.status == 200 && auth.body == "ok", "\(auth)")

        // Dozzle is protected: sign-in first; then it sees the user under its own header names, never a forged one.
        let anonymous = try stack.proxy.get("https://logs.example.org/")
        #expect(anonymous.status == 302, "\(anonymous)")
        let signIn = try stack.proxy.get("https://auth.example.org/-/berth-testbed/sign-in?user=alice")
        let cookie = signIn.headers["set-cookie"]?.split(separator: ";").first.map(String.init) ?? ""
        #expect(cookie.hasPrefix("authentik_proxy_standin=alice."), "\(signIn)")
        let forged = ["Remote-User": "mallory", "Remote-Email": "mallory@evil.test", "Remote-Name": "Mallory"]
        let logs = try stack.proxy.get("https://logs.example.org/berth-testbed/echo", headers: forged, cookie: cookie)
        let seen = ThroughProxy.echoedHeaders(logs.body)
        #expect(logs.status == 200 && seen["remote-user"] == "alice" && seen["remote-email"] == "alice@example.org", "\(logs)")
        #expect(seen["remote-name"] == "alice (stand-in)" && !logs.body.contains("mallory") && !logs.body.contains("Mallory"), "\(logs.body)")

        // A stopped container behind a route: the check through the proxy names it.
        _ = try Run.shell("docker stop -t 1 berthcaddy-planka-1")
        let broken = try stack.berth(["check", "--env", "local", "--json", "planka"])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("GET https://planka.example.org:\(stack.proxy.httpsPort)/ answered 502"), "\(broken.stdout)")

        // Without the resolve: entry, a public name that does not resolve is a DNS failure, not a timeout.
        let config = try String(contentsOfFile: stack.project + "/berth.yaml", encoding: .utf8)
            .replacingOccurrences(of: "domain: example.org", with: "domain: berth-test.invalid")
        try config.write(toFile: stack.project + "/berth.yaml", atomically: true, encoding: .utf8)
        let unresolved = try stack.berth(["check", "--env", "local", "--json", "authentik"])
        #expect(unresolved.status == 1)
        #expect(unresolved.stdout.contains("DNS: auth.berth-test.invalid"), "\(unresolved.stdout)")
        #expect(!unresolved.stdout.contains("no answer within 5 s"), "\(unresolved.stdout)")
    }
}
