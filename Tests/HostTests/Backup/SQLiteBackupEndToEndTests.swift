import Foundation
import Testing

/// Uptime Kuma's SQLite database, written without pause by its stand-in, backed up with restic and restored:
/// the restored database is the consistent copy the before-hook made, and passes `PRAGMA integrity_check`.
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct SQLiteBackupEndToEndTests {
    let name = "berthsqlite"
    let server = Scratch.directory("srv-berthsqlite")
    let project = Scratch.directory("proj-berthsqlite")
    var data: String { server + "/data/uptime-kuma/data" }

    var config: String {
        Testbed.config(
            name: name, server: server,
            services: """
                  traefik: { http_port: 58180, https_port: 58543, bind_address: 127.0.0.1, dashboard: "" }
                  restic: { repository: "\(server)/restic-repo" }
                  uptime-kuma: {}
                """)
    }

    func berth(_ arguments: [String]) throws -> Run { try Run.berth(arguments, in: project) }

    /// One value from the live database, read inside the container as the app would.
    func live(_ sql: String) throws -> String {
        let run = try Run.program("/usr/bin/env", ["docker", "exec", "\(name)-uptime-kuma-1", "sqlite3", "/app/data/kuma.db", sql])
        #expect(run.status == 0, "\(run.output)")
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func count(_ sql: String) throws -> Int { Int(try live(sql)) ?? -1 }

    func steps(_ run: Run) -> [String] {
        let steps = (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [[String: Any]] ?? []
        return steps.map { "\($0["kind"]!) \($0["module"]!)/\($0["name"]!) \($0["ok"]!)" }
    }

    @Test func theRestoredDatabaseIsTheConsistentCopyTakenWhileItWasWritten() throws {
        try config.write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        defer {
            _ = try? Run.shell("cd \(server)/services && docker compose down -v --remove-orphans --timeout 2")
            _ = try? Run.shell("docker ps -aq --filter label=com.docker.compose.project=\(name) | xargs -r docker rm -f")
            _ = try? Run.shell("crontab -l 2>/dev/null | grep -vF '# berth backup \(name)' | crontab -")
        }
        // No identity provider: Uptime Kuma's admin UI, protected only when there is one, is valid without.
        let validated = try berth(["validate", "--env", "testbed"])
        #expect(validated.status == 0, "\(validated.output)")
        #expect(try berth(["render", "--env", "testbed", "--out", server + "/services"]).status == 0)
        #expect(try berth(["env", "init", "--env", "testbed", "--dir", server + "/services"]).status == 0)
        let deployed = try berth(["deploy", "testbed", "--timeout", "60"])
        try #require(deployed.status == 0, "\(deployed.output)")

        // The stand-in writes eight rows every 20 ms; let the database grow past a few hundred kB.
        let boot = try live("SELECT boot FROM heartbeat ORDER BY id DESC LIMIT 1")
        for _ in 0..<40 where try count("SELECT count(*) FROM heartbeat") < 600 { Thread.sleep(forTimeInterval: 0.25) }
        let before = try count("SELECT count(*) FROM heartbeat")
        #expect(before >= 600)

        let backup = try berth(["backup", "run", "--env", "testbed", "--json"])
        #expect(backup.status == 0, "\(backup.output)")
        #expect(steps(backup) == ["hook uptime-kuma/before sqlite kuma.db 1", "manifest berth/files 1", "snapshot restic/sources 1"])
        // The copy the snapshot holds is still beside the database; the app wrote on after it was made.
        let copy = try Run.program("/usr/bin/sqlite3", [data + "/kuma.db.berth-copy", "PRAGMA integrity_check; SELECT count(*) FROM heartbeat WHERE boot = '\(boot)';"])
        let copied = copy.stdout.split(separator: "\n").map(String.init)
        #expect(copied.first == "ok", "\(copy.output)")
        let atSnapshot = Int(copied.last ?? "") ?? -1
        #expect(atSnapshot >= before)
        #expect(try count("SELECT count(*) FROM heartbeat WHERE boot = '\(boot)'") > atSnapshot)

        let listed = (try JSONSerialization.jsonObject(with: Data(try berth(["backup", "list", "--env", "testbed", "--json"]).stdout.utf8))) as? [String: Any]
        let id = try #require((listed?["snapshots"] as? [[String: Any]])?.first?["id"] as? String)
        let restored = try berth(["backup", "restore", "--env", "testbed", "uptime-kuma", "--snapshot", String(id.prefix(8)), "--yes", "--json"])
        #expect(restored.status == 0, "\(restored.output)")
        #expect(steps(restored).contains("restore uptime-kuma/\(data)/kuma.db 1"), "\(restored.output)")
        #expect(FileManager.default.fileExists(atPath: data + ".before_restore/kuma.db"))

        // Exactly the copy's rows of the first run: not the live file's, which the snapshot read torn, nor its WAL.
        #expect(try live("PRAGMA integrity_check") == "ok")
        #expect(try count("SELECT count(*) FROM heartbeat WHERE boot = '\(boot)'") == atSnapshot)
        #expect(try live("SELECT count(DISTINCT boot) FROM heartbeat") == "2")
    }
}
