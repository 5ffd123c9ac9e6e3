import BerthCore
import Foundation
import PluginTesting
import ServicePlugin
import Testing

/// Every route shape of `PluginFixtures.richRoutes`, rendered by the caddy and the traefik module and served by
/// the REAL Caddy and the REAL Traefik on loopback, held to the same expectations (``ShapesStack``).
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct RouteShapesThroughProxyTests {
    @Test(arguments: ShapesStack.Proxy.allCases) func everyRouteShapeReachesTheRightContainer(_ proxy: ShapesStack.Proxy) throws {
        var stack = try ShapesStack(proxy)
        defer { stack.tearDown() }
        try stack.start()
        proxy.trust(&stack.through, folder: stack.folder)
        let through = stack.through
        let domain = "tangram-orchestre.fr"

        // The proxy's own checks read what it loaded (Traefik's routers from its API), and a route it lacks fails them.
        let checks = try stack.ownChecksWhenPassing()
        #expect(!checks.isEmpty && checks.values.allSatisfy { $0.status == .ok }, "\(checks)")
        var lacking = stack.context
        lacking.routes.append(ResolvedRoute(route: Route(name: "absent", hosts: ["absent.\(domain)"], target: .service("site", port: 3000)), module: "site", forwardAuth: nil))
        let failing = try stack.ownChecks(for: lacking).filter { $0.value.status != .ok }
        #expect(failing.count == 1 && failing.values.first?.message.contains("absent") == true, "\(failing)")

        // Several hosts, a path prefix with a higher priority than the site on the same host, stripped.
        let site = try through.get("https://www.\(domain)/about")
        #expect(site.status == 200 && site.body.hasPrefix("Name: site\nGET /about\n"), "\(site)")
        let api = try through.get("https://www.\(domain)/api/v1/items?page=2")
        #expect(api.status == 200 && api.body.hasPrefix("Name: backend\nGET /v1/items?page=2\n"), "\(api)")
        let portalAPI = try through.get("https://portal.\(domain)/api/health")
        #expect(portalAPI.status == 200 && portalAPI.body.hasPrefix("Name: backend\nGET /health\n"), "\(portalAPI)")

        // The apex redirects permanently to www, keeping path and query.
        let apex = try through.get("https://\(domain)/agenda/2026?lang=fr")
        #expect(apex.status == 301 && apex.headers["location"] == "https://www.\(domain)/agenda/2026?lang=fr", "\(apex)")
        // Plain HTTP redirects to HTTPS.
        let plain = try through.get("http://www.\(domain)/about")
        #expect([301, 308].contains(plain.status) && plain.headers["location"] == "https://www.\(domain)/about", "\(plain)")

        // Protected: without a session (or with a made-up one), the sign-in redirect; the app sees nothing.
        for cookie in [nil, "authentik_proxy_standin=alice.0123456789abcdef0123456789abcdef"] {
            let anonymous = try through.get("https://api.\(domain)/me", cookie: cookie)
            #expect(anonymous.status == 302, "\(anonymous)")
            #expect(anonymous.headers["location"]?.contains("/outpost.goauthentik.io/start?rd=https://api.\(domain):\(through.httpsPort)/me") == true, "\(anonymous)")
        }

        // With a session: the mapped headers, and none of the client's forged ones, nor one under a name that
        // aliases a mapped one for apps reading headers as variables (CGI, WSGI, PHP: X_App_User is HTTP_X_APP_USER).
        let cookie = try stack.signIn(as: "alice")
        #expect(cookie.hasPrefix("authentik_proxy_standin=alice."))
        let forged = ["X_App_User": "mallory", "X-App-User": "mallory", "X-App-Email": "mallory@evil.test", "X-authentik-username": "mallory"]
        let signedIn = try through.get("https://api.\(domain)/me", headers: forged, cookie: cookie)
        #expect(signedIn.status == 200 && signedIn.body.hasPrefix("Name: backend\nGET /me\n"), "\(signedIn)")
        let seen = ThroughProxy.echoedHeaders(signedIn.body)
        #expect(seen["x-app-user"] == "alice" && seen["x-app-email"] == "alice@example.org", "\(seen)")
        #expect(!signedIn.body.contains("mallory"), "\(signedIn.body)")
        // A public route drops them too: the backend reads X-App-User on /api as well.
        let publicAPI = try through.get("https://www.\(domain)/api/me", headers: forged)
        #expect(publicAPI.status == 200 && publicAPI.body.hasPrefix("Name: backend\n") && !publicAPI.body.contains("mallory"), "\(publicAPI.body)")
        // A route without a mapping passes the provider's own headers, forged ones dropped too.
        let portal = try through.get("https://portal.\(domain)/", headers: forged, cookie: cookie)
        #expect(portal.status == 200 && portal.body.hasPrefix("Name: portal\n"), "\(portal)")
        #expect(ThroughProxy.echoedHeaders(portal.body)["x-authentik-username"] == "alice" && !portal.body.contains("mallory"), "\(portal.body)")

        // The proxy's own admin route (Traefik's dashboard) is protected the same way.
        for route in stack.module.routes(in: stack.context.stack) where route.adminUI {
            let host = route.hosts[0]
            let anonymous = try through.get("https://\(host)/")
            #expect(anonymous.status == 302 && anonymous.headers["location"]?.contains("/outpost.goauthentik.io/start?rd=") == true, "\(anonymous)")
            let answer = try #require(proxy.adminAnswer, "\(proxy) has an admin route but no expected answer")
            let signedInAdmin = try through.get("https://\(host)\(answer.path)", cookie: cookie)
            #expect(signedInAdmin.status == 200 && signedInAdmin.body.contains(answer.contains), "\(signedInAdmin)")
        }
        #expect(stack.module.routes(in: stack.context.stack).contains { $0.adminUI } == (proxy.adminAnswer != nil))

        // TLS verifies only against what the proxy's certificates were issued by.
        var untrusted = through
        untrusted.rootCertificate = nil
        untrusted.insecure = false
        #expect(try untrusted.get("https://www.\(domain)/").curlStatus == 60)

        if proxy == .caddy {
            // Access logs go to stdout as JSON, one line per request (Traefik's rendered configuration keeps none).
            let logs = try stack.compose("logs --no-color caddy")
            #expect(logs.stdout.contains("\"uri\":\"/api/v1/items?page=2\""), "\(logs.stdout.suffix(2000))")
        }
    }
}
