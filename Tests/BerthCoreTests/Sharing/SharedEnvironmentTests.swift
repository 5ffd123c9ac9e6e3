@testable import BerthCore
import ServicePlugin
import Testing

/// A staging beside production: its own identity on the server, its routes through production's proxy.
@Suite struct SharedEnvironmentTests {
    @Test func stagingHasItsOwnProjectFoldersModulesAndApps() throws {
        let staging = try SharingFixture.stack("staging")
        #expect(staging.context.name == "shop-staging")
        #expect(staging.context.dataRoot == "/opt/docker-volumes-staging")
        #expect(staging.context.scratchRoot == "/opt/docker-volumes-no-backup-staging")
        #expect(staging.context.dumpsDir == "/opt/db-backups-staging")
        #expect(staging.modules.map(\.id) == ["planka", "website", "api", "mail"])
        #expect(BackupScript.cronTag(staging) == "# berth backup shop-staging")
        let website = try #require(staging.module("website")?.fragment.services.first)
        #expect(website.image?.description == "ghcr.io/shop/website:staging")
        #expect(try #require(staging.module("api")?.fragment.services.first).image?.description == "ghcr.io/shop/api:production")
        #expect(StackValidator.validate(staging).filter { $0.severity == .error } == [])
    }

    @Test func productionsCaddyServesStagingsHostsUnderTheirAliases() throws {
        let production = try SharingFixture.stack("production")
        let caddy = try #require(production.module("caddy"))
        let caddyfile = caddy.fragment.files[0].contents
        #expect(caddyfile.contains("www.staging.example.org {"))
        #expect(caddyfile.contains("dynamic a website.staging.berth-live 3000"))
        #expect(caddyfile.contains("dynamic a mail.staging.berth-live 1080"))
        // Production's own website keeps its alias; the identity header staging maps is dropped everywhere.
        #expect(caddyfile.contains("dynamic a berth-live-website 3000"))
        #expect(caddyfile.contains("request_header -X-User"))
        #expect(caddy.fragment.services[0].networks == ["default", "berth-live"])
        // Production's checks do not wait for staging, but its TLS checks cover staging's hosts, which it serves.
        #expect(caddy.healthChecks.contains { $0.name == "tls www.staging.example.org" })
        // No production module carries a staging route.
        #expect(production.routes.allSatisfy { $0.environment == nil })
    }

    @Test func stagingsContainersAreAttachedByAliasBehindCaddy() throws {
        let staging = try SharingFixture.stack("staging")
        let shared = try #require(staging.sharedProxy)
        #expect([shared.environment, shared.project, shared.proxyService, shared.network] == ["production", "shop", "caddy", "shop_berth-live"] && shared.joinsByAlias)
        // Compose would add the bare service name on the network, which production's website answers to.
        #expect(staging.modules.allSatisfy { $0.fragment.externalNetworks.isEmpty && $0.fragment.services.allSatisfy { $0.networks.isEmpty } })
        let rollouts = Rollout.services(staging, timeout: 60)
        #expect(rollouts.map(\.service) == ["planka", "website", "api", "mail"])
        #expect(rollouts.map(\.alias) == ["planka.staging.berth-live", "website.staging.berth-live", "api.staging.berth-live", "mail.staging.berth-live"])
        #expect(rollouts.filter(\.rollsOut).map(\.service) == ["website"])
        #expect(Set(rollouts.map(\.project)) == ["shop"])
        let attach = try #require(rollouts.first { $0.service == "mail" }?.attachCommand(Remote(staging.environment)).argv.last?.value)
        #expect(attach.hasSuffix("' berth /opt/services-staging mail shop_berth-live mail.staging.berth-live"))
        // Its rollout probes the new container from production's Caddy, on production's network.
        let rollout = try #require(rollouts.first { $0.service == "website" }?.command(Remote(staging.environment)).argv.last?.value)
        #expect(rollout.hasSuffix("' berth /opt/services-staging website shop caddy shop_berth-live website.staging.berth-live http 3000 /version 60 1"))
    }

    @Test func behindTraefikStagingJoinsTheSharedNetworkAndIsAdmitted() throws {
        let production = try SharingFixture.stack("production", proxy: "traefik")
        let traefik = try #require(production.module("traefik"))
        let staticConfig = try #require(traefik.fragment.files.first { $0.path == "traefik.yml" }).contents
        #expect(staticConfig.contains("Label(`com.docker.compose.project`,`shop`) || Label(`com.docker.compose.project`,`shop-staging`)"))
        #expect(traefik.fragment.networks == ["berth-shared", "traefik-socket"])
        let staging = try SharingFixture.stack("staging", proxy: "traefik")
        let mail = try #require(staging.module("mail"))
        #expect(mail.fragment.externalNetworks == ["berth-shared": "shop_berth-shared"])
        #expect(mail.fragment.services[0].networks == ["default", "berth-shared"])
        let labels = mail.fragment.services[0].labels.map { "\($0.key)=\($0.value)" }
        #expect(labels.contains("traefik.docker.network=shop_berth-shared"))
        #expect(labels.contains("traefik.http.routers.staging-mail.middlewares=authentik-clean@file,authentik@file"))
        #expect(labels.contains("traefik.http.routers.staging-mail.rule=Host(`mail.staging.example.org`)"))
        #expect(Rollout.services(staging, timeout: 60).isEmpty)
        // Production's router check waits only for its own routers.
        let routers = try #require(traefik.healthChecks.first { $0.name == "routers" })
        #expect(!String(describing: routers).contains("staging-"))
    }

    @Test func stagingsOIDCClientIsProductionsBlueprint() throws {
        let production = try SharingFixture.stack("production")
        let authentik = try #require(production.module("authentik"))
        #expect(authentik.fragment.files.map(\.path).contains("blueprints/staging-planka-oidc.yaml"))
        #expect(authentik.envSchema.map(\.name).contains("STAGING_PLANKA_OIDC_CLIENT_SECRET"))
        let staging = try SharingFixture.stack("staging")
        let planka = try #require(staging.module("planka")?.fragment.services.first)
        #expect(planka.environment.contains { $0.key == "OIDC_ISSUER" && $0.value.rendered == "https://auth.example.org/application/o/staging-planka/" })
        // Production's provider runs in another project: nothing in staging may depend on it.
        #expect(planka.dependsOn.allSatisfy { !$0.service.hasPrefix("authentik") })
        let secret = try #require(staging.module("planka")?.envSchema.first { $0.name == "OIDC_CLIENT_SECRET" })
        #expect(secret.shared == authentik.envSchema.first { $0.name == "STAGING_PLANKA_OIDC_CLIENT_SECRET" }?.shared)
    }

    @Test func stagingsDeployLooksForItsRoutesInWhatTheOwnersProxyRuns() throws {
        let caddy = try #require(try SharingFixture.stack("staging").sharedProxy?.configurationProbe)
        #expect(caddy.argv == ["wget", "-q", "-O", "-", "http://localhost:2019/config/apps/http/servers"])
        #expect(caddy.needles == ["\"api.staging.example.org\"", "\"mail.staging.example.org\"", "\"planka.staging.example.org\"", "\"www.staging.example.org\""])
        let traefik = try #require(try SharingFixture.stack("staging", proxy: "traefik").sharedProxy?.configurationProbe)
        #expect(traefik == ConfigurationProbe(argv: ["cat", "/etc/traefik/traefik.yml"], needles: ["`shop-staging`"]))
        let staging = try SharingFixture.stack("staging")
        let line = try #require(Preflight.ownerConfigurationCommand(staging.sharedProxy!, probe: caddy, remote: Remote(staging.environment)).argv.last?.value)
        #expect(line.hasSuffix("' berth caddy shop -i wget -q -O - http://localhost:2019/config/apps/http/servers"))
    }

    @Test func ciTagsReachAnEnvironmentsOwnApps() throws {
        let config = try Fixtures.config(SharingFixture.config())
        let staging = try #require(config.environments.first { $0.name == "staging" }?.apps)
        let tags = try AppTags.parse(["website=sha-1a2b3c", "mail=2.3.0"], apps: staging)
        let stack = try StackBuilder().build(AppTags.applying(tags, to: config), environment: "staging")
        #expect(stack.module("website")?.fragment.services.first?.image?.description == "ghcr.io/shop/website:sha-1a2b3c")
        #expect(stack.module("mail")?.fragment.services.first?.image?.description == "maildev/maildev:2.3.0")
        #expect(throws: BerthError.self) { try AppTags.parse(["mail=2.3.0"], apps: config.apps) }
    }
}
