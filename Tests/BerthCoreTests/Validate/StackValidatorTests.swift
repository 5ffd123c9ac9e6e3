import BerthCore
import ServicePlugin
import Testing

@Suite struct StackValidatorTests {
    @Test func theExampleIsValidInEveryEnvironment() throws {
        for environment in ["production", "staging", "local"] {
            #expect(StackValidator.validate(try Fixtures.stack(environment: environment)).isEmpty)
        }
    }

    @Test func hostPortCollisionNamesBothServices() throws {
        let problems = try FakeStacks.problems("  traefik: {}\n  authentik: {}\n  echo: { port: 443, publish: true }")
        #expect(
            problems == [
                "services.echo: host port 443/tcp: services.echo.port (echo/echo) collides with services.traefik.https_port (traefik/traefik)",
                "warning: services.echo: echo/echo publishes host port 443/tcp on every address: only the reverse proxy's ports need to be reachable; route it through the proxy instead",
            ])
    }

    /// CIS Docker Benchmark 5.9: only the reverse proxy's ports need publishing; another module's is a warning naming it.
    @Test func aPortPublishedByAnyModuleButTheProxyIsAWarning() throws {
        let problems = try FakeStacks.problems("  traefik: {}\n  authentik: {}\n  echo: { port: 8081, publish: true }")
        #expect(
            problems == [
                "warning: services.echo: echo/echo publishes host port 8081/tcp on every address: only the reverse proxy's ports need to be reachable; route it through the proxy instead"
            ])
        #expect(try FakeStacks.problems("  traefik: { http_port: 8080 }\n  authentik: {}\n  echo: {}").isEmpty)
    }

    @Test func twoRoutesOnOneHostname() throws {
        let problems = try FakeStacks.problems("  traefik: { dashboard: \"\" }\n  echo: { subdomain: planka }\n  planka: { sso: false }")
        #expect(problems == ["services.planka: route 'planka' serves planka.tangram-orchestre.fr/, which route 'echo' of echo already serves"])
    }

    @Test func missingIdentityProviderNamesBothModules() throws {
        let problems = try FakeStacks.problems("  traefik: { dashboard_protected: false }\n  planka: {}")
        #expect(problems.contains("services.planka: needs an identity provider for OIDC client 'planka' (services.planka.sso), but no enabled module provides one; enable authentik"))
        // dashboard_protected: false puts the forward-auth in front only when there is a provider: nothing to say about it.
        #expect(problems.count == 1)
    }

    @Test func missingReverseProxyNamesTheRoute() throws {
        let problems = try FakeStacks.problems("  echo: {}")
        #expect(problems == ["services.echo: needs a reverse proxy for route 'echo' (echo.tangram-orchestre.fr), but no enabled module provides one; enable traefik or caddy"])
    }

    @Test func twoProvidersOfOneCapability() throws {
        let problems = try FakeStacks.problems("  traefik: {}\n  authentik: {}\n  echo-proxy: {}", registry: .withEchoProxy)
        #expect(problems == ["services: traefik and echo-proxy both provide a reverse proxy; enable only one"])
    }

    @Test func undeclaredInterpolationIsAModuleBug() throws {
        let problems = try FakeStacks.problems("  traefik: {}\n  authentik: {}\n  echo: { undeclared: true }")
        #expect(problems == ["services.echo: the compose fragment interpolates ${ECHO_TOKEN}, which the module's env schema does not declare"])
    }

    @Test func dataOutsideEveryBackupPathIsReported() throws {
        let problems = try FakeStacks.problems("  traefik: {}\n  authentik: {}\n  echo: { stray_data: true }")
        #expect(problems == ["services.echo: echo mounts /opt/docker-volumes/echo/state, which no backup path covers and none excludes"])
    }

    @Test func moduleAssertionsAreReportedWithTheirPath() throws {
        let problems = try FakeStacks.problems("  traefik: {}\n  authentik: {}\n  kopia: {}\n  watchtower: { schedule: \"0 4 * * *\" }")
        #expect(problems == ["services.watchtower.schedule: must be a six-field cron expression (seconds first), got 5 fields"])
        // A path option is typed: a relative one is a config error before any module sees it.
        #expect(throws: DiagnosticsError.self) { try FakeStacks.problems("  traefik: {}\n  authentik: {}\n  kopia: { rclone_config: rclone }") }
    }

    @Test func independentServicesDoNotWaitOnEachOther() throws {
        // Planka waits for its own database only: it asks the identity provider at a login, not at start.
        let stack = try FakeStacks.build("  traefik: {}\n  authentik: {}\n  planka: {}")
        #expect(StackValidator.validate(stack).isEmpty)
        let app = stack.module("planka")!.fragment[service: "planka"]!
        #expect(app.dependsOn.map(\.service) == ["planka-postgres"])
        // No service of one module waits on another module's, in the whole example stack.
        let example = try FakeStacks.build("  traefik: {}\n  authentik: {}\n  planka: {}\n  kopia: {}\n  watchtower: {}")
        for module in example.modules {
            let own = Set(module.fragment.services.map(\.name))
            for service in module.fragment.services {
                #expect(service.dependsOn.allSatisfy { own.contains($0.service) }, "\(service.name) waits on \(service.dependsOn.map(\.service))")
            }
        }
    }
}
