import Foundation
import Testing

/// The restic module end to end with the real restic 0.18 binary (from Debian) in the test bed's image:
/// back up, change data and rows, restore from the snapshot, and compare checksums.
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct ResticEndToEndTests {
    func json(_ run: Run) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
    }

    func checksums(_ folder: String) throws -> String {
        try Run.shell("cd \(folder) && find . -type f | sort | xargs -r sha256sum").stdout
    }

    func psql(_ stack: DeployedStack, _ sql: String) throws -> String {
        let run = try Run.program("/usr/bin/env", ["docker", "exec", "\(stack.name)-planka-postgres-1", "psql", "-U", "planka", "-d", "planka", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql])
        #expect(run.status == 0, "\(run.output)")
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func backsUpChangesAndRestoresFromTheSnapshot() throws {
        let stack = try DeployedStack(
            "berthrestic", traefik: "{ http_port: 58080, https_port: 58443, bind_address: 127.0.0.1 }",
            engine: "restic: { repository: \"SERVER/restic-repo\" }")
        defer { stack.tearDown() }
        try stack.provisionSecrets()
        let deployed = try stack.deploy()
        #expect(deployed.status == 0, "\(deployed.output)")

        let data = stack.server + "/data/planka/data"
        _ = try Run.shell("mkdir -p \(data)/private/attachments && head -c 200000 /dev/urandom > \(data)/private/attachments/a.bin && echo keep > \(data)/b.txt")
        let before = try checksums(data)
        _ = try psql(stack, "CREATE TABLE drill (id int PRIMARY KEY); INSERT INTO drill SELECT generate_series(1, 300)")

        let run = try stack.berth(["backup", "run", "--env", "testbed", "--json"])
        #expect(run.status == 0, "\(run.output)")
        let steps = try json(run) as? [[String: Any]] ?? []
        #expect(
            steps.map { "\($0["kind"]!) \($0["module"]!)/\($0["name"]!) \($0["ok"]!)" } == [
                "dump authentik/authentik 1", "dump planka/planka 1", "manifest berth/files 1", "snapshot restic/sources 1",
            ])
        #expect((steps.last?["sizeBytes"] as? Int ?? 0) > 200_000)

        let listed = try json(try stack.berth(["backup", "list", "--env", "testbed", "--json"])) as? [String: Any] ?? [:]
        let snapshots = listed["snapshots"] as? [[String: Any]] ?? []
        #expect(snapshots.count == 1)
        let id = try #require(snapshots.first?["id"] as? String)
        #expect(snapshots.first?["source"] as? String == "/data/db-backups /data/docker-volumes /data/services")
        #expect((snapshots.first?["tags"] as? [String: String])?["release"]?.isEmpty == false)
        #expect((snapshots.first?["sizeBytes"] as? Int ?? 0) > 200_000)

        // Change files and rows, then restore both from the snapshot.
        _ = try Run.shell("head -c 1000 /dev/urandom > \(data)/private/attachments/a.bin && rm \(data)/b.txt && echo new > \(data)/c.txt")
        _ = try psql(stack, "DELETE FROM drill")
        #expect(try checksums(data) != before)
        let mistyped = try stack.berth(["backup", "restore", "--env", "testbed", "planka", "--snapshot", "ffffffff", "--yes"])
        #expect(mistyped.status == 2)
        #expect(mistyped.stderr.contains("no snapshot ffffffff in restic's repository (see berth backup list)"))
        #expect(try stack.containers()["planka"]?[2] == "running")
        let restored = try stack.berth(["backup", "restore", "--env", "testbed", "planka", "--snapshot", String(id.prefix(8)), "--yes", "--json"])
        #expect(restored.status == 0, "\(restored.output)")
        #expect(try checksums(data) == before)
        #expect(FileManager.default.fileExists(atPath: data + ".before_restore/c.txt"))
        #expect(try psql(stack, "SELECT count(*) FROM drill") == "300")

        // The drill and restic's own check pass, and so do the module's checks.
        let verified = try stack.berth(["backup", "verify", "--env", "testbed", "--json"])
        #expect(verified.status == 0, "\(verified.output)")
        #expect((try json(verified) as? [[String: Any]])?.last?["message"] as? String == "`restic check` passed")
        let checked = try stack.berth(["check", "--env", "testbed", "--direct", "restic"])
        #expect(checked.status == 0, "\(checked.output)")
    }
}
