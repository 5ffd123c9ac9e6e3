import Foundation
import Testing

extension SwarmClusterTests {
    @Test func threeNodesDeployCheckDumpRollAndLoseANode() throws {
        let cluster = try Cluster.up(3)
        let project = Scratch.directory("swarm")
        let server = project + "/server"
        defer {
            _ = try? cluster.onManager("docker stack rm \(Self.stack); sleep 3")
            Cluster.down()
        }
        try Self.config(project: project, server: server, cluster: cluster).write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        let berth = { (arguments: [String]) in try Run.berth(arguments, in: project) }
        // The manager's deploy folder is this machine's (the namespaces share its file system): provision it as an admin would.
        #expect(try berth(["render", "--env", "cluster", "--out", server]).status == 0)
        #expect(try berth(["env", "init", "--env", "cluster", "--dir", server]).status == 0)

        // 1. Deploy: every service up on the nodes its constraints admit, the app spread over all three.
        let deploy = try berth(["deploy", "cluster", "--timeout", "240"])
        #expect(deploy.status == 0, "\(deploy.output)")
        #expect(Set(try cluster.tasks(Self.stack, "planka").values) == ["berthc2"])
        #expect(Set(try cluster.tasks(Self.stack, "planka-postgres").values) == ["berthc2"])
        #expect(Set(try cluster.tasks(Self.stack, "authentik-postgresql").values) == ["berthc2"])
        #expect(Set(try cluster.tasks(Self.stack, "shop-postgres").values) == ["berthc1"])
        #expect(Set(try cluster.tasks(Self.stack, "caddy").values) == ["berthc1"])
        let web = try cluster.tasks(Self.stack, "web")
        #expect(web.count == 3 && Set(web.values).count >= 2, "web's replicas are not spread: \(web)")
        let labels = try cluster.onManager("docker node inspect berthc2 --format '{{json .Spec.Labels}}'").stdout
        #expect(labels.contains("\"db\":\"true\""), "\(labels)")
        #expect(try Self.get("/version", project: project, cluster: cluster) == (0, "v1"))
        // 2. Backups: each database dumped on the node its task runs on; each stateful node snapshotted.
        let backup = try berth(["backup", "run", "--env", "cluster"])
        #expect(backup.status == 0, "\(backup.output)")
        for database in ["planka/planka", "authentik/authentik"] {
            #expect(backup.stdout.split(separator: "\n").contains { $0.contains(database) && $0.hasSuffix("on berthc2") }, "\(backup.output)")
        }
        #expect(backup.stdout.split(separator: "\n").contains { $0.contains("shop/shop") && $0.hasSuffix("on berthc1") }, "\(backup.output)")
        #expect(backup.stdout.contains("restic/sources@berthc1") && backup.stdout.contains("restic/sources@berthc2"), "\(backup.output)")
        #expect(FileManager.default.fileExists(atPath: project + "/dumps/shop/shop.dump"))

        // The check after the first backup: its freshness check wants a snapshot.
        let check = try berth(["check", "--env", "cluster"])
        #expect(check.status == 0, "\(check.output)")
        #expect(check.stdout.contains("3 nodes ready"), "\(check.output)")
        // Secrets were interpolated on the manager: none of planka's .env values is in Berth's output.
        let secret = try String(contentsOfFile: server + "/planka/.env", encoding: .utf8).split(separator: "\n").first { $0.hasPrefix("DB_PASSWORD=") }
        let value = String(secret?.dropFirst("DB_PASSWORD=".count) ?? "unset")
        #expect(!(deploy.output + check.output).contains(value))

        // 3. A rolling update under load: every request answered.
        let load = try Self.load(project: project, cluster: cluster, seconds: 240)
        Thread.sleep(forTimeInterval: 2)
        let update = try berth(["deploy", "cluster", "--tag", "web=v2", "--timeout", "240"])
        Thread.sleep(forTimeInterval: 2)
        let rolled = try load.stop()
        #expect(update.status == 0, "\(update.output)")
        #expect(rolled["failures"] as? Int == 0, "\(rolled)")
        #expect((rolled["total"] as? Int ?? 0) >= 500, "\(rolled)")
        #expect(try Self.get("/version", project: project, cluster: cluster) == (0, "v2"))

        // 4. A release that never gets healthy: Swarm stops its update, Berth deploys the previous stack file again.
        let again = try Self.load(project: project, cluster: cluster, seconds: 240)
        let broken = try berth(["deploy", "cluster", "--tag", "web=broken", "--timeout", "120"])
        Thread.sleep(forTimeInterval: 2)
        let kept = try again.stop()
        #expect(broken.status == 1, "\(broken.output)")
        #expect(broken.output.contains("Swarm stopped the update of web"), "\(broken.output)")
        #expect(broken.output.contains("rolled back"), "\(broken.output)")
        #expect(kept["failures"] as? Int == 0, "\(kept)")
        #expect(try Self.get("/version", project: project, cluster: cluster) == (0, "v2"))
        let releases = try berth(["releases", "cluster", "--json"])
        #expect(releases.status == 0)

        // 5. A worker that runs a replica of the app is lost: the app keeps serving through the proxy, and check names it.
        let replicas = Set(try cluster.tasks(Self.stack, "web").values)
        let victim = replicas.contains("berthc3") ? 3 : 2
        #expect(replicas.contains("berthc\(victim)"), "\(replicas)")
        let lost = try Self.load(project: project, cluster: cluster, seconds: 120)
        Thread.sleep(forTimeInterval: 2)
        let stopped = try cluster.stopNode(victim)
        #expect(stopped.status == 0, "\(stopped.output)")
        // The manager has seen the node down; Caddy's upstreams come from Swarm's DNS, which drops its tasks.
        Thread.sleep(forTimeInterval: 5)
        let served = try lost.stop()
        #expect(served["failures"] as? Int == 0, "\(served)")
        #expect((served["total"] as? Int ?? 0) >= 500, "\(served)")
        let down = try berth(["check", "--env", "cluster"])
        #expect(down.status == 1, "\(down.output)")
        #expect(down.stdout.contains("node berthc\(victim) is down"), "\(down.output)")
        #expect(try cluster.startNode(victim).status == 0)
    }
}
