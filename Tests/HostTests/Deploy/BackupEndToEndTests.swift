import Foundation
import Testing

/// `berth backup` against real PostgreSQL on the test bed. The snapshot step runs the kopia
/// stand-in, which records snapshots instead of taking them (Kopia itself cannot run here).
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct BackupEndToEndTests {
    func steps(_ run: Run) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] ?? []
    }

    func psql(_ stack: DeployedStack, _ service: String, _ user: String, _ sql: String) throws -> String {
        let run = try Run.program("/usr/bin/env", ["docker", "exec", "\(stack.name)-\(service)-1", "psql", "-U", user, "-d", user, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql])
        #expect(run.status == 0, "\(run.output)")
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func dumpsSnapshotsDrillsAndKeepsTheLastGoodDump() throws {
        let stack = try DeployedStack("berthbackup", traefik: "{ http_port: 48080, https_port: 48443, bind_address: 127.0.0.1 }")
        defer { stack.tearDown() }
        try stack.provisionSecrets()
        #expect(try stack.deploy().status == 0)
        _ = try psql(stack, "planka-postgres", "planka", "CREATE TABLE drill (id int PRIMARY KEY, note text); INSERT INTO drill SELECT g, md5(g::text) FROM generate_series(1, 500) g")
        _ = try psql(stack, "authentik-postgresql", "authentik", "CREATE TABLE drill (id int); INSERT INTO drill SELECT generate_series(1, 42)")

        // A run: both dumps, then the snapshot tagged with the deployed release.
        let run = try stack.berth(["backup", "run", "--env", "testbed", "--json"])
        #expect(run.status == 0, "\(run.output)")
        let ran = try steps(run)
        #expect(ran.map { "\($0["kind"]!) \($0["module"]!)/\($0["name"]!)" } == ["dump authentik/authentik", "dump planka/planka", "manifest berth/files", "snapshot kopia/sources"])
        #expect(ran.allSatisfy { $0["ok"] as? Bool == true })
        #expect((ran[1]["sizeBytes"] as? Int ?? 0) > 1000)
        let dump = stack.server + "/dumps/planka/planka.dump"
        let mode = try FileManager.default.attributesOfItem(atPath: dump)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(run.stderr.contains("==> dump planka/planka"))

        // The listing shows both dumps and three snapshots with the release tag.
        let listed = try stack.berth(["backup", "list", "--env", "testbed", "--json"])
        #expect(listed.status == 0, "\(listed.output)")
        let catalog = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any] ?? [:]
        #expect((catalog["dumps"] as? [[String: Any]])?.compactMap { $0["file"] as? String } == ["authentik.dump", "planka.dump"])
        let snapshots = catalog["snapshots"] as? [[String: Any]] ?? []
        #expect(snapshots.count == 3)
        #expect(snapshots.allSatisfy { ($0["tags"] as? [String: String])?["release"]?.isEmpty == false })

        // The deploy put the daily run into the deploy user's crontab; run it as cron would.
        let crontab = try Run.shell("crontab -l").stdout
        #expect(crontab.contains("0 5 * * * cd \(stack.services) && sh ./backup.sh >> .berth/backup.log 2>&1 # berth backup berthbackup\n"))
        let scheduled = try Run.program("/bin/sh", ["./backup.sh"], in: stack.services, environment: ["PATH": "/usr/bin:/bin"])
        #expect(scheduled.status == 0, "\(scheduled.output)")
        for step in ["dump authentik/authentik ok", "dump planka/planka ok", "snapshot kopia/sources ok"] {
            #expect(scheduled.stdout.contains(step), "\(scheduled.stdout)")
        }

        // The drill restores each dump into a throwaway database and finds the same rows.
        let verified = try stack.berth(["backup", "verify", "--env", "testbed", "--json"])
        #expect(verified.status == 0, "\(verified.output)")
        let drills = try steps(verified)
        #expect(drills.count == 3)
        #expect((drills[1]["message"] as? String)?.hasSuffix("as live") == true)
        #expect(try Run.shell("docker ps -aq --filter name=berth-drill").stdout.isEmpty)

        // A truncated dump fails the drill, naming the file.
        let good = try Data(contentsOf: URL(fileURLWithPath: dump))
        try good.prefix(good.count / 2).write(to: URL(fileURLWithPath: dump))
        let truncated = try stack.berth(["backup", "verify", "--env", "testbed", "--json", "planka"])
        #expect(truncated.status == 1)
        #expect((try steps(truncated).first?["message"] as? String)?.hasPrefix("pg_restore failed") == true)
        #expect((try steps(truncated).first?["message"] as? String)?.hasSuffix("(\(dump))") == true)
        try good.write(to: URL(fileURLWithPath: dump))

        // Rows deleted after the backup come back with a restore; the data before it is kept aside.
        _ = try psql(stack, "planka-postgres", "planka", "DELETE FROM drill")
        _ = try psql(stack, "authentik-postgresql", "authentik", "DELETE FROM drill")
        let refused = try stack.berth(["backup", "restore", "--env", "testbed", "planka"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("refusing to restore planka on testbed without --yes: there is no terminal to confirm on"))
        #expect(try stack.containers()["planka"]?[2] == "running")
        for (plugin, service) in [("planka", "planka-postgres"), ("authentik", "authentik-postgresql")] {
            let restored = try stack.berth(["backup", "restore", "--env", "testbed", plugin, "--yes", "--json"])
            #expect(restored.status == 0, "\(restored.output)")
            #expect(try steps(restored).allSatisfy { $0["ok"] as? Bool == true })
            #expect(try psql(stack, service, plugin, "SELECT count(*) FROM drill") == (plugin == "planka" ? "500" : "42"))
            #expect(try psql(stack, service, plugin, "SELECT count(*) FROM pg_database WHERE datname = '\(plugin)_before_restore'") == "1")
        }
        // A restore from a bad file fails and leaves the live database as it was.
        try Data("not a dump".utf8).write(to: URL(fileURLWithPath: stack.server + "/dumps/bad.dump"))
        let bad = try stack.berth(["backup", "restore", "--env", "testbed", "planka", "--yes", "--json", "--dump", stack.server + "/dumps/bad.dump"])
        #expect(bad.status == 1)
        #expect(try steps(bad).contains { ($0["message"] as? String)?.hasPrefix("pg_restore failed; the live database is unchanged") == true })
        #expect(try psql(stack, "planka-postgres", "planka", "SELECT count(*) FROM drill") == "500")
        #expect(try stack.containers()["planka"]?[2] == "running")

        // The database stops in the middle of a dump: exit 1, and the last good dump is byte-identical.
        _ = try psql(stack, "planka-postgres", "planka", "CREATE TABLE bulk AS SELECT g AS id, md5(g::text) || md5((g * 7)::text) AS a FROM generate_series(1, 1500000) g")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Run.berthPath)
        process.arguments = ["backup", "run", "--env", "testbed", "--json", "planka"]
        process.currentDirectoryURL = URL(fileURLWithPath: stack.project)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let partial = dump + ".partial"
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, ((try? FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int) ?? 0) < 100_000 { usleep(20_000) }
        _ = try Run.shell("docker stop -t 0 \(stack.name)-planka-postgres-1")
        let printed = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let interrupted = (try JSONSerialization.jsonObject(with: printed) as? [[String: Any]]) ?? []
        #expect((interrupted.first?["message"] as? String)?.hasPrefix("pg_dump failed") == true, "\(String(decoding: printed, as: UTF8.self))")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dump)) == good)
        #expect(!FileManager.default.fileExists(atPath: partial))
    }
}
