import BerthTraefik
import Foundation
import PluginTesting
import ServicePlugin
import Testing

@Suite struct TraefikTests {
    let traefik = PluginFixtures.plugin(Traefik.self)

    @Test func fragmentMatchesGolden() {
        let ctx = PluginFixtures.context(for: Traefik.self, identity: PluginFixtures.identity)
        assertSnapshot(PluginFixtures.snapshotText(traefik.compose(in: ctx), module: "traefik"), named: "traefik.txt")
    }

    @Test func noMiddlewareFileWithoutIdentityProvider() {
        let fragment = traefik.compose(in: PluginFixtures.context(for: Traefik.self))
        #expect(fragment.files.map(\.path) == ["traefik.yml"])
    }

    @Test func staticConfigurationHasWhatTheIssueAsks() {
        let yml = traefik.compose(in: PluginFixtures.context(for: Traefik.self)).files[0].contents
        for line in [
            "to: websecure", "email: admin@tangram-orchestre.fr", "exposedByDefault: false", "directory: /etc/traefik/dynamic-conf",
            "watch: true", "entryPoint: traefik", "httpChallenge:",
        ] {
            #expect(yml.contains(line), "traefik.yml lacks \(line)")
        }
    }

    @Test func serviceLabelsAreExact() {
        let route = ResolvedRoute(route: Route(name: "planka", hosts: ["planka.example.org"], target: .service("planka", port: 1337)), module: "planka", forwardAuth: nil)
        let labels = traefik.proxyLabels(for: route, in: PluginFixtures.context(for: Traefik.self))
        #expect(
            labels == [
                Label("traefik.enable", "true"),
                Label("traefik.http.routers.planka.rule", "Host(`planka.example.org`)"),
                Label("traefik.http.routers.planka.entrypoints", "websecure"),
                Label("traefik.http.routers.planka.tls", "true"),
                Label("traefik.http.routers.planka.tls.certresolver", "resolver"),
                Label("traefik.http.routers.planka.service", "planka"),
                Label("traefik.http.services.planka.loadbalancer.server.port", "1337"),
            ])
    }

    @Test func protectedRoutesGetTheForwardAuthMiddleware() {
        let route = ResolvedRoute(
            route: Route(name: "site", hosts: ["a.example.org", "b.example.org"], pathPrefixes: ["/x"], target: .service("site", port: 80), protected: true),
            module: "site", forwardAuth: PluginFixtures.identity.forwardAuth
        )
        let labels = traefik.proxyLabels(for: route, in: PluginFixtures.context(for: Traefik.self))
        #expect(labels.contains(Label("traefik.http.routers.site.middlewares", "idp@file")))
        #expect(labels.contains(Label("traefik.http.routers.site.rule", "(Host(`a.example.org`) || Host(`b.example.org`)) && PathPrefix(`/x`)")))
    }

    @Test func dashboardIsAProtectedAdminRoute() {
        let routes = traefik.routes(in: PluginFixtures.stack)
        #expect(routes == [Route(name: "dashboard", hosts: ["traefik.tangram-orchestre.fr"], target: .proxyInternal("api@internal", carrier: "traefik"), protected: true, adminUI: true)])
        #expect(PluginFixtures.plugin(Traefik.self, ["dashboard": .string("")]).routes(in: PluginFixtures.stack).isEmpty)
    }

    /// The docker provider reads the engine through HAProxy, the only container with the socket, on a network of their own.
    @Test func publishesConfiguredPortsAndReadsTheSocketThroughItsProxy() {
        let custom = PluginFixtures.plugin(Traefik.self, ["http_port": .integer(8080), "https_port": .integer(8443)])
        let fragment = custom.assembled(in: PluginFixtures.context(for: Traefik.self)).fragment
        let service = fragment[service: "traefik"]!
        #expect(service.ports.map(\.shortSyntax) == ["8080:80", "8443:443"])
        #expect(!service.volumes.contains { $0.source.hasSuffix("docker.sock") })
        #expect(service.networks == ["default", "traefik-socket"])
        let proxy = fragment[service: "traefik-socket"]!
        #expect(proxy.volumes.first == VolumeMount.dockerSocket(readOnly: true) && proxy.networks == ["traefik-socket"] && proxy.ports.isEmpty)
        #expect(fragment.networks == ["traefik-socket"])
        let configuration = fragment.files.first { $0.path == "traefik-socket.cfg" }?.contents ?? ""
        #expect(configuration.contains("http-request allow if { method GET HEAD }") && !configuration.contains("method POST"))
        #expect(service.volumes.contains { $0.source == "/opt/docker-volumes/traefik/acme" })
        #expect(PluginFixtures.undeclaredVariables(custom.compose(in: PluginFixtures.context(for: Traefik.self)), []).isEmpty)
    }

    @Test func checksCoverEveryRenderedRouterAndHostname() {
        let routes = [
            ResolvedRoute(route: Route(name: "planka", hosts: ["planka.example.org"], target: .service("planka", port: 1337)), module: "planka", forwardAuth: nil),
            ResolvedRoute(
                route: Route(name: "auth", hosts: ["auth.example.org", "planka.example.org"], pathPrefixes: ["/sso"], target: .service("server", port: 9000)), module: "authentik", forwardAuth: nil),
        ]
        let checks = traefik.healthChecks(in: PluginFixtures.context(for: Traefik.self, routes: routes))
        #expect(checks.map(\.name) == ["container", "ping", "routers", "tls auth.example.org", "tls planka.example.org"])
        guard case .http(let probe) = checks[2].kind else {
            Issue.record("routers is not an HTTP check")
            return
        }
        #expect(probe.service == "traefik" && probe.port == 8080 && probe.publicHost == nil)
        #expect(probe.jsonArrayIncludes == JSONArrayExpectation(field: "name", includes: ["auth@docker", "planka@docker"], matching: JSONFieldExpectation("status", equals: "enabled")))
        #expect(checks[4].kind == .tlsExpiry(host: "planka.example.org", service: "traefik", port: 443))
        // The API the routers check reads is served on the unpublished entry point.
        let yml = traefik.compose(in: PluginFixtures.context(for: Traefik.self)).files[0].contents
        #expect(yml.contains("insecure: true"))
    }

    @Test func noRoutesMeansNoRouterOrCertificateChecks() {
        #expect(traefik.healthChecks(in: PluginFixtures.context(for: Traefik.self)).map(\.name) == ["container", "ping"])
    }

    /// Every route shape as labels, one block per route, for review in one golden file.
    func richLabels(_ certificates: CertificateSource = .acme) -> String {
        var context = PluginFixtures.context(for: Traefik.self, identity: PluginFixtures.identity, routes: PluginFixtures.richRoutes)
        context.stack.certificates = certificates
        return PluginFixtures.richRoutes.map { route in
            "# \(route.route.name)\n" + traefik.proxyLabels(for: route, in: context).sorted().map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
        }.joined(separator: "\n\n") + "\n"
    }

    @Test func everyRouteShapeMatchesGolden() {
        assertSnapshot(richLabels(), named: "rich-routes.txt")
    }

    @Test func internalCertificatesNeedNoResolver() {
        #expect(!richLabels(.internal).contains("certresolver"))
        #expect(richLabels().contains("traefik.http.routers.site.tls.certresolver=resolver"))
    }

    /// The labels, read as Traefik reads them into its dynamic configuration, validate against the upstream file-provider schema.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: schemas), "no ../shared/schemas beside the project"))
    func everyRouteShapeValidatesAgainstTraefiksSchema() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-traefik-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("site"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let context = PluginFixtures.context(for: Traefik.self, identity: PluginFixtures.identity, routes: PluginFixtures.richRoutes)
        let services = PluginFixtures.richRoutes.map { route in
            ComposeService(name: route.route.name, image: ImageRef(repository: "busybox", tag: "1"), labels: traefik.proxyLabels(for: route, in: context))
        }
        try ComposeRenderer.file(ComposeFragment(services: services), module: "site").write(to: folder.appendingPathComponent("site/docker-compose.yaml"), atomically: true, encoding: .utf8)
        let (status, output) = try Subprocess.run(
            "/usr/bin/env", ["python3", root.path + "/scripts/check-schemas", folder.path, root.deletingLastPathComponent().path + "/shared/schemas"])
        #expect(status == 0, "\(output)")
        #expect(output.contains("4 with labels"), "\(output)")
    }
}

/// Traefik's upstream JSON schemas, beside the project (`../shared/schemas`).
private let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/schemas").path
