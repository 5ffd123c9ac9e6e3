@testable import BerthCore
import Foundation
import ServicePlugin
import Testing

/// `acme_ca:`: the ACME server of an environment's proxy, its root read from `ca_file:` to travel with the rendered tree.
@Suite struct EnvironmentACMETests {
    static let root = "-----BEGIN CERTIFICATE-----\nMIIBroot\n-----END CERTIFICATE-----\n"

    /// The example with `local` given `lines`, in a folder of its own holding `certs/root.pem`.
    static func config(_ lines: String) throws -> (BerthConfig, String) {
        let folder = Fixtures.temporaryDirectory("acme")
        try FileManager.default.createDirectory(atPath: folder + "/certs", withIntermediateDirectories: true)
        try root.write(toFile: folder + "/certs/root.pem", atomically: true, encoding: .utf8)
        try "no certificate here\n".write(toFile: folder + "/certs/notes.txt", atomically: true, encoding: .utf8)
        return (try Fixtures.config(EnvironmentProxyTests.environments(lines), file: folder + "/berth.yaml"), folder)
    }

    static func problems(_ lines: String) -> [String] {
        do {
            _ = try config(lines)
            return []
        } catch {
            return (error as? DiagnosticsError)?.diagnostics.map(\.description) ?? ["\(error)"]
        }
    }

    @Test func readsTheServerAndItsRootIntoTheStack() throws {
        let (config, folder) = try Self.config("    acme_ca: https://pebble:14000/dir\n    ca_file: certs/root.pem")
        let local = try config.environment("local")
        #expect(local.caFile == folder + "/certs/root.pem")
        #expect(local.acme == ACMEServer(directory: "https://pebble:14000/dir", roots: Self.root))
        #expect(try config.environment("production").acme == nil)
        #expect(try StackBuilder().build(config, environment: "local").context.acme == local.acme)
        // The proxy's folder in the rendered tree carries the root to the server.
        let tree = TreeRenderer.render(try StackBuilder().build(config, environment: "local"))
        #expect(tree.files.first { $0.path == "traefik/acme-ca.pem" }?.contents == Self.root)
        // A public ACME server needs no root of its own.
        #expect(try Self.config("    acme_ca: https://ca.example.org/acme/directory").0.environment("local").acme?.roots == nil)
    }

    @Test func badValuesNameTheirPath() {
        let url = Self.problems("    acme_ca: http://pebble:14000/dir")
        #expect(url.count == 1 && url[0].contains("environments.local.acme_ca: must be the https URL of an ACME directory"), "\(url)")
        #expect(Self.problems("    acme_ca: \"https://x/dir; rm -rf /\"").first?.contains("must be the https URL") == true)
        let missing = Self.problems("    acme_ca: https://pebble:14000/dir\n    ca_file: certs/missing.pem")
        #expect(missing.count == 1 && missing[0].contains("environments.local.ca_file: no such file: "), "\(missing)")
        #expect(missing.first?.contains("/certs/missing.pem (acme_ca: sends it to the proxy as the ACME server's root)") == true, "\(missing)")
        let notPEM = Self.problems("    acme_ca: https://pebble:14000/dir\n    ca_file: certs/notes.txt")
        #expect(notPEM.count == 1 && notPEM[0].contains("environments.local.ca_file: ") && notPEM[0].contains("holds no PEM certificate"), "\(notPEM)")
        let local = Self.problems("    certificates: internal\n    acme_ca: https://pebble:14000/dir")
        #expect(local.count == 1 && local[0].contains("environments.local.acme_ca: needs certificates: acme"), "\(local)")
        // Without acme_ca:, ca_file: may name a root the deploy makes (Caddy's own CA): it need not exist yet.
        #expect(Self.problems("    certificates: internal\n    ca_file: certs/later.pem").isEmpty)
    }
}
