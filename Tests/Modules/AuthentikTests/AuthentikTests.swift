import BerthAuthentik
import PluginTesting
import ServicePlugin
import Testing

@Suite struct AuthentikTests {
    let authentik = PluginFixtures.plugin(Authentik.self)
    let client = OIDCClientRequest(
        module: "planka", slug: "planka", displayName: "Planka", launchURL: "https://planka.tangram-orchestre.fr",
        redirectURIs: ["https://planka.tangram-orchestre.fr/oidc-callback"]
    )

    func context(version: String? = nil, protected: Bool = true) -> RenderContext {
        let route = ResolvedRoute(route: Route(name: "kopia", hosts: ["kopia.tangram-orchestre.fr"], target: .service("kopia", port: 51515), protected: protected), module: "kopia", forwardAuth: nil)
        return PluginFixtures.context(for: Authentik.self, version: version, oidcClients: [client], routes: [route])
    }

    @Test func fragmentMatchesGolden() {
        assertSnapshot(PluginFixtures.snapshotText(authentik.assembled(in: context()).fragment, module: "authentik"), named: "authentik.txt")
    }

    @Test func referencePinMatchesGolden() {
        assertSnapshot(PluginFixtures.snapshotText(authentik.assembled(in: context(version: "2024.12.2")).fragment, module: "authentik"), named: "authentik-2024.12.2.txt")
    }

    @Test func redisOnlyBefore2025_10() {
        let names = { (version: String) in self.authentik.assembled(in: self.context(version: version)).fragment.services.map(\.name) }
        #expect(names("2024.12.2") == ["authentik-postgresql", "authentik-redis", "authentik-server", "authentik-worker"])
        #expect(names("2025.8.4") == ["authentik-postgresql", "authentik-redis", "authentik-server", "authentik-worker"])
        #expect(names("2025.10.0") == ["authentik-postgresql", "authentik-server", "authentik-worker"])
        #expect(names("2026.8.5") == ["authentik-postgresql", "authentik-server", "authentik-worker"])
    }

    @Test func dataMovesToSlashDataIn2025_12() {
        let targets = { (version: String) in self.authentik.assembled(in: self.context(version: version)).fragment[service: "authentik-server"]!.volumes.map(\.target) }
        #expect(targets("2025.10.3") == ["/media", "/templates"])
        #expect(targets("2025.12.0") == ["/data", "/templates"])
    }

    @Test func everyInterpolatedVariableIsDeclared() {
        for version in ["2024.12.2", "2026.8.5"] {
            let ctx = context(version: version)
            #expect(PluginFixtures.undeclaredVariables(authentik.assembled(in: ctx).fragment, authentik.assembled(in: ctx).envSchema).isEmpty)
        }
    }

    @Test func realisesOIDCClientsAsBlueprintsMountedInTheWorker() {
        let fragment = authentik.assembled(in: context()).fragment
        #expect(fragment.files.map(\.path) == ["blueprints/planka-oidc.yaml", "blueprints/forward-auth.yaml"])
        let blueprint = fragment.files[0].contents
        #expect(blueprint.contains("client_id: !Env PLANKA_OIDC_CLIENT_ID"))
        #expect(blueprint.contains("client_secret: !Env PLANKA_OIDC_CLIENT_SECRET"))
        #expect(blueprint.contains("url: \"https://planka.tangram-orchestre.fr/oidc-callback\""))
        let worker = fragment[service: "authentik-worker"]!
        #expect(worker.volumes.contains(VolumeMount("./blueprints", "/blueprints/berth", readOnly: true, role: .config)))
        let shared = authentik.assembled(in: context()).envSchema.filter { $0.shared != nil }
        #expect(shared.map(\.name) == ["PLANKA_OIDC_CLIENT_ID", "PLANKA_OIDC_CLIENT_SECRET"])
        #expect(shared.map(\.shared) == [client.clientIDShared, client.clientSecretShared])
    }

    /// Traefik copies only names the answer carries: the outpost is told to send the names routes ask for.
    @Test func answersWithTheHeaderNamesProtectedRoutesAskFor() throws {
        let routes = PluginFixtures.context(for: Authentik.self, routes: PluginFixtures.richRoutes)
        let blueprint = try #require(authentik.assembled(in: routes).fragment.files.first { $0.path == "blueprints/forward-auth.yaml" }).contents
        #expect(blueprint.contains("model: authentik_providers_oauth2.scopemapping"))
        #expect(blueprint.contains(#"\"X-App-Email\": request.user.email, \"X-App-User\": request.user.username"#))
        #expect(blueprint.contains("- !KeyOf identity-headers"))
        let plain = try #require(authentik.assembled(in: context()).fragment.files.first { $0.path == "blueprints/forward-auth.yaml" }).contents
        #expect(!plain.contains("scopemapping") && !plain.contains("property_mappings"))
    }

    @Test func noBlueprintsWithoutClientsOrProtectedRoutes() {
        let bare = PluginFixtures.context(for: Authentik.self)
        let fragment = authentik.assembled(in: bare).fragment
        #expect(fragment.files.isEmpty)
        #expect(!fragment[service: "authentik-worker"]!.volumes.map(\.target).contains("/blueprints/berth"))
    }

    @Test func providesForwardAuthAndIssuer() {
        let info = authentik.identityProvider(in: PluginFixtures.stack)
        #expect(info.forwardAuth.address(for: "traefik") == "http://authentik-server:9000/outpost.goauthentik.io/auth/traefik")
        #expect(info.forwardAuth.address(for: "caddy") == "http://authentik-server:9000/outpost.goauthentik.io/auth/caddy")
        #expect(info.forwardAuth.address(for: "nginx") == nil)
        #expect(info.forwardAuth.claims[.username] == "X-authentik-username")
        #expect(info.forwardAuth.trustForwardHeader)
        #expect(info.forwardAuth.authResponseHeaders.contains("X-authentik-username"))
        #expect(info.issuer(for: "planka") == "https://auth.tangram-orchestre.fr/application/o/planka/")
        #expect(authentik.provides == [.identityProvider])
    }

    @Test func databaseFollowsTheDatabaseOptions() {
        let env = { (plugin: Authentik, service: String) in
            Dictionary(uniqueKeysWithValues: plugin.assembled(in: self.context()).fragment[service: service]!.environment.map { ($0.key, $0.value.rendered) })
        }
        let own = env(authentik, "authentik-server")
        #expect(own["AUTHENTIK_POSTGRESQL__USER"] == "authentik" && own["AUTHENTIK_POSTGRESQL__NAME"] == "authentik")
        #expect(own["AUTHENTIK_POSTGRESQL__PASSWORD"] == "${PG_PASS:?set PG_PASS in .env}")
        let adopted = PluginFixtures.plugin(Authentik.self, ["db_user": .string("postgres"), "db_name": .string("sso"), "db_auth": .string("trust")])
        for service in ["authentik-server", "authentik-worker"] {
            let found = env(adopted, service)
            #expect(found["AUTHENTIK_POSTGRESQL__USER"] == "postgres" && found["AUTHENTIK_POSTGRESQL__NAME"] == "sso")
            #expect(found["AUTHENTIK_POSTGRESQL__PASSWORD"] == nil)
        }
        let db = env(adopted, "authentik-postgresql")
        #expect(db == ["POSTGRES_DB": "sso", "POSTGRES_USER": "postgres", "POSTGRES_HOST_AUTH_METHOD": "trust", "PGDATA": "/var/lib/postgresql/data"])
        let schema = adopted.assembled(in: context()).envSchema
        #expect(!schema.map(\.name).contains("PG_PASS"))
        #expect(PluginFixtures.undeclaredVariables(adopted.assembled(in: context()).fragment, schema).isEmpty)
        #expect(adopted.assembled(in: context()).healthChecks.contains { $0.kind == .command(service: "authentik-postgresql", argv: ["pg_isready", "-U", "postgres", "-d", "sso"], expectExit: 0) })
    }

    @Test func declaresHealthChecks() {
        let checks = authentik.assembled(in: context()).healthChecks
        #expect(checks.map(\.name) == ["server-container", "worker-container", "live", "ready", "worker", "db-container", "db-ready"])
        #expect(checks.contains { $0.kind == .command(service: "authentik-worker", argv: ["ak", "healthcheck"], expectExit: 0) })
    }

    /// sample.env lists the module's own keys, then its database's: parts come after the module's declarations.
    @Test func envKeysListTheDatabaseAfterTheModulesOwn() {
        let names = authentik.assembled(in: context()).envSchema.map(\.name)
        #expect(Array(names.prefix(2)) == ["AUTHENTIK_SECRET_KEY", "AUTHENTIK_EMAIL__HOST"])
        #expect(Array(names.suffix(3)) == ["PLANKA_OIDC_CLIENT_ID", "PLANKA_OIDC_CLIENT_SECRET", "PG_PASS"])
    }
}
