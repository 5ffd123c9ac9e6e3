@testable import BerthCore
import ServicePlugin
import Testing

/// `certificates`, `resolve` and `ca_file`: how an environment's proxy gets certificates, and where Berth's checks connect.
@Suite struct EnvironmentProxyTests {
    /// The example with `local`'s own `certificates:` and `resolve:` (its last keys) replaced by `local`.
    static func environments(_ local: String) -> String {
        let text = Fixtures.exampleText
        let own = text.range(of: "    certificates: internal")!.lowerBound..<text.range(of: "\napps:")!.upperBound
        return text.replacingCharacters(in: own, with: "apps:")
            .replacingOccurrences(of: "  local:                          # this machine", with: "  local:\n\(local)\n    # this machine")
    }

    /// The example's `local` environment reaches Traefik on this machine's 443, apex included, for `berth check` without `--direct`.
    @Test func theExampleChecksThroughTraefikOnThisMachine() throws {
        let local = try Fixtures.config().environment("local")
        #expect(local.certificates == .internal)
        // The CA the deploy keeps for Traefik (certificates: internal), which the checks verify against.
        #expect(local.caFile == "/opt/docker-volumes/traefik/internal/root.crt")
        for host in ["tangram-orchestre.fr", "www.tangram-orchestre.fr", "auth.tangram-orchestre.fr", "planka.tangram-orchestre.fr"] {
            #expect(local.resolved(host) == ResolvedAddress(ip: "127.0.0.1", port: 443), "\(host)")
        }
        #expect(try Fixtures.config().environment("production").resolve.isEmpty)
    }

    @Test func readsCertificatesResolveAndCAFile() throws {
        let config = try Fixtures.config(
            Self.environments(
                "    certificates: internal\n    ca_file: certs/root.crt\n    resolve: { \"*.example.test\": \"127.0.0.1:8443\", auth.example.test: \"::1\" }"))
        let local = try config.environment("local")
        #expect(local.certificates == .internal)
        #expect(local.caFile == "/tmp/berth-tests/certs/root.crt")
        #expect(local.resolved("www.example.test") == ResolvedAddress(ip: "127.0.0.1", port: 8443))
        #expect(local.resolved("a.b.example.test") == ResolvedAddress(ip: "127.0.0.1", port: 8443))
        #expect(local.resolved("auth.example.test") == ResolvedAddress(ip: "::1", port: 443))
        #expect(local.resolved("example.test") == nil)
        #expect(try config.environment("production").certificates == .acme)
        #expect(try Fixtures.stack(Self.environments("    certificates: internal"), environment: "local").context.certificates == .internal)
    }

    @Test func badValuesNameTheirPathAndLine() {
        #expect {
            try Fixtures.config(Self.environments("    certificates: self-signed\n    resolve: { \"bad host\": \"127.0.0.1\", ok.test: \"localhost:99999\" }"))
        } throws: { error in
            let lines = (error as? DiagnosticsError)?.diagnostics.map(\.description) ?? []
            return lines.count == 3
                && lines.contains { $0.contains("environments.local.certificates: must be acme or internal, got 'self-signed'") }
                && lines.contains { $0.contains("environments.local.resolve.bad host: hostname") }
                && lines.contains { $0.contains("environments.local.resolve.ok.test: must be IP or IP:PORT") }
        }
    }
}
