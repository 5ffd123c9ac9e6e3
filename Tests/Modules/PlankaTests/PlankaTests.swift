import BerthPlanka
import PluginTesting
import ServicePlugin
import Testing

@Suite struct PlankaTests {
    let planka = PluginFixtures.plugin(Planka.self, ["oidc_admin_roles": .list(["bureau"])])

    func context(version: String? = nil) -> RenderContext {
        PluginFixtures.context(for: Planka.self, version: version, identity: PluginFixtures.identity)
    }

    @Test func fragmentMatchesGolden() {
        assertSnapshot(PluginFixtures.snapshotText(planka.compose(in: context()), module: "planka"), named: "planka.txt")
    }

    @Test func version1FragmentMatchesGolden() {
        assertSnapshot(PluginFixtures.snapshotText(planka.compose(in: context(version: "1.23.5")), module: "planka"), named: "planka-1.x.txt")
    }

    @Test func everyInterpolatedVariableIsDeclared() {
        for version in ["1.23.5", "2.1.0"] {
            let ctx = context(version: version)
            let smtp = PluginFixtures.plugin(Planka.self, ["smtp_host": .string("smtp.example.org")])
            for plugin in [planka, smtp] {
                #expect(PluginFixtures.undeclaredVariables(plugin.compose(in: ctx), plugin.envSchema(in: ctx)).isEmpty)
            }
        }
    }

    @Test func volumesFollowTheVersion() {
        let v1 = planka.compose(in: context(version: "1.23.5"))[service: "planka"]!.volumes.map(\.target)
        #expect(v1 == ["/app/public/user-avatars", "/app/public/project-background-images", "/app/private/attachments"])
        let v2 = planka.compose(in: context())[service: "planka"]!.volumes.map(\.target)
        #expect(v2 == ["/app/data"])
    }

    @Test func waitsForItsDatabaseNotTheIdentityProvider() {
        // The identity provider is asked at a login: a first start does not wait for its healthcheck.
        let app = planka.compose(in: context())[service: "planka"]!
        #expect(app.dependsOn == [Dependency("planka-postgres", .healthy, restart: true)])
    }

    @Test func oidcIsWiredToTheIdentityProvider() {
        let env = Dictionary(uniqueKeysWithValues: planka.compose(in: context())[service: "planka"]!.environment.map { ($0.key, $0.value.rendered) })
        #expect(env["OIDC_ISSUER"] == "https://auth.tangram-orchestre.fr/application/o/planka/")
        #expect(env["OIDC_ADMIN_ROLES"] == "bureau")
        #expect(env["BASE_URL"] == "https://planka.tangram-orchestre.fr")
        let clients = planka.oidcClients(in: PluginFixtures.stack)
        #expect(clients.map(\.redirectURIs) == [["https://planka.tangram-orchestre.fr/oidc-callback"]])
        let shared = planka.envSchema(in: context()).compactMap(\.shared)
        #expect(shared == ["oidc.planka.client_id", "oidc.planka.client_secret"])
    }

    @Test func withoutSSOAsksForNoIdentityProvider() {
        let local = PluginFixtures.plugin(Planka.self, ["sso": .bool(false)])
        #expect(local.requirements(in: PluginFixtures.stack).isEmpty)
        #expect(local.oidcClients(in: PluginFixtures.stack).isEmpty)
        #expect(!local.envSchema(in: context()).map(\.name).contains("OIDC_CLIENT_SECRET"))
    }

    @Test func declaresChecksBackupsAndRoute() {
        #expect(planka.healthChecks(in: context()).map(\.name) == ["app-container", "db-container", "home", "db-ready", "oidc"])
        let backup = planka.backup(in: context())
        #expect(backup.dumps == [PostgresDump(service: "planka-postgres", database: "planka", user: "planka")])
        #expect(backup.include == ["/opt/docker-volumes/planka/data"])
        #expect(planka.routes(in: PluginFixtures.stack).map(\.target) == [.service("planka", port: 1337)])
    }

    @Test func postgresPasswordFitsPostgres() {
        let key = planka.envSchema(in: context()).first { $0.name == "DB_PASSWORD" }!
        #expect(key.secret && key.generator!.length <= SecretGenerator.postgresMaxLength)
    }
}
