@testable import BerthCore
import ServicePlugin
import Testing

@Suite struct ConfigLoaderTests {
    @Test func theExampleLoadsWithDefaults() throws {
        let config = try Fixtures.config()
        #expect(config.name == "tangram")
        #expect(config.services.map(\.id) == ["traefik", "authentik", "planka", "kopia", "watchtower"])
        #expect(config.scratchRoot == "/opt/docker-volumes-no-backup")
        #expect(config.dumpsDir == "/opt/db-backups")
        #expect(config.environments.map(\.name) == ["production", "staging", "local"])
        #expect(config.environments[0].target == .ssh(user: "deploy", host: "tangram-orchestre.fr", port: nil, path: "/opt/services"))
        #expect(config.environments[2].target == .file(path: "/tmp/berth-tests/.berth/local"))
        #expect(config.services[2].options["oidc_admin_roles"] == .list(["bureau"]))
    }

    @Test func emptyModuleOptionsTakeDefaults() throws {
        let stack = try Fixtures.stack(Fixtures.withServices("  planka: {}\n  authentik:\n  traefik: {}"))
        #expect(stack.module("planka")?.routes.first?.route.hosts == ["planka.tangram-orchestre.fr"])
        #expect(stack.module("authentik")?.routes.first?.route.hosts == ["auth.tangram-orchestre.fr"])
    }

    @Test func versionOverridesTheImageTag() throws {
        let stack = try Fixtures.stack(Fixtures.withServices("  planka: { version: \"1.23.5\", sso: false }\n  traefik: {}"))
        #expect(stack.module("planka")?.images["app"] == ImageRef(repository: "ghcr.io/plankanban/planka", tag: "1.23.5"))
    }

    @Test func imagesPinAnyOfAModulesImagesAndNameUnknownOnes() throws {
        let stack = try Fixtures.stack(Fixtures.withServices("  planka: { version: \"1.23.5\", sso: false, images: { postgres: \"14-alpine\" } }\n  traefik: {}"))
        #expect(stack.module("planka")?.images["postgres"]?.tag == "14-alpine" && stack.module("planka")?.images["app"]?.tag == "1.23.5")
        #expect(stack.module("planka")?.fragment.services.first { $0.name == "planka-postgres" }?.image?.tag == "14-alpine")
        let text = Fixtures.withServices("  planka: { sso: false, images: { redis: \"7\", postgres: \"no good\" } }\n  traefik: {}")
        do {
            _ = try Fixtures.config(text)
            Issue.record("the config should be refused")
        } catch {
            #expect(String(describing: error).contains("services.planka.images.redis: unknown key (allowed: app, postgres)"))
            #expect(String(describing: error).contains("services.planka.images.postgres: must be an image tag"))
        }
    }

    @Test func reportsEveryProblemAtOnceWithLines() {
        let text = """
            name: Tangram
            domain: tangram-orchestre.fr
            acme_email: nobody
            services:
              planka: { subdomain: "Bad Label", colour: blue }
            environments:
              production: { target: "ftp://x/y" }
            """
        #expect {
            try Fixtures.config(text)
        } throws: { error in
            let lines = (error as? DiagnosticsError)?.diagnostics.map(\.description) ?? []
            return lines.count == 5
                && lines.contains { $0.hasPrefix("/tmp/berth-tests/berth.yaml:1: name: must be a compose project name") }
                && lines.contains { $0.hasPrefix("/tmp/berth-tests/berth.yaml:3: acme_email: must be an e-mail address") }
                && lines.contains { $0.hasPrefix("/tmp/berth-tests/berth.yaml:5: services.planka.subdomain: must be a DNS label") }
                && lines.contains { $0.hasPrefix("/tmp/berth-tests/berth.yaml:5: services.planka.colour: unknown key") }
                && lines.contains { $0.hasPrefix("/tmp/berth-tests/berth.yaml:7: environments.production.target: must be ssh://") }
        }
    }

    @Test func syntaxErrorsNameTheLine() {
        #expect {
            try Fixtures.config("name: x\nservices:\n  planka: {\n")
        } throws: { error in
            (error as? DiagnosticsError)?.diagnostics.first?.description.contains("YAML syntax error") == true
        }
    }
}
