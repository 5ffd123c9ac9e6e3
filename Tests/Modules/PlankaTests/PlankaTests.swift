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

    @Test func unsetDatabaseOptionsRenderTheModulesOwn() {
        let explicit = PluginFixtures.plugin(Planka.self, ["oidc_admin_roles": .list(["bureau"]), "db_user": .string(""), "db_name": .string(""), "db_auth": .string("password")])
        #expect(explicit.compose(in: context()) == planka.compose(in: context()))
        #expect(explicit.envSchema(in: context()) == planka.envSchema(in: context()))
        #expect(Planka.optionSpecs.suffix(3).map(\.name) == ["db_user", "db_name", "db_auth"])
    }

    /// Tangram's cluster as it was started by hand: role `postgres`, database `planka`, `POSTGRES_HOST_AUTH_METHOD=trust`.
    @Test func takesOverATrustClusterAsFound() {
        let adopted = PluginFixtures.plugin(Planka.self, ["oidc_admin_roles": .list(["bureau"]), "db_user": .string("postgres"), "db_auth": .string("trust")])
        let fragment = adopted.compose(in: context())
        assertSnapshot(PluginFixtures.snapshotText(fragment, module: "planka"), named: "planka-trust.txt")
        let db = fragment[service: "planka-postgres"]!
        let env = Dictionary(uniqueKeysWithValues: db.environment.map { ($0.key, $0.value.rendered) })
        #expect(env == ["POSTGRES_DB": "planka", "POSTGRES_USER": "postgres", "POSTGRES_HOST_AUTH_METHOD": "trust"])
        #expect(db.healthcheck == .pgIsReady(user: "postgres", database: "planka"))
        let url = fragment[service: "planka"]!.environment.first { $0.key == "DATABASE_URL" }!.value.rendered
        #expect(url == "postgresql://postgres@planka-postgres/planka")
        let schema = adopted.envSchema(in: context())
        #expect(!schema.map(\.name).contains("DB_PASSWORD"))
        #expect(PluginFixtures.undeclaredVariables(fragment, schema).isEmpty)
        #expect(adopted.healthChecks(in: context()).contains { $0.kind == .command(service: "planka-postgres", argv: ["pg_isready", "-U", "postgres", "-d", "planka"], expectExit: 0) })
        #expect(adopted.backup(in: context()).dumps == [PostgresDump(service: "planka-postgres", database: "planka", user: "postgres")])
    }

    @Test func anotherDatabaseKeepsThePassword() {
        let renamed = PluginFixtures.plugin(Planka.self, ["db_user": .string("boards"), "db_name": .string("kanban")])
        let fragment = renamed.compose(in: context())
        let env = Dictionary(uniqueKeysWithValues: fragment[service: "planka-postgres"]!.environment.map { ($0.key, $0.value.rendered) })
        #expect(env["POSTGRES_DB"] == "kanban" && env["POSTGRES_USER"] == "boards" && env["POSTGRES_HOST_AUTH_METHOD"] == nil)
        #expect(env["POSTGRES_PASSWORD"] == "${DB_PASSWORD:?set DB_PASSWORD in .env}")
        let url = fragment[service: "planka"]!.environment.first { $0.key == "DATABASE_URL" }!.value.rendered
        #expect(url == "postgresql://boards:${DB_PASSWORD:?set DB_PASSWORD in .env}@planka-postgres/kanban")
        #expect(renamed.envSchema(in: context()).map(\.name).contains("DB_PASSWORD"))
    }
}
