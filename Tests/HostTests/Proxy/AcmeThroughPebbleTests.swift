import BerthCore
import Foundation
import Testing

/// Real ACME on the test bed: `berth deploy` with `certificates: acme`, `acme_ca:` and `ca_file:` puts the real Caddy or
/// the real Traefik in front of two apps; each gets its certificates from Debian's real Pebble by HTTP-01, and
/// `berth check` verifies every chain against `ca_file:`. A host Pebble cannot validate fails its TLS check by name.
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct AcmeThroughPebbleTests {
    static let project = "berthacme"
    /// One Pebble for the suite, on the project's network, which both proxies' deploys use in turn.
    static let pebble = Result { try Pebble(project: project, folder: Scratch.directory("pebble")) }

    struct Stack {
        let folder = Scratch.directory("acme")
        let proxy: String
        let httpsPort: Int
        let httpPort: Int
        let roots: String

        init(proxy: String, roots: String) throws {
            self.proxy = proxy
            self.roots = roots
            httpsPort = try LoopbackPort.free()
            httpPort = try LoopbackPort.free()
        }

        /// berth.yaml: two apps on three hosts (and `lost` when asked), the proxy on loopback, Pebble as the ACME server.
        func write(lost: Bool = false, environment: String? = nil) throws {
            let options = "http_port: \(httpPort), https_port: \(httpsPort), bind_address: 127.0.0.1" + (proxy == "traefik" ? ", dashboard_protected: false" : "")
            let local =
                environment ?? """
                        certificates: acme
                        acme_ca: https://pebble:14000/dir
                        ca_file: \(roots)
                    """
            let text = """
                name: \(AcmeThroughPebbleTests.project)
                domain: example.test
                acme_email: admin@example.test
                data_root: \(folder)/data
                scratch_root: \(folder)/scratch
                dumps_dir: \(folder)/dumps
                backup_schedule: "off"
                services:
                  \(proxy): { \(options) }
                apps:
                  web: { image: berth-testbed/app, tag: v1, port: 3000, hosts: [web, www], health: { path: /version } }
                  api: { image: berth-testbed/app, tag: v1, port: 3000, hosts: [api], health: { path: /version } }
                \(lost ? "  lost: { image: berth-testbed/app, tag: v1, port: 3000, hosts: [lost] }\n" : "")environments:
                  local:
                    target: "file:.berth/local"
                    registry_mirror: "\(Testbed.registry)"
                    resolve: { "*.example.test": "127.0.0.1:\(httpsPort)" }
                \(local)
                """
            try text.write(toFile: folder + "/berth.yaml", atomically: true, encoding: .utf8)
        }

        func berth(_ arguments: [String]) throws -> Run { try Run.berth(arguments, in: folder) }

        /// `berth check --json`, as check name to (status, message).
        func check() throws -> (status: Int32, results: [String: (String, String)]) {
            let run = try berth(["check", "--env", "local", "--json"])
            let items = (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]) ?? []
            let pairs = items.map { ("\($0["module"]!)/\($0["check"]!)", ("\($0["status"]!)", $0["message"] as? String ?? "")) }
            return (run.status, Dictionary(pairs, uniquingKeysWith: { first, _ in first }))
        }

        /// The issuer of the certificate the proxy serves for `host`, as openssl prints it.
        func issuer(_ host: String) throws -> String {
            try Run.shell("openssl s_client -connect 127.0.0.1:\(httpsPort) -servername \(host) </dev/null 2>/dev/null | openssl x509 -noout -issuer").stdout
        }

        func tearDown() {
            // Containers only: the network is Pebble's until the suite ends.
            _ = try? Run.shell("docker ps -aq --filter label=com.docker.compose.project=\(AcmeThroughPebbleTests.project) | xargs -r docker rm -f >/dev/null")
        }
    }

    @Test(arguments: ["caddy", "traefik"])
    func certificatesFromPebbleForEveryHostVerifiedByCheck(_ proxy: String) throws {
        let pebble = try Self.pebble.get()
        try pebble.relay(to: proxy)
        let stack = try Stack(proxy: proxy, roots: pebble.bundle)
        defer { stack.tearDown() }
        try stack.write()
        // The deploy waits for every TLS check, so it succeeds only once each host holds a certificate that verifies.
        let deploy = try stack.berth(["deploy", "local", "--timeout", "60"])
        #expect(deploy.status == 0, "\(deploy.output)")
        #expect(FileManager.default.fileExists(atPath: "\(stack.folder)/.berth/local/\(proxy)/acme-ca.pem"))

        let hosts = ["api.example.test", "web.example.test", "www.example.test"] + (proxy == "traefik" ? ["traefik.example.test"] : [])
        let (status, results) = try stack.check()
        #expect(status == 0, "\(results)")
        for host in hosts {
            let tls = results["\(proxy)/tls \(host)"]
            #expect(tls?.0 == "ok" && tls?.1.hasPrefix("the certificate of \(host) expires in 1825 days") == true, "\(host): \(String(describing: tls))")
            // Issued by Pebble's intermediate, after Pebble validated the host over HTTP-01 through the proxy.
            #expect(try stack.issuer(host).contains("Pebble Intermediate CA"), "\(host)")
            #expect(try pebble.logs().contains("Attempting to validate w/ HTTP: http://\(host):80/.well-known/acme-challenge/"), "\(host)")
        }
        #expect(results["web/http"]?.1 == "GET https://web.example.test:\(stack.httpsPort)/version answered 200", "\(results)")

        // The finding: certificates: internal, resolve: set, no ca_file:. The HTTPS checks through the proxy now say the
        // certificate is not trusted, naming its issuer, at once rather than as "no answer within 5 s".
        try stack.write(environment: "    certificates: internal")
        let (untrustedStatus, untrusted) = try stack.check()
        #expect(untrustedStatus == 1)
        for app in ["web", "api"] {
            let (state, message) = untrusted["\(app)/http"] ?? ("", "")
            #expect(state == "fail" && message.hasPrefix("the certificate of \(app).example.test (issued by CN=Pebble Intermediate CA "), "\(untrusted)")
            #expect(message.hasSuffix("is not trusted: its chain does not lead to a trusted root; no ca_file: is set; give it the root that issued it"), "\(message)")
        }
        #expect(!untrusted.values.contains { $0.1.contains("no answer within") }, "\(untrusted)")
    }

    @Test(arguments: ["caddy", "traefik"])
    func aHostPebbleCannotValidateFailsItsTLSCheckByName(_ proxy: String) throws {
        let pebble = try Self.pebble.get()
        try pebble.relay(to: proxy)
        try pebble.misdirect("lost.example.test")
        let stack = try Stack(proxy: proxy, roots: pebble.bundle)
        defer { stack.tearDown() }
        try stack.write(lost: true)
        let start = Date()
        let deploy = try stack.berth(["deploy", "local", "--timeout", "25"])
        #expect(deploy.status != 0)
        // The health gate gives up at the deploy's timeout, naming the host; the others got their certificates.
        #expect(Date().timeIntervalSince(start) < 25 + 30, "\(deploy.output)")
        let verdict = deploy.stderr.split(separator: "\n").first { $0.contains("deploy to local failed at health") } ?? ""
        #expect(verdict.contains("health gate: checks failing: \(proxy)/tls lost.example.test: "), "\(deploy.output)")
        #expect(!verdict.contains("tls web.example.test") && !verdict.contains("tls api.example.test"), "\(verdict)")
        #expect(try pebble.logs().contains("http://lost.example.test:80/.well-known/acme-challenge/"))
    }
}
