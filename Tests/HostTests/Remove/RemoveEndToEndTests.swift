import Foundation
import Testing

/// `berth remove` on the test bed: an app with PostgreSQL and an uploads folder deployed over SSH, taken down and
/// deployed again with the same rows and files, then purged until nothing of it is left; and the refusal of an
/// environment whose sharer is deployed. Swarm's remove is shown by `RemovalTranscriptTests` (the cluster is not
/// brought up here).
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct RemoveEndToEndTests {
    static let name = "berthremove"

    /// The stack: one app with a database and a volume, backed up by restic into a repository beside the config;
    /// healthchecks every second, a nightly backup line.
    struct Bed {
        let server = Scratch.directory("srv-remove")
        let project = Scratch.directory("proj-remove")
        var services: String { server + "/services" }
        var uploads: String { server + "/data/shop/uploads" }

        func write() throws {
            let config =
                AppProject.header(name: RemoveEndToEndTests.name, project: server, backupSchedule: "04:30")
                    + """
                    services:
                      restic: { repository: "\(project)/restic-repo" }
                    apps:
                      shop:
                        image: berth-testbed/app
                        tag: v1
                        port: 3000
                        volumes: { uploads: /data/uploads }
                        database: postgres
                        health: { command: [/app, health] }
                    \(Testbed.environments(server: server))
                    """
            try config.write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        }

        func berth(_ arguments: [String]) throws -> Run { try Run.berth(arguments, in: project) }

        func psql(_ sql: String) throws -> String {
            let run = try Run.program(
                "/usr/bin/env", ["docker", "exec", "\(name)-shop-postgres-1", "psql", "-U", "shop", "-d", "shop", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql])
            #expect(run.status == 0, "\(run.output)")
            return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// What the engine and the crontab hold of the stack: its containers, networks, volumes, and crontab lines.
        func leftovers() throws -> String {
            let label = "label=com.docker.compose.project=\(name)"
            return try Run.shell(
                "docker ps -aq --filter \(label); docker network ls -q --filter \(label); docker volume ls -q --filter \(label); crontab -l 2>/dev/null | grep -F '# berth backup \(name)'"
            ).stdout
        }

        func envChecksums() throws -> String {
            try Run.shell("cd \(services) && find . -name .env | sort | xargs sha256sum").stdout
        }

        func tearDown() {
            _ = try? Run.shell("docker ps -aq --filter label=com.docker.compose.project=\(name) | xargs -r docker rm -f")
            _ = try? Run.shell("docker network ls -q --filter label=com.docker.compose.project=\(name) | xargs -r docker network rm")
            _ = try? Run.shell("crontab -l 2>/dev/null | grep -vF '# berth backup \(name)' | crontab -")
        }
    }

    static func removed(_ run: Run) -> [String] {
        let report = (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]) ?? [:]
        return ((report["removed"] as? [[String: Any]]) ?? []).map { "\($0["kind"] ?? "") \($0["name"] ?? "")" }
    }

    @Test func removeKeepsTheDataDeployBringsItBackAndPurgeLeavesNothing() throws {
        let bed = Bed()
        defer { bed.tearDown() }
        try bed.write()
        #expect(try bed.berth(["render", "--env", "testbed", "--out", bed.services]).status == 0)
        #expect(try bed.berth(["env", "init", "--env", "testbed", "--dir", bed.services]).status == 0)
        let deployed = try bed.berth(["deploy", "testbed", "--timeout", "120"])
        try #require(deployed.status == 0, "\(deployed.output)")
        _ = try bed.psql("CREATE TABLE orders (id int PRIMARY KEY, note text); INSERT INTO orders SELECT g, md5(g::text) FROM generate_series(1, 250) g")
        let rows = try bed.psql("SELECT count(*), md5(string_agg(note, ',' ORDER BY id)) FROM orders")
        _ = try Run.shell("mkdir -p \(bed.uploads) && head -c 4096 /dev/urandom > \(bed.uploads)/invoice.bin")
        let file = try #require(FileManager.default.contents(atPath: bed.uploads + "/invoice.bin"))
        let backup = try bed.berth(["backup", "run", "--env", "testbed"])
        #expect(backup.status == 0, "\(backup.output)")
        let dump = bed.server + "/dumps/shop/shop.dump"
        #expect(FileManager.default.fileExists(atPath: dump))
        let envs = try bed.envChecksums()
        #expect(try bed.leftovers().contains("# berth backup \(Self.name)"))

        // Taken down: no container, network or crontab line; the rows' folder, the file, the dump and the .env files stay.
        let removed = try bed.berth(["remove", "testbed", "--json"])
        #expect(removed.status == 0, "\(removed.output)")
        let items = Self.removed(removed)
        #expect(items.contains("container \(Self.name)-shop-postgres-1") && items.contains("container \(Self.name)-shop-1"))
        #expect(items.contains("network \(Self.name)_default") && items.contains("crontab # berth backup \(Self.name)"))
        #expect(items.contains("record \(bed.services)/.berth/releases"))
        #expect(!items.contains { $0.hasPrefix("folder") || $0.hasPrefix("volume") || $0.hasPrefix("file") })
        #expect(removed.stderr.contains("==> containers") && removed.stderr.contains("==> unlock"))
        #expect(try bed.leftovers().isEmpty)
        #expect(FileManager.default.fileExists(atPath: dump) && FileManager.default.contents(atPath: bed.uploads + "/invoice.bin") == file)
        #expect(try bed.envChecksums() == envs)
        #expect(!FileManager.default.fileExists(atPath: bed.services + "/.berth/current"))

        // Deployed again (a first deploy: no release recorded): the same rows and file come back.
        let again = try bed.berth(["deploy", "testbed", "--timeout", "120"])
        try #require(again.status == 0, "\(again.output)")
        #expect(try bed.psql("SELECT count(*), md5(string_agg(note, ',' ORDER BY id)) FROM orders") == rows)
        #expect(FileManager.default.contents(atPath: bed.uploads + "/invoice.bin") == file)
        #expect(try bed.leftovers().contains("# berth backup \(Self.name)"))

        // --purge asks for the name: without a terminal and without --yes it refuses, and nothing changes.
        let unasked = try bed.berth(["remove", "testbed", "--purge"])
        #expect(unasked.status == 2 && unasked.stderr.contains("without --yes: there is no terminal"), "\(unasked.output)")
        // Typed wrong on a terminal (`script` gives it one), it is cancelled.
        let typed = try Run.shell("printf 'production\\n' | script -qec '\(Run.berthPath) remove testbed --purge' /dev/null", in: bed.project)
        #expect(typed.status == 2 && typed.stdout.contains("Type 'testbed' to go on") && typed.stdout.contains("cancelled"), "\(typed.output)")
        #expect(!(try bed.leftovers().isEmpty))

        // Purged: nothing of the environment is left, neither on the engine, in the crontab nor in the server's folders.
        let purged = try bed.berth(["remove", "testbed", "--purge", "--yes", "--json"])
        #expect(purged.status == 0, "\(purged.output)")
        let gone = Self.removed(purged)
        for path in [bed.uploads, bed.server + "/dumps/shop", bed.server + "/data", bed.server + "/dumps", bed.services] {
            #expect(gone.contains("folder \(path)"), "\(path) not in \(gone)")
        }
        #expect(gone.contains("file \(bed.services)/shop/.env"))
        #expect(try bed.leftovers().isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: bed.server) == [])
        // The backup repository is a host path restic only writes to: a purge leaves it, for `berth recover`.
        #expect(FileManager.default.fileExists(atPath: bed.project + "/restic-repo/config"))
        // Removing what is gone finds nothing, and is no error.
        let twice = try bed.berth(["remove", "testbed", "--purge", "--yes", "--json"])
        #expect(twice.status == 0 && Self.removed(twice).filter { !$0.hasPrefix("folder \(bed.services)") }.isEmpty, "\(twice.output)")
    }

    /// Staging shares production's proxy: while a container of staging's project exists, production is not removed.
    @Test func anEnvironmentAnotherSharesIsRefusedWhileThatOneIsDeployed() throws {
        let root = Scratch.directory("remove-shared")
        let name = "berthrmshare"
        let config =
            AppProject.header(name: name, project: root) + """
                services:
                  caddy: { http_port: 18081, https_port: 18444, bind_address: 127.0.0.1 }
                apps:
                  web: { image: berth-testbed/app, tag: v1, port: 3000, hosts: [web], health: { command: [/app, health] } }
                environments:
                  production: { target: "file:.berth/production", certificates: internal }
                  staging: { target: "file:.berth/staging", shares: production, domain: staging.example.org, certificates: internal }
                """
        try config.write(toFile: root + "/berth.yaml", atomically: true, encoding: .utf8)
        let created = try Run.shell("docker create --label com.docker.compose.project=\(name)-staging 127.0.0.1:5000/berth-testbed/busybox:latest true")
        try #require(created.status == 0, "\(created.output)")
        let container = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        defer { _ = try? Run.shell("docker rm -f \(container)") }

        let refused = try Run.berth(["remove", "production", "--purge", "--yes"], in: root)
        #expect(refused.status == 2, "\(refused.output)")
        #expect(refused.stderr.contains("environments.staging (1 containers, release none) shares its proxy"), "\(refused.stderr)")
        #expect(refused.stderr.contains("`berth remove staging`"))
        // Refused before the lock: not even the deploy folder was made.
        #expect(!FileManager.default.fileExists(atPath: root + "/.berth/production"))

        _ = try Run.shell("docker rm -f \(container)")
        let removed = try Run.berth(["remove", "production"], in: root)
        #expect(removed.status == 0, "\(removed.output)")
    }
}
