@testable import BerthCore
import PluginTesting
import ServicePlugin
import Testing

@Suite struct RouteRulesTests {
    func problems(_ route: Route, protected forwardAuth: ForwardAuth? = PluginFixtures.identity.forwardAuth, proxy: String = "caddy") -> [String] {
        RouteRules.problems(ResolvedRoute(route: route, module: "app", forwardAuth: route.protected ? forwardAuth : nil), proxy: proxy)
    }

    @Test func everyRouteShapeOfTheFixturesIsValid() {
        for route in PluginFixtures.richRoutes {
            #expect(RouteRules.problems(route, proxy: "caddy").isEmpty, "\(route.route.name)")
            #expect(RouteRules.problems(route, proxy: "traefik").isEmpty, "\(route.route.name)")
        }
    }

    @Test func reportsEachBadPart() {
        let route = Route(
            name: "app", hosts: ["app.example.org"], pathPrefixes: ["api", "/v1"], target: .service("app", port: 80), stripPrefix: "/v1", priority: 101,
            redirectFrom: ["bad host"], identityHeaders: [IdentityHeader(.uid, as: "X App"), IdentityHeader(.username, as: "x app")])
        #expect(
            problems(route) == [
                "path prefix 'api' must start with / and hold only letters, digits and . _ ~ / -",
                "strip_prefix /v1 must start every path prefix of the route (api, /v1)",
                "priority must be from 0 to 100, got 101",
                "redirect_from must be a lowercase hostname such as example.org, got 'bad host'",
                "identity headers are passed only on a protected route",
                "identity header 'X App' must hold only letters, digits and -",
                "identity header 'x app' must hold only letters, digits and -",
                "identity header x app is named twice",
            ])
    }

    @Test func theProviderMustVouchForEveryClaimAndServeTheProxy() {
        let route = Route(name: "app", hosts: ["app.example.org"], target: .service("app", port: 80), protected: true, identityHeaders: [IdentityHeader(.groups, as: "X-Groups")])
        #expect(problems(route) == ["the identity provider does not vouch for groups (it offers username, email, name)"])
        let plain = Route(name: "app", hosts: ["app.example.org"], target: .service("app", port: 80), protected: true)
        #expect(problems(plain, proxy: "nginx") == ["the identity provider has no forward-auth endpoint for nginx (it has caddy, traefik)"])
    }

    @Test func traefiksBuiltInServicesNeedTraefik() {
        let dashboard = Route(name: "dashboard", hosts: ["t.example.org"], target: .proxyInternal("api@internal", carrier: "traefik"))
        #expect(problems(dashboard) == ["api@internal is built into Traefik, but the reverse proxy is caddy"])
        #expect(problems(dashboard, proxy: "traefik").isEmpty)
    }
}
