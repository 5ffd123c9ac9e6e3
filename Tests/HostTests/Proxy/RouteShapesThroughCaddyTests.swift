import BerthAuthentik
import BerthCaddy
import BerthCore
import Foundation
import PluginTesting
import ServicePlugin
import Testing

/// Every route shape, rendered by the caddy module and served by the REAL Caddy on loopback, in
/// front of whoami stand-ins (which echo what reaches them) and the authentik stand-in's forward-auth.
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct RouteShapesThroughCaddyTests {
    static let project = "berthshapes"

    /// The fixtures' routes, protected ones behind Authentik's own forward-auth (its caddy endpoint).
    static func identity(_ stack: StackContext) -> IdentityProviderInfo {
        PluginFixtures.plugin(Authentik.self).identityProvider(in: stack)
    }

    static func routes(_ stack: StackContext) -> [ResolvedRoute] {
        let forwardAuth = identity(stack).forwardAuth
        return PluginFixtures.richRoutes.map { route in
            var route = route
            if route.forwardAuth != nil { route.forwardAuth = forwardAuth }
            return route
        }
    }

    /// Writes Caddy's rendered folder and the apps beside it, starts them all and waits for health.
    static func start(in folder: String, proxy: ThroughProxy) throws {
        var stack = PluginFixtures.stack
        stack.dataRoot = folder + "/data"
        stack.scratchRoot = folder + "/scratch"
        stack.certificates = .internal
        let caddy = PluginFixtures.plugin(Caddy.self, ["http_port": .integer(proxy.httpPort), "https_port": .integer(proxy.httpsPort), "bind_address": .string("127.0.0.1")])
        let context = RenderContext(
            stack: stack, images: ["caddy": ImageRef(repository: Testbed.registry + "/library/caddy", tag: "2.11.7")], identity: identity(stack),
            routes: routes(stack))
        let fragment = caddy.compose(in: context)
        try FileManager.default.createDirectory(atPath: folder + "/caddy", withIntermediateDirectories: true)
        try ComposeRenderer.file(fragment, module: "caddy").write(toFile: folder + "/caddy/docker-compose.yaml", atomically: true, encoding: .utf8)
        try fragment.files[0].contents.write(toFile: folder + "/caddy/Caddyfile", atomically: true, encoding: .utf8)
        let whoami = Testbed.registry + "/traefik/whoami:v1.11.0"
        let apps = """
            services:
              site: { image: "\(whoami)", environment: { WHOAMI_PORT_NUMBER: "3000", WHOAMI_NAME: site } }
              backend: { image: "\(whoami)", environment: { WHOAMI_PORT_NUMBER: "3000", WHOAMI_NAME: backend } }
              portal: { image: "\(whoami)", environment: { WHOAMI_NAME: portal } }
              authentik-server:
                image: "\(Testbed.registry)/goauthentik/server:2026.8.5"
                command: [server]
                environment: { AUTHENTIK_SECRET_KEY: shapes-secret }

            """
        try apps.write(toFile: folder + "/caddy/apps.yaml", atomically: true, encoding: .utf8)
        let up = try compose(folder, "up -d --wait --wait-timeout 90")
        #expect(up.status == 0, "\(up.output)")
    }

    static func compose(_ folder: String, _ arguments: String) throws -> Run {
        try Run.shell("docker compose -p \(project) -f caddy/docker-compose.yaml -f caddy/apps.yaml \(arguments)", in: folder)
    }

    /// A session cookie, from the stand-in's documented sign-in URL.
    static func signIn(_ folder: String, as user: String) throws -> String {
        let run = try compose(folder, "exec -T authentik-server wget -S -O /dev/null 'http://127.0.0.1:9000/-/berth-testbed/sign-in?user=\(user)'")
        let line = run.output.split(separator: "\n").first { $0.contains("Set-Cookie:") } ?? ""
        return String(line.split(separator: ":", maxSplits: 1).last ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    }

    @Test func everyRouteShapeReachesTheRightContainer() throws {
        let folder = Scratch.directory("shapes")
        var proxy = ThroughProxy(httpsPort: try LoopbackPort.free(), httpPort: try LoopbackPort.free())
        defer { _ = try? Self.compose(folder, "down -v --timeout 2") }
        try Self.start(in: folder, proxy: proxy)
        proxy.rootCertificate = folder + "/data/caddy/data/caddy/pki/authorities/local/root.crt"
        let domain = "tangram-orchestre.fr"

        // Several hosts, a path prefix with a higher priority than the site on the same host, stripped.
        let site = try proxy.get("https://www.\(domain)/about")
        #expect(site.status == 200 && site.body.hasPrefix("Name: site\nGET /about\n"), "\(site)")
        let api = try proxy.get("https://www.\(domain)/api/v1/items?page=2")
        #expect(api.status == 200 && api.body.hasPrefix("Name: backend\nGET /v1/items?page=2\n"), "\(api)")
        let portalAPI = try proxy.get("https://portal.\(domain)/api/health")
        #expect(portalAPI.status == 200 && portalAPI.body.hasPrefix("Name: backend\nGET /health\n"), "\(portalAPI)")

        // The apex redirects permanently to www, keeping path and query.
        let apex = try proxy.get("https://\(domain)/agenda/2026?lang=fr")
        #expect(apex.status == 301 && apex.headers["location"] == "https://www.\(domain)/agenda/2026?lang=fr", "\(apex)")
        // Plain HTTP redirects to HTTPS.
        let plain = try proxy.get("http://www.\(domain)/about")
        #expect([301, 308].contains(plain.status) && plain.headers["location"] == "https://www.\(domain)/about", "\(plain)")

        // Protected: without a session (or with a made-up one), the sign-in redirect; the app sees nothing.
        for cookie in [nil, "authentik_proxy_standin=alice.0123456789abcdef0123456789abcdef"] {
            let anonymous = try proxy.get("https://api.\(domain)/me", cookie: cookie)
            #expect(anonymous.status == 302, "\(anonymous)")
            #expect(anonymous.headers["location"]?.contains("/outpost.goauthentik.io/start?rd=https://api.\(domain):\(proxy.httpsPort)/me") == true, "\(anonymous)")
        }

        // With a session: the mapped headers, and none of the client's forged ones.
        let cookie = try Self.signIn(folder, as: "alice")
        #expect(cookie.hasPrefix("authentik_proxy_standin=alice."))
        let forged = ["X-App-User": "mallory", "X-App-Email": "mallory@evil.test", "X-authentik-username": "mallory"]
        let signedIn = try proxy.get("https://api.\(domain)/me", headers: forged, cookie: cookie)
        #expect(signedIn.status == 200 && signedIn.body.hasPrefix("Name: backend\nGET /me\n"), "\(signedIn)")
        let seen = ThroughProxy.echoedHeaders(signedIn.body)
        #expect(seen["x-app-user"] == "alice" && seen["x-app-email"] == "alice@example.org", "\(seen)")
        #expect(!signedIn.body.contains("mallory"), "\(signedIn.body)")
        // A public route drops them too: the backend reads X-App-User on /api as well.
        let publicAPI = try proxy.get("https://www.\(domain)/api/me", headers: forged)
        #expect(publicAPI.status == 200 && publicAPI.body.hasPrefix("Name: backend\n") && !publicAPI.body.contains("mallory"), "\(publicAPI.body)")
        // A route without a mapping passes the provider's own headers, forged ones dropped too.
        let portal = try proxy.get("https://portal.\(domain)/", headers: forged, cookie: cookie)
        #expect(portal.status == 200 && portal.body.hasPrefix("Name: portal\n"), "\(portal)")
        #expect(ThroughProxy.echoedHeaders(portal.body)["x-authentik-username"] == "alice" && !portal.body.contains("mallory"), "\(portal.body)")

        // TLS from Caddy's internal CA verifies against its exported root, and only against it.
        var untrusted = proxy
        untrusted.rootCertificate = nil
        #expect(try untrusted.get("https://www.\(domain)/").curlStatus == 60)

        // Access logs go to stdout as JSON, one line per request.
        let logs = try Self.compose(folder, "logs --no-color caddy")
        #expect(logs.stdout.contains("\"uri\":\"/api/v1/items?page=2\""), "\(logs.stdout.suffix(2000))")
    }
}
