import BerthDozzle
import PluginTesting
import ServicePlugin
import Testing

@Suite struct DozzleTests {
    /// Authentik's header names, as its module declares them.
    static let authentik = IdentityProviderInfo(
        module: "authentik", baseURL: "https://auth.tangram-orchestre.fr",
        forwardAuth: ForwardAuth(
            name: "authentik", upstream: "authentik-server:9000", endpoints: ["caddy": "/outpost.goauthentik.io/auth/caddy"],
            authResponseHeaders: ["X-authentik-username", "X-authentik-groups", "X-authentik-email", "X-authentik-name", "X-authentik-uid"],
            claims: [.username: "X-authentik-username", .email: "X-authentik-email", .name: "X-authentik-name"]
        ),
        issuerTemplate: "https://auth.tangram-orchestre.fr/application/o/{slug}/", services: ["authentik-server"]
    )

    var context: RenderContext { PluginFixtures.context(for: Dozzle.self, identity: Self.authentik) }
    var dozzle: Dozzle { PluginFixtures.plugin(Dozzle.self) }

    @Test func fragmentMatchesGolden() {
        assertSnapshot(PluginFixtures.snapshotText(dozzle.compose(in: context), module: "dozzle"), named: "dozzle.txt")
    }

    /// Only its socket proxy mounts the socket; Dozzle reaches it over their own network, and may read logs but change nothing.
    @Test func readsTheDockerSocketThroughItsProxy() {
        let fragment = dozzle.assembled(in: context).fragment
        let service = fragment[service: "dozzle"]!
        #expect(service.volumes.isEmpty)
        #expect(service.environment.contains(EnvironmentEntry("DOCKER_HOST", "tcp://dozzle-socket:2375")))
        #expect(service.networks == ["default", "dozzle-socket"])
        #expect(service.image == ImageRef(repository: "amir20/dozzle", tag: "v8.14.0"))
        let proxy = fragment[service: "dozzle-socket"]!
        #expect(proxy.volumes.first == .dockerSocket(readOnly: true) && proxy.networks == ["dozzle-socket"])
        let configuration = fragment.files.first { $0.path == "dozzle-socket.cfg" }?.contents ?? ""
        #expect(configuration.contains("containers/[a-zA-Z0-9_.-]+/(logs|stats)") && !configuration.contains("method POST"))
    }

    @Test func showsOnlyThisStacksContainers() {
        let environment = dozzle.compose(in: context)[service: "dozzle"]!.environment
        #expect(environment.contains(EnvironmentEntry("DOZZLE_FILTER", .text("label=com.docker.compose.project=tangram"))))
        let everything = PluginFixtures.plugin(Dozzle.self, ["all_containers": .bool(true)]).compose(in: context)[service: "dozzle"]!
        #expect(!everything.environment.contains { $0.key == "DOZZLE_FILTER" })
    }

    @Test func theIdentityProvidersHeadersNameTheUser() {
        let environment = dozzle.compose(in: context)[service: "dozzle"]!.environment
        #expect(
            environment.filter { $0.key.hasPrefix("DOZZLE_AUTH") } == [
                EnvironmentEntry("DOZZLE_AUTH_PROVIDER", "forward-proxy"),
                EnvironmentEntry("DOZZLE_AUTH_HEADER_USER", "Remote-User"),
                EnvironmentEntry("DOZZLE_AUTH_HEADER_EMAIL", "Remote-Email"),
                EnvironmentEntry("DOZZLE_AUTH_HEADER_NAME", "Remote-Name"),
            ])
        let alone = dozzle.compose(in: PluginFixtures.context(for: Dozzle.self))[service: "dozzle"]!
        #expect(!alone.environment.contains { $0.key.hasPrefix("DOZZLE_AUTH") })
    }

    @Test func theProxyRenamesTheProvidersHeadersToDozzles() {
        let route = ResolvedRoute(route: dozzle.routes(in: PluginFixtures.stack)[0], module: "dozzle", forwardAuth: Self.authentik.forwardAuth)
        #expect(route.passedHeaders.map { "\($0.from)>\($0.to)" } == ["X-authentik-username>Remote-User", "X-authentik-email>Remote-Email", "X-authentik-name>Remote-Name"])
    }

    @Test func isAProtectedAdminRoute() {
        let routes = dozzle.routes(in: PluginFixtures.stack)
        #expect(
            routes == [
                Route(
                    name: "dozzle", hosts: ["logs.tangram-orchestre.fr"], target: .service("dozzle", port: 8080), protected: true, adminUI: true,
                    identityHeaders: [IdentityHeader(.username, as: "Remote-User"), IdentityHeader(.email, as: "Remote-Email"), IdentityHeader(.name, as: "Remote-Name")]
                )
            ])
    }

    @Test func checksTheContainerAndItsHealthEndpoint() {
        #expect(dozzle.healthChecks(in: context).map(\.name) == ["container", "healthcheck"])
        #expect(dozzle.envSchema(in: context).isEmpty)
        #expect(PluginFixtures.undeclaredVariables(dozzle.compose(in: context), []).isEmpty)
        #expect(dozzle.backup(in: context) == BackupSpec())
    }
}
