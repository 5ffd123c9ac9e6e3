@testable import BerthCore
import ServicePlugin
import Testing

/// `db_user`, `db_name` and `db_auth`, which every module with a PostgreSQL sidecar takes, read from `berth.yaml`.
@Suite struct PostgresOptionsConfigTests {
    @Test func aHandStartedClusterIsKeptAsFound() throws {
        let stack = try Fixtures.stack(Fixtures.withServices("  planka: { sso: false, db_user: postgres, db_auth: trust }\n  traefik: {}"))
        let planka = try #require(stack.module("planka"))
        let db = try #require(planka.fragment.services.first { $0.name == "planka-postgres" })
        let env = Dictionary(uniqueKeysWithValues: db.environment.map { ($0.key, $0.value.rendered) })
        #expect(env == ["TZ": "Europe/Paris", "POSTGRES_DB": "planka", "POSTGRES_USER": "postgres", "POSTGRES_HOST_AUTH_METHOD": "trust", "PGDATA": "/var/lib/postgresql/data"])
        let app = try #require(planka.fragment.services.first { $0.name == "planka" })
        #expect(app.environment.first { $0.key == "DATABASE_URL" }?.value.rendered == "postgresql://postgres@planka-postgres/planka")
    }

    @Test func badValuesAreErrorsAtTheirPath() {
        let text = Fixtures.withServices("  planka: { sso: false, db_auth: md5, db_user: \"planka-admin\" }\n  authentik: { db_name: \"\" }\n  traefik: {}")
        #expect {
            try Fixtures.config(text)
        } throws: { error in
            let lines = (error as? DiagnosticsError)?.diagnostics.map(\.description) ?? []
            return lines.count == 2
                && lines.contains { $0.contains("services.planka.db_auth: must be one of password, trust, got 'md5'") }
                && lines.contains { $0.contains("services.planka.db_user: must be 1 to 63 letters, digits or '_', got 'planka-admin'") }
        }
    }

    @Test func identifiersAreLettersDigitsAndUnderscores() {
        #expect(Validators.identifier("planka_2") == nil)
        #expect(Validators.identifier("Postgres") == nil)
        #expect(Validators.identifier("") != nil)
        #expect(Validators.identifier(String(repeating: "a", count: 64)) != nil)
        for bad in ["a-b", "a b", "a;b", "é", "a\"b"] { #expect(Validators.identifier(bad) != nil, "\(bad)") }
    }
}
