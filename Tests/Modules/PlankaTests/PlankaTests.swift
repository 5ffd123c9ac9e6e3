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
        assertSnapshot(PluginFixtures.snapshotText(planka.assembled(in: context()).fragment, module: "planka"), named: "planka.txt")
    }

    @Test func version1FragmentMatchesGolden() {
        assertSnapshot(PluginFixtures.snapshotText(planka.assembled(in: context(version: "1.23.5")).fragment, module: "planka"), named: "planka-1.x.txt")
    }

    @Test func everyInterpolatedVariableIsDeclared() {
        for version in ["1.23.5", "2.1.0"] {
            let ctx = context(version: version)
            let smtp = PluginFixtures.plugin(Planka.self, ["smtp_host": .string("smtp.example.org")])
            for plugin in [planka, smtp] {
                #expect(PluginFixtures.undeclaredVariables(plugin.assembled(in: ctx).fragment, plugin.assembled(in: ctx).envSchema).isEmpty)
            }
        }
    }

    @Test func volumesFollowTheVersion() {
        let v1 = planka.assembled(in: context(version: "1.23.5")).fragment[service: "planka"]!.volumes.map(\.target)
        #expect(v1 == ["/app/public/user-avatars", "/app/public/project-background-images", "/app/private/attachments"])
        let v2 = planka.assembled(in: context()).fragment[service: "planka"]!.volumes.map(\.target)
        #expect(v2 == ["/app/data"])
    }

    @Test func waitsForItsDatabaseNotTheIdentityProvider() {
        // The identity provider is asked at a login: a first start does not wait for its healthcheck.
        let app = planka.assembled(in: context()).fragment[service: "planka"]!
        #expect(app.dependsOn == [Dependency("planka-postgres", .healthy, restart: true)])
    }

    @Test func oidcIsWiredToTheIdentityProvider() {
        let env = Dictionary(uniqueKeysWithValues: planka.assembled(in: context()).fragment[service: "planka"]!.environment.map { ($0.key, $0.value.rendered) })
        #expect(env["OIDC_ISSUER"] == "https://auth.tangram-orchestre.fr/application/o/planka/")
        #expect(env["OIDC_ADMIN_ROLES"] == "bureau")
        #expect(env["BASE_URL"] == "https://planka.tangram-orchestre.fr")
        let clients = planka.oidcClients(in: PluginFixtures.stack)
        #expect(clients.map(\.redirectURIs) == [["https://planka.tangram-orchestre.fr/oidc-callback"]])
        let shared = planka.assembled(in: context()).envSchema.compactMap(\.shared)
        #expect(shared == ["oidc.planka.client_id", "oidc.planka.client_secret"])
    }

    @Test func withoutSSOAsksForNoIdentityProvider() {
        let local = PluginFixtures.plugin(Planka.self, ["sso": .bool(false)])
        #expect(local.requirements(in: PluginFixtures.stack).isEmpty)
        #expect(local.oidcClients(in: PluginFixtures.stack).isEmpty)
        #expect(!local.assembled(in: context()).envSchema.map(\.name).contains("OIDC_CLIENT_SECRET"))
    }

    @Test func declaresChecksBackupsAndRoute() {
        #expect(planka.assembled(in: context()).healthChecks.map(\.name) == ["app-container", "home", "oidc", "db-container", "db-ready"])
        let backup = planka.assembled(in: context()).backup
        #expect(backup.dumps == [PostgresDump(service: "planka-postgres", database: "planka", user: "planka")])
        #expect(backup.include == ["/opt/docker-volumes/planka/data"])
        #expect(planka.routes(in: PluginFixtures.stack).map(\.target) == [.service("planka", port: 1337)])
    }

    /// sample.env lists the module's own keys, then its database's: parts come after the module's declarations.
    @Test func envKeysListTheDatabaseAfterTheModulesOwn() {
        let names = planka.assembled(in: context()).envSchema.map(\.name)
        #expect(names == ["SECRET_KEY", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "SMTP_NAME", "SMTP_PASSWORD", "DB_PASSWORD"])
    }

    @Test func postgresPasswordFitsPostgres() {
        let key = planka.assembled(in: context()).envSchema.first { $0.name == "DB_PASSWORD" }!
        #expect(key.secret && key.generator!.length <= SecretGenerator.postgresMaxLength)
    }

    @Test func unsetDatabaseOptionsRenderTheModulesOwn() {
        let explicit = PluginFixtures.plugin(Planka.self, ["oidc_admin_roles": .list(["bureau"]), "db_user": .string(""), "db_name": .string(""), "db_auth": .string("password")])
        #expect(explicit.assembled(in: context()).fragment == planka.assembled(in: context()).fragment)
        #expect(explicit.assembled(in: context()).envSchema == planka.assembled(in: context()).envSchema)
        #expect(Planka.optionSpecs.suffix(3).map(\.name) == ["db_user", "db_name", "db_auth"])
    }

    /// Tangram's cluster as it was started by hand: role `postgres`, database `planka`, `POSTGRES_HOST_AUTH_METHOD=trust`.
    @Test func takesOverATrustClusterAsFound() {
        let adopted = PluginFixtures.plugin(Planka.self, ["oidc_admin_roles": .list(["bureau"]), "db_user": .string("postgres"), "db_auth": .string("trust")])
        let fragment = adopted.assembled(in: context()).fragment
        assertSnapshot(PluginFixtures.snapshotText(fragment, module: "planka"), named: "planka-trust.txt")
        let db = fragment[service: "planka-postgres"]!
        let env = Dictionary(uniqueKeysWithValues: db.environment.map { ($0.key, $0.value.rendered) })
        #expect(env == ["POSTGRES_DB": "planka", "POSTGRES_USER": "postgres", "POSTGRES_HOST_AUTH_METHOD": "trust", "PGDATA": "/var/lib/postgresql/data"])
        #expect(db.healthcheck == .pgIsReady(user: "postgres", database: "planka"))
        let url = fragment[service: "planka"]!.environment.first { $0.key == "DATABASE_URL" }!.value.rendered
        #expect(url == "postgresql://postgres@planka-postgres/planka")
        let schema = adopted.assembled(in: context()).envSchema
        #expect(!schema.map(\.name).contains("DB_PASSWORD"))
        #expect(PluginFixtures.undeclaredVariables(fragment, schema).isEmpty)
        #expect(adopted.assembled(in: context()).healthChecks.contains { $0.kind == .command(service: "planka-postgres", argv: ["pg_isready", "-U", "postgres", "-d", "planka"], expectExit: 0) })
        #expect(adopted.assembled(in: context()).backup.dumps == [PostgresDump(service: "planka-postgres", database: "planka", user: "postgres")])
    }

    @Test func anotherDatabaseKeepsThePassword() {
        let renamed = PluginFixtures.plugin(Planka.self, ["db_user": .string("boards"), "db_name": .string("kanban")])
        let fragment = renamed.assembled(in: context()).fragment
        let env = Dictionary(uniqueKeysWithValues: fragment[service: "planka-postgres"]!.environment.map { ($0.key, $0.value.rendered) })
        #expect(env["POSTGRES_DB"] == "kanban" && env["POSTGRES_USER"] == "boards" && env["POSTGRES_HOST_AUTH_METHOD"] == nil)
        #expect(env["POSTGRES_PASSWORD"] == "${DB_PASSWORD:?set DB_PASSWORD in .env}")
        let url = fragment[service: "planka"]!.environment.first { $0.key == "DATABASE_URL" }!.value.rendered
        #expect(url == "postgresql://boards:${DB_PASSWORD:?set DB_PASSWORD in .env}@planka-postgres/kanban")
        #expect(renamed.assembled(in: context()).envSchema.map(\.name).contains("DB_PASSWORD"))
    }
}
