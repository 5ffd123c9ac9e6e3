import Foundation
import Testing

extension SwarmTraefikClusterTests {
    @Test func theSeedsStackOnTraefikChecksRollsAndLosesAWorkerWithoutAFailedRequest() throws {
        let cluster = try Cluster.up(3)
        let project = Scratch.directory("swarm-traefik")
        let server = project + "/server"
        defer {
            _ = try? cluster.onManager("docker stack rm \(Self.stack); sleep 3")
            Cluster.down()
        }
        try Self.config(project: project, server: server, cluster: cluster).write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        let berth = { (arguments: [String]) in try Run.berth(arguments, in: project) }
        let root = project + "/data/traefik/internal/root.crt"
        let validate = try berth(["validate", "--env", "cluster"])
        #expect(validate.status == 0, "\(validate.output)")
        #expect(try berth(["render", "--env", "cluster", "--out", server]).status == 0)
        #expect(try berth(["env", "init", "--env", "cluster", "--dir", server]).status == 0)

        // 1. Deploy: Traefik on the edge manager, the website over the three nodes, every route answering through Traefik.
        let deploy = try berth(["deploy", "cluster", "--timeout", "300"])
        #expect(deploy.status == 0, "\(deploy.output)")
        #expect(Set(try cluster.tasks(Self.stack, "traefik").values) == ["berthc1"])
        let website = try cluster.tasks(Self.stack, "website")
        #expect(website.count == 3 && Set(website.values).count >= 2, "the website's replicas are not spread: \(website)")
        #expect(try Self.get("/version", cluster: cluster, caFile: root) == "v1 200 ")
        let apex = try Self.get("/a/b?c=d", host: "example.org", cluster: cluster, caFile: root)
        #expect(apex.hasSuffix(" 301 https://www.example.org/a/b?c=d"), "\(apex)")

        // 2. berth check, once a backup has run (Kopia's freshness check wants a snapshot).
        let backup = try berth(["backup", "run", "--env", "cluster"])
        #expect(backup.status == 0, "\(backup.output)")
        let check = try berth(["check", "--env", "cluster", "--json"])
        let results = (try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [[String: Any]]) ?? []
        let failed = Set(results.filter { $0["status"] as? String != "ok" }.map { "\($0["module"]!)/\($0["check"]!)" })
        #expect(results.count > 20 && results.contains { $0["message"] as? String == "3 nodes ready" }, "\(check.output)")
        // Every check passes, the HTTPS probes through Traefik included: its certificate is from the CA the deploy keeps for it.
        #expect(check.status == 0 && failed.isEmpty, "\(check.output)")

        // 3. The website's rolling update under load: every request answered.
        let load = try Self.load(cluster: cluster, caFile: root, seconds: 240)
        Thread.sleep(forTimeInterval: 2)
        let update = try berth(["deploy", "cluster", "--tag", "website=v2", "--timeout", "240"])
        Thread.sleep(forTimeInterval: 2)
        let rolled = try load.stop()
        print("rolling update under load: \(Self.summary(rolled))")
        #expect(update.status == 0, "\(update.output)")
        Self.expectNoFailure(rolled, "rolling update")
        #expect(try Self.get("/version", cluster: cluster, caFile: root) == "v2 200 ")

        // 4. A worker that runs a replica of the website is lost: Traefik keeps serving from the others.
        let replicas = Set(try cluster.tasks(Self.stack, "website").values)
        let victim = replicas.contains("berthc3") ? 3 : 2
        #expect(replicas.contains("berthc\(victim)"), "\(replicas)")
        let lost = try Self.load(cluster: cluster, caFile: root, seconds: 120)
        Thread.sleep(forTimeInterval: 2)
        let stopped = try cluster.stopNode(victim)
        #expect(stopped.status == 0, "\(stopped.output)")
        // The manager has seen the node down; Traefik drops its tasks at its next poll.
        Thread.sleep(forTimeInterval: 5)
        let served = try lost.stop()
        print("lost worker under load: \(Self.summary(served))")
        Self.expectNoFailure(served, "lost worker")
        #expect(try cluster.startNode(victim).status == 0)
    }
}
