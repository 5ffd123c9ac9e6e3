import Foundation
import Testing

/// An app with `database: postgres` and a volume, backed up by the real restic: rows deleted and a
/// file changed after the backup come back with `berth backup restore`, exactly as for Planka.
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct AppDatabaseEndToEndTests {
    func psql(_ sql: String) throws -> String {
        let run = try Run.program(
            "/usr/bin/env", ["docker", "exec", "berthappdb-shop-postgres-1", "psql", "-U", "shop", "-d", "shop", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql])
        #expect(run.status == 0, "\(run.output)")
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func theDatabaseAndVolumeSurviveBackupDeleteRestore() throws {
        let project = Scratch.directory("appdb")
        let tree = project + "/.berth/local"
        defer { _ = try? Run.shell("cd \(tree) && docker compose down -v --remove-orphans --timeout 2") }
        let body = """
            services:
              restic: { repository: "\(project)/restic-repo" }
            apps:
              shop:
                image: berth-testbed/app
                tag: v1
                port: 3000
                volumes: { uploads: /data/uploads, cache: { path: /cache, scratch: true } }
                database: postgres
                health: { command: [/app, health] }
            environments:
              local: { target: "file:.berth/local", registry_mirror: "\(Testbed.registry)", certificates: internal, healthcheck_interval: 1s }
            """
        try (AppProject.header(name: "berthappdb", project: project) + body).write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        let berth = { (arguments: [String]) in try Run.berth(arguments, in: project) }
        #expect(try berth(["render", "--env", "local", "--out", tree]).status == 0)
        #expect(try berth(["env", "init", "--env", "local", "--dir", tree]).status == 0)
        let deployed = try berth(["deploy", "local", "--timeout", "120"])
        #expect(deployed.status == 0, "\(deployed.output)")

        // The app reaches its database through DATABASE_URL; rows and a file to keep.
        let url = try Run.shell("docker exec berthappdb-shop-1 sh -c 'echo $DATABASE_URL'").stdout
        #expect(url.hasPrefix("postgresql://shop:") && url.contains("@shop-postgres/shop"))
        _ = try psql("CREATE TABLE orders (id int PRIMARY KEY); INSERT INTO orders SELECT generate_series(1, 250)")
        let uploads = project + "/data/shop/uploads"
        _ = try Run.shell("mkdir -p \(uploads) && echo invoice > \(uploads)/invoice.txt")

        let run = try berth(["backup", "run", "--env", "local", "--json"])
        #expect(run.status == 0, "\(run.output)")
        let steps = (try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]) ?? []
        #expect(steps.map { "\($0["kind"]!) \($0["module"]!)/\($0["name"]!)" } == ["dump shop/shop", "manifest berth/files", "snapshot restic/sources"])
        let listed = (try JSONSerialization.jsonObject(with: Data(try berth(["backup", "list", "--env", "local", "--json"]).stdout.utf8)) as? [String: Any]) ?? [:]
        let id = try #require((listed["snapshots"] as? [[String: Any]])?.first?["id"] as? String)

        _ = try psql("DELETE FROM orders WHERE id > 10")
        _ = try Run.shell("echo tampered > \(uploads)/invoice.txt")
        let restored = try berth(["backup", "restore", "--env", "local", "shop", "--snapshot", String(id.prefix(8)), "--yes"])
        #expect(restored.status == 0, "\(restored.output)")
        #expect(try psql("SELECT count(*) FROM orders") == "250")
        #expect(try String(contentsOfFile: uploads + "/invoice.txt", encoding: .utf8) == "invoice\n")
        // The cache is scratch: never in a snapshot.
        #expect(!(try berth(["backup", "list", "--env", "local"]).stdout.contains("/cache")))
        let verified = try berth(["backup", "verify", "--env", "local"])
        #expect(verified.status == 0, "\(verified.output)")
    }
}
