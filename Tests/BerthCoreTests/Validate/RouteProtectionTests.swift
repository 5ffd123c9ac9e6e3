import BerthCore
import ServicePlugin
import Testing

/// An admin console whose route declares the protection its `protection` option names, with an identity header.
private struct Console: ServicePlugin {
    static let id = "console"
    static let summary = "test module with an admin UI"
    static let app = ImageSpec(name: "console", repository: "example/console", defaultTag: "1.0")
    static let images = [app]
    static let protection = OptionKey("protection", .oneOf(["never", "always", "whenIdentityProvider"]), default: "whenIdentityProvider", "route protection")
    static let options: [any OptionDeclaration] = [protection]
    let options: OptionValues
    init(options: OptionValues) { self.options = options }

    func routes(in context: StackContext) -> [Route] {
        [
            Route(
                name: "console", hosts: [context.host("console")], target: .service("console", port: 80),
                protection: Route.Protection(rawValue: options[Self.protection]) ?? .always, adminUI: true,
                identityHeaders: [IdentityHeader(.username, as: "X-User")])
        ]
    }

    func compose(in context: RenderContext) -> ComposeFragment {
        ComposeFragment(services: [ComposeService(name: "console", image: context.image(Self.app))])
    }
}

/// `.whenIdentityProvider`: protected when the stack has an identity provider, public otherwise, and valid either way.
@Suite struct RouteProtectionTests {
    static let registry = PluginRegistry(PluginRegistry.standard.plugins + [Console.self])

    func stack(_ services: String) throws -> Stack { try FakeStacks.build(services, registry: Self.registry) }

    func problems(_ services: String) throws -> [String] { try FakeStacks.problems(services, registry: Self.registry) }

    func file(_ stack: Stack, _ path: String) throws -> String {
        try #require(TreeRenderer.render(stack).files.first { $0.path == path }?.contents, "\(path) is not rendered")
    }

    @Test func anAdminUIProtectedWhenThereIsAProviderValidatesWithAndWithoutOne() throws {
        #expect(try problems("  traefik: { dashboard: \"\" }\n  console: {}").isEmpty)
        #expect(try problems("  traefik: { dashboard: \"\" }\n  authentik: {}\n  console: {}").isEmpty)
    }

    @Test func itIsResolvedAgainstTheStack() throws {
        let alone = try #require(try stack("  traefik: { dashboard: \"\" }\n  console: {}").routes.first)
        #expect(alone.route.protection == .never && alone.forwardAuth == nil && alone.declaredProtection == .whenIdentityProvider)
        #expect(alone.passedHeaders.isEmpty)
        let guarded = try #require(try stack("  traefik: { dashboard: \"\" }\n  authentik: {}\n  console: {}").routes.first { $0.route.name == "console" })
        #expect(guarded.route.protection == .always && guarded.forwardAuth != nil)
        #expect(guarded.passedHeaders.map(\.to) == ["X-User"])
    }

    @Test func traefikPutsTheForwardAuthInFrontOnlyWhenThereIsAProvider() throws {
        let alone = try file(try stack("  traefik: { dashboard: \"\" }\n  console: {}"), "console/docker-compose.yaml")
        #expect(alone.contains("traefik.http.routers.console.rule"))
        #expect(!alone.contains("forwardauth") && !alone.contains("middlewares"))
        let guarded = try file(try stack("  traefik: { dashboard: \"\" }\n  authentik: {}\n  console: {}"), "console/docker-compose.yaml")
        #expect(guarded.contains("traefik.http.middlewares.console-auth.forwardauth.address=http://authentik-server:9000/"))
    }

    @Test func caddyPutsTheForwardAuthInFrontOnlyWhenThereIsAProvider() throws {
        let alone = try file(try stack("  caddy: {}\n  console: {}"), "caddy/Caddyfile")
        #expect(alone.contains("console.tangram-orchestre.fr"))
        #expect(!alone.contains("forward_auth"))
        let guarded = try file(try stack("  caddy: {}\n  authentik: {}\n  console: {}"), "caddy/Caddyfile")
        #expect(guarded.contains("forward_auth"))
    }

    @Test func theProviderIsToldOfTheRouteOnlyWhenItGuardsIt() throws {
        let blueprint = try file(try stack("  traefik: { dashboard: \"\" }\n  authentik: {}\n  console: {}"), "authentik/blueprints/forward-auth.yaml")
        #expect(blueprint.contains("console.tangram-orchestre.fr"))
    }

    @Test func anAdminUIDeclaredPublicIsStillRefused() throws {
        #expect(
            try problems("  traefik: { dashboard: \"\" }\n  authentik: {}\n  console: { protection: never }") == [
                "services.console: route 'console' is an admin interface and must be protected by the identity provider",
                "services.console: route 'console': identity headers are passed only on a protected route",
            ])
        // `.always` still wants a provider in the stack.
        #expect(
            try problems("  traefik: { dashboard: \"\" }\n  console: { protection: always }") == [
                "services.console: needs an identity provider for protected route 'console', but no enabled module provides one; enable authentik"
            ])
    }

    @Test func kopiaAndTraefikUnprotectedMeanProtectedWhenThereIsAProvider() throws {
        #expect(try problems("  traefik: { dashboard_protected: false }\n  kopia: { protected: false }").isEmpty)
        let guarded = try stack("  traefik: { dashboard_protected: false }\n  authentik: {}\n  kopia: { protected: false }")
        #expect(StackValidator.validate(guarded).isEmpty)
        #expect(Set(guarded.routes.filter { $0.forwardAuth != nil }.map(\.route.name)) == ["dashboard", "kopia"])
        // Left at true, both still require the provider.
        #expect(try problems("  traefik: {}\n  kopia: {}").count == 2)
    }
}
