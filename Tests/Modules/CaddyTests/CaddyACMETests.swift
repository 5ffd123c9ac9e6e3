import BerthCaddy
import Foundation
import PluginTesting
import ServicePlugin
import Testing

/// `acme_ca:` with `ca_file:`: Caddy asks that ACME server, trusting its root, which travels in the module folder.
@Suite struct CaddyACMETests {
    static let directory = "https://pebble:14000/dir"

    func context(_ acme: ACMEServer?, certificates: CertificateSource = .acme) -> RenderContext {
        var context = PluginFixtures.context(for: Caddy.self, identity: PluginFixtures.identity, routes: PluginFixtures.richRoutes)
        context.stack.certificates = certificates
        context.stack.acme = acme
        return context
    }

    @Test func namesTheServerAndMountsItsRoot() throws {
        let roots = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
        let fragment = PluginFixtures.plugin(Caddy.self, ["acme_staging": .bool(true)]).compose(in: context(ACMEServer(directory: Self.directory, roots: roots)))
        let caddyfile = fragment.files[0].contents
        // The environment's server wins over the staging switch: one acme_ca, the root beside it.
        #expect(caddyfile.contains("\tacme_ca https://pebble:14000/dir\n\tacme_ca_root /etc/caddy/acme-ca.pem\n"), "\(caddyfile)")
        #expect(caddyfile.components(separatedBy: "acme_ca ").count == 2)
        #expect(fragment.files.map(\.path) == ["Caddyfile", "acme-ca.pem"] && fragment.files[1].contents == roots)
        let mount = try #require(fragment[service: "caddy"]?.volumes.last)
        #expect(mount == VolumeMount("./acme-ca.pem", "/etc/caddy/acme-ca.pem", readOnly: true, role: .config))
    }

    @Test func aPublicServerNeedsNoRootAndInternalCertificatesNoServer() {
        let publicCA = PluginFixtures.plugin(Caddy.self).compose(in: context(ACMEServer(directory: Self.directory)))
        #expect(publicCA.files.map(\.path) == ["Caddyfile"] && publicCA.files[0].contents.contains("\tacme_ca https://pebble:14000/dir\n"))
        #expect(!publicCA.files[0].contents.contains("acme_ca_root"))
        let local = PluginFixtures.plugin(Caddy.self).compose(in: context(ACMEServer(directory: Self.directory, roots: "x"), certificates: .internal))
        #expect(local.files.map(\.path) == ["Caddyfile"] && !local.files[0].contents.contains("acme_ca"))
    }

    /// The real Caddy loads the rendered global options with a real root in place of the mounted one.
    @Test func realCaddyValidatesAServerWithItsRoot() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-caddy-acme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.appendingPathComponent("root.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=Test ACME root", "-keyout", folder.path + "/key.pem", "-out", root,
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        let roots = try String(contentsOfFile: root, encoding: .utf8)
        let fragment = PluginFixtures.plugin(Caddy.self).compose(in: context(ACMEServer(directory: Self.directory, roots: roots)))
        let file = folder.appendingPathComponent("Caddyfile")
        try fragment.files[0].contents.replacingOccurrences(of: "/etc/caddy/acme-ca.pem", with: root).write(to: file, atomically: true, encoding: .utf8)
        let result = try RealCaddy.run(["validate", "--config", file.path, "--adapter", "caddyfile"], home: folder.path)
        #expect(result.status == 0 && result.output.contains("Valid configuration"), "caddy validate: \(result.output)")
        // A root that is no PEM is refused by the real Caddy too: the check above is not vacuous.
        try "not a certificate\n".write(toFile: root, atomically: true, encoding: .utf8)
        #expect(try RealCaddy.run(["validate", "--config", file.path, "--adapter", "caddyfile"], home: folder.path).status != 0)
    }
}
