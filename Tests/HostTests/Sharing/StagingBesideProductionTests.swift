import Foundation
import Testing

/// Staging beside production on one engine, through production's proxy and identity provider.
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct StagingBesideProductionTests {
    /// A stateless app behind a route, in both tests.
    static let web = """
          web:
            image: berth-testbed/app
            tag: v1
            port: 3000
            routes: [{ hosts: [web] }]
            health: { path: /version }
        """

    static let apps =
        web + "\n"
            + """
              shop:
                image: berth-testbed/app
                tag: v1
                port: 3000
                database: postgres
                routes: [{ hosts: [shop], protected: true }]
                health: { command: [/app, health] }
            """

    static let stagingApps = """
            apps:
              web: { tag: v2 }
              shop: ~
        """

    @Test func stagingRunsBesideProductionThroughItsCaddy() throws {
        let project = try SharedProject("berthshare", proxy: "caddy", apps: Self.apps, staging: Self.stagingApps)
        defer { project.tearDown() }
        try project.prepare("production")
        try project.prepare("staging")

        // Staging first: production's proxy network is not there yet, and nothing is changed.
        let early = try project.berth(["deploy", "staging", "--timeout", "120"])
        #expect(early.status == 1)
        #expect(
            early.stderr.contains("network berthshare_berth-live: missing; environments.staging routes through the proxy of production, which creates it: deploy production first"), "\(early.output)")
        #expect(try project.containers("berthshare-staging").isEmpty)

        let production = try project.berth(["deploy", "production", "--timeout", "150"])
        #expect(production.status == 0, "\(production.output)")
        let before = try project.containers("berthshare")
        #expect(before.keys.sorted() == ["authentik-postgresql", "authentik-server", "authentik-worker", "caddy", "restic", "shop", "shop-postgres", "web"])

        let staging = try project.berth(["deploy", "staging", "--timeout", "150"])
        #expect(staging.status == 0, "\(staging.output)")
        #expect(try project.containers("berthshare") == before, "deploying staging restarted a production container")
        #expect(try project.containers("berthshare-staging").keys.sorted() == ["shop", "shop-postgres", "web"])

        // Each environment's web answers on its own host, through production's Caddy.
        #expect(try project.proxy.get("https://web.staging.example.org/version").body == "v2")
        #expect(try project.proxy.get("https://web.example.org/version").body == "v1")
        // Staging's protected route signs in with production's identity provider.
        #expect(try project.proxy.get("https://shop.staging.example.org/").status == 302)
        let signIn = try project.proxy.get("https://auth.example.org/-/berth-testbed/sign-in?user=alice")
        let cookie = signIn.headers["set-cookie"]?.split(separator: ";").first.map(String.init) ?? ""
        let shop = try project.proxy.get("https://shop.staging.example.org/berth-testbed/echo", headers: ["X-authentik-username": "mallory"], cookie: cookie)
        #expect(shop.status == 200 && ThroughProxy.echoedHeaders(shop.body)["x-authentik-username"] == "alice", "\(shop)")
        let check = try project.berth(["check", "--env", "staging"])
        #expect(check.status == 0, "\(check.output)")

        // One backup line each; staging's dumps only its own database, into its own folder.
        let crontab = try Run.shell("crontab -l").stdout
        #expect(crontab.contains("cd \(project.tree("production")) && sh ./backup.sh >> .berth/backup.log 2>&1 # berth backup berthshare\n"), "\(crontab)")
        #expect(crontab.contains("cd \(project.tree("staging")) && sh ./backup.sh >> .berth/backup.log 2>&1 # berth backup berthshare-staging\n"), "\(crontab)")
        let backup = try project.berth(["backup", "run", "--env", "staging", "--json"])
        #expect(backup.status == 0, "\(backup.output)")
        let steps = (try JSONSerialization.jsonObject(with: Data(backup.stdout.utf8)) as? [[String: Any]]) ?? []
        #expect(steps.map { "\($0["kind"]!) \($0["module"]!)/\($0["name"]!)" } == ["dump shop/shop"])
        let dumps = try Run.shell("find \(project.root)/dumps-staging -type f").stdout
        #expect(dumps.contains("/dumps-staging/shop/"), "\(dumps)")
        #expect(try Run.shell("find \(project.root)/dumps -type f").stdout.isEmpty)

        // A second staging release, then back: production is never touched.
        let config = try String(contentsOfFile: project.root + "/berth.yaml", encoding: .utf8)
        try config.replacingOccurrences(of: "web: { tag: v2 }", with: "web: { tag: v1 }").write(toFile: project.root + "/berth.yaml", atomically: true, encoding: .utf8)
        let second = try project.berth(["deploy", "staging", "--timeout", "150"])
        #expect(second.status == 0, "\(second.output)")
        #expect(try project.proxy.get("https://web.staging.example.org/version").body == "v1")
        let rollback = try project.berth(["rollback", "staging", "--timeout", "150"])
        #expect(rollback.status == 0, "\(rollback.output)")
        #expect(try project.proxy.get("https://web.staging.example.org/version").body == "v2")
        #expect(try project.containers("berthshare") == before, "rolling staging back restarted a production container")

        // Deploying production again leaves staging's containers and routes alone.
        let stagingContainers = try project.containers("berthshare-staging")
        try config.replacingOccurrences(of: "    tag: v1\n    port: 3000\n    routes: [{ hosts: [web] }]", with: "    tag: v2\n    port: 3000\n    routes: [{ hosts: [web] }]")
            .write(toFile: project.root + "/berth.yaml", atomically: true, encoding: .utf8)
        let again = try project.berth(["deploy", "production", "--timeout", "150"])
        #expect(again.status == 0, "\(again.output)")
        #expect(try project.proxy.get("https://web.example.org/version").body == "v2")
        #expect(try project.containers("berthshare-staging") == stagingContainers)
        #expect(try project.proxy.get("https://web.staging.example.org/version").body == "v2")

        // A new staging route is production's proxy configuration: staging's deploy waits for production's.
        let withMail = try String(contentsOfFile: project.root + "/berth.yaml", encoding: .utf8).replacingOccurrences(
            of: "      shop: ~", with: "      shop: ~\n      mail: { image: berth-testbed/app, tag: v1, port: 3000, routes: [{ hosts: [mail] }], health: { path: /version } }")
        #expect(withMail.contains("mail: { image"))
        try withMail.write(toFile: project.root + "/berth.yaml", atomically: true, encoding: .utf8)
        let unserved = try project.berth(["deploy", "staging", "--timeout", "150"])
        #expect(unserved.status == 1)
        #expect(
            unserved.stderr.contains(
                "the proxy of production does not serve environments.staging yet (its configuration lacks \"mail.staging.example.org\"); production's deploy renders it with this environment's routes: deploy production first"
            ), "\(unserved.output)")
        #expect(try project.containers("berthshare-staging") == stagingContainers)
        #expect(try project.berth(["deploy", "production", "--timeout", "150"]).status == 0)
        let served = try project.berth(["deploy", "staging", "--timeout", "150"])
        #expect(served.status == 0, "\(served.output)")
        #expect(try project.proxy.get("https://mail.staging.example.org/version").body == "v1")
    }

    @Test func stagingRunsBesideProductionThroughItsTraefik() throws {
        let project = try SharedProject("berthsharet", proxy: "traefik", apps: Self.web, staging: "    apps:\n      web: { tag: v2 }")
        defer { project.tearDown() }
        try project.prepare("production")
        try project.prepare("staging")
        #expect(try project.berth(["deploy", "production", "--timeout", "150"]).status == 0)
        let before = try project.containers("berthsharet")
        let staging = try project.berth(["deploy", "staging", "--timeout", "150"])
        #expect(staging.status == 0, "\(staging.output)")
        #expect(try project.containers("berthsharet") == before)
        // Traefik's docker provider loads a container's labels a moment after it starts: its events are throttled (2 s).
        var routers = ""
        for _ in 0..<20 {
            routers = try Run.shell("docker exec berthsharet-traefik-1 wget -q -O - http://127.0.0.1:8080/api/http/routers").stdout
            if routers.contains("\"staging-web@docker\"") { break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        #expect(routers.contains("\"staging-web@docker\"") && routers.contains("\"web@docker\""), "\(routers)")
        // Staging's container is on the shared network, where Traefik reads its address.
        let networks = try Run.shell("docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}' berthsharet-staging-web-1").stdout
        #expect(networks.contains("berthsharet_berth-shared") && networks.contains("berthsharet-staging_default"), "\(networks)")
        // Each environment's web answers on its own host, through production's Traefik.
        #expect(try project.proxy.get("https://web.staging.example.org/version").body == "v2")
        #expect(try project.proxy.get("https://web.example.org/version").body == "v1")
        // Production's router check waits only for its own routers.
        let check = try project.berth(["check", "--env", "production", "traefik"])
        #expect(check.status == 0, "\(check.output)")
    }
}
