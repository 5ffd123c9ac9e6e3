import Foundation
import Testing

/// `berth check` against a live stack on the test bed, then with services broken on purpose
/// through the stand-ins' fault hook (`/tmp/berth-fault` in a container: `500` or `slow`).
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct CheckEndToEndTests {
    func results(_ run: Run) throws -> [String: [String: Any]] {
        let array = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: array.map { ("\($0["module"]!)/\($0["check"]!)", $0) })
    }

    @Test func checksPassOnTheLiveStackAndNameWhatBreaks() throws {
        let stack = try DeployedStack("berthcheck", traefik: "{ http_port: 38080, https_port: 38443, bind_address: 127.0.0.1 }")
        defer { stack.tearDown() }
        try stack.provisionSecrets()
        let deployed = try stack.deploy()
        #expect(deployed.status == 0, "\(deployed.output)")

        // Every module's checks pass on the live stack, once a backup has run.
        #expect(try stack.berth(["backup", "run", "--env", "testbed"]).status == 0)
        let green = try stack.berth(["check", "--env", "testbed", "--direct", "--json"])
        #expect(green.status == 0, "\(green.output)")
        let all = try results(green)
        // 20 declared by the modules (two of them their socket proxies'), Traefik's routers check and one certificate
        // check per routed hostname.
        let hostnames = all.keys.filter { $0.hasPrefix("traefik/tls ") }.sorted()
        #expect(hostnames == ["traefik/tls auth.berth.test", "traefik/tls kopia.berth.test", "traefik/tls planka.berth.test", "traefik/tls traefik.berth.test"])
        #expect(all.count == 21 + hostnames.count)
        #expect((all["kopia/backups fresh"]?["message"] as? String)?.hasPrefix("newest snapshot 0 h old, 2 dumps fresh") == true)
        #expect((all["traefik/tls planka.berth.test"]?["message"] as? String)?.hasPrefix("the certificate of planka.berth.test expires in 87") == true)
        #expect(all.values.allSatisfy { $0["status"] as? String == "ok" }, "\(all.values.filter { $0["status"] as? String != "ok" })")
        #expect(all["kopia/repository"]?["message"] as? String == "GET kopia:51515/api/v1/control/status answered 200")

        // A stopped container: exactly that plugin's checks fail, exit 1.
        let planka = stack.name + "-planka-1"
        _ = try Run.shell("docker stop -t 1 \(planka)")
        let stopped = try stack.berth(["check", "--env", "testbed", "--direct", "--json", "planka"])
        #expect(stopped.status == 1)
        let plankaResults = try results(stopped)
        #expect(plankaResults["planka/app-container"]?["status"] as? String == "fail")
        #expect(plankaResults["planka/app-container"]?["message"] as? String == "exited")
        #expect(plankaResults["planka/db-ready"]?["status"] as? String == "ok")
        // Traefik no longer loads Planka's router, and says so.
        let proxy = try results(try stack.berth(["check", "--env", "testbed", "--direct", "--json", "traefik"]))
        #expect(proxy["traefik/routers"]?["status"] as? String == "fail")
        #expect((proxy["traefik/routers"]?["message"] as? String)?.hasSuffix("no name with status enabled for planka@docker") == true)

        // --heal starts it again, waits until it is healthy, checks again and ends green.
        let healing = try stack.berth(["check", "--env", "testbed", "--direct", "--heal", "--timeout", "60", "planka"])
        #expect(healing.status == 0, "\(healing.output)")
        #expect(healing.stdout.contains("healed: started planka"))
        #expect(!healing.stdout.contains(" fail "), "\(healing.output)")
        let healed = try stack.berth(["check", "--env", "testbed", "--direct", "planka"])
        #expect(healed.status == 0, "\(healed.output)")

        // A stopped database the same way: exit 0 only once the checks that ran after the heal pass.
        _ = try Run.shell("docker stop -t 1 \(stack.name)-planka-postgres-1")
        let database = try stack.berth(["check", "--env", "testbed", "--direct", "--heal", "--timeout", "60", "--json", "planka"])
        #expect(database.status == 0, "\(database.output)")
        let report = (try JSONSerialization.jsonObject(with: Data(database.stdout.utf8)) as? [String: Any]) ?? [:]
        #expect((report["healed"] as? [[String: String]]) == [["service": "planka-postgres", "action": "started"]], "\(report)")
        #expect((report["results"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "ok" } == true, "\(report)")
        #expect(database.stderr.contains("health: waiting for planka-postgres"), "\(database.stderr)")

        // --watch prints the first round in full, then only changes.
        let watching = try stack.berth(["check", "--env", "testbed", "--direct", "--watch", "0.2", "--rounds", "2", "watchtower"])
        #expect(watching.status == 0)
        #expect(watching.stdout.contains("  container     ok") && watching.stdout.contains("  socket-proxy  ok"), "\(watching.stdout)")
        #expect(watching.stdout.hasSuffix("no changes\n"))

        // A dump that stopped being taken a day and more ago.
        _ = try Run.shell("touch -d '30 hours ago' \(stack.server)/dumps/planka/planka.dump")
        let stale = try results(try stack.berth(["check", "--env", "testbed", "--direct", "--json", "kopia"]))
        #expect(stale["kopia/backups fresh"]?["message"] as? String == "planka/planka.dump is 30 h old (limit 26 h)")

        // A stand-in answering 500.
        _ = try Run.shell("docker exec \(stack.name)-kopia-1 sh -c 'echo 500 > /tmp/berth-fault'")
        let failing = try stack.berth(["check", "--env", "testbed", "--direct", "kopia"])
        #expect(failing.status == 1)
        #expect(failing.stdout.split(separator: "\n").contains { $0.hasPrefix("  repository ") && $0.contains(" fail ") && $0.hasSuffix("answered 500, expected 200") })
        _ = try Run.shell("docker exec \(stack.name)-kopia-1 rm -f /tmp/berth-fault")

        // A slow one: a warning (exit 0), a failure with --strict, and a failure past the timeout.
        _ = try Run.shell("docker exec \(stack.name)-authentik-server-1 sh -c 'echo slow > /tmp/berth-fault'")
        let slow = try stack.berth(["check", "--env", "testbed", "--direct", "--json", "authentik"])
        #expect(slow.status == 0)
        #expect(try results(slow)["authentik/live"]?["status"] as? String == "warn")
        #expect(try stack.berth(["check", "--env", "testbed", "--direct", "--strict", "authentik"]).status == 1)
        let start = Date()
        let timedOut = try stack.berth(["check", "--env", "testbed", "--direct", "--json", "--timeout", "1", "authentik"])
        #expect(timedOut.status == 1)
        #expect(try results(timedOut)["authentik/live"]?["message"] as? String == "no answer within 1 s")
        #expect(Date().timeIntervalSince(start) < 10)
        _ = try Run.shell("docker exec \(stack.name)-authentik-server-1 rm -f /tmp/berth-fault")

        // Usage errors and an unreachable host are clear, not a hang.
        let unknown = try stack.berth(["check", "--env", "testbed", "nextcloud"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown module 'nextcloud' (enabled: traefik, authentik, planka, kopia, watchtower)"))
        let text = try String(contentsOfFile: stack.project + "/berth.yaml", encoding: .utf8).replacingOccurrences(of: "127.0.0.1:\(Testbed.sshPort)", with: "127.0.0.1:1")
        try text.write(toFile: stack.project + "/berth.yaml", atomically: true, encoding: .utf8)
        let unreachableStart = Date()
        let unreachable = try stack.berth(["check", "--env", "testbed", "--direct"])
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.contains("ssh: cannot reach root@127.0.0.1:1"))
        #expect(Date().timeIntervalSince(unreachableStart) < 20)
    }
}
