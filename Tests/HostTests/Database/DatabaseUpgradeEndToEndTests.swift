import Foundation
import Testing

/// `berth db upgrade` for real: Planka's PostgreSQL 14 (the test bed's real 14.1) holding 100,000 rows moved to the
/// real 17, refused on bad input with nothing changed, surviving a killed new server, and returned with `--rollback`.
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct DatabaseUpgradeEndToEndTests {
    let name = "berthpgup"
    let server = Scratch.directory("srv-berthpgup")
    let project = Scratch.directory("proj-berthpgup")
    var folder: String { server + "/data/planka/db" }
    var container: String { "\(name)-planka-postgres-1" }

    var config: String {
        Testbed.config(
            name: name, server: server,
            services: """
                  traefik: { http_port: 58280, https_port: 58643, bind_address: 127.0.0.1, dashboard: "" }
                  planka: { sso: false }
                """)
    }

    func berth(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        guard !environment.isEmpty else { return try Run.berth(arguments, in: project) }
        var values = ProcessInfo.processInfo.environment
        values.merge(environment) { $1 }
        return try Run.program(Run.berthPath, arguments, in: project, environment: values)
    }

    func sql(_ statement: String) throws -> String {
        try Run.program("/usr/bin/env", ["docker", "exec", container, "psql", "-U", "planka", "-d", "planka", "-Atc", statement]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every table's rows, the server's major, and what lies beside the data folder: what must not change.
    func state() throws -> String {
        let rows = try sql("select 'cards ' || count(*) from cards union all select 'labels ' || count(*) from labels order by 1")
        let major = try sql("show server_version").prefix { $0.isNumber }
        let beside = try Run.shell("ls -d \(folder)* | sed 's|.*/||'").stdout
        return "\(rows)\nmajor \(major)\nPG_VERSION \(try String(contentsOfFile: folder + "/PG_VERSION", encoding: .utf8))\(beside)"
    }

    func lock() -> String { (try? String(contentsOfFile: project + "/berth.lock", encoding: .utf8)) ?? "" }

    @Test func fourteenToSeventeenKeepsEveryRowAndGoesBack() throws {
        try config.write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        try "version: 1\npins:\n  planka:\n    app: 1.23.5\n    postgres: 14-alpine\n".write(toFile: project + "/berth.lock", atomically: true, encoding: .utf8)
        defer {
            _ = try? Run.shell("cd \(server)/services && docker compose down --remove-orphans --timeout 2")
            _ = try? Run.shell("docker ps -aq --filter label=com.docker.compose.project=\(name) | xargs -r docker rm -f; docker rm -f berth-pgupgrade-\(name)-planka-postgres")
        }
        #expect(try berth(["env", "init", "--env", "testbed"]).status == 0)
        let first = try berth(["deploy", "testbed", "--timeout", "120"])
        try #require(first.status == 0, "\(first.output)")
        _ = try sql(
            "create table cards (id serial primary key, title text not null); create table labels (id int primary key, name text);"
                + "insert into cards (title) select 'card ' || g from generate_series(1, 100000) g; insert into labels select g, 'l' || g from generate_series(1, 50) g")
        try Run.shell("head -c 4096 /dev/urandom > \(server)/data/planka/user-avatars/a.png").requireSuccess()
        let before = try state()
        #expect(before.hasPrefix("cards 100000\nlabels 50\nmajor 14\nPG_VERSION 14\n"), "\(before)")
        let pins = lock()

        // Bad input: a clear message, exit 2, and nothing changed.
        for (arguments, message) in [
            (["planka", "--to", "12"], "older than the cluster's PostgreSQL 14"), (["nosuch", "--to", "17"], "unknown module 'nosuch'"),
            (["traefik", "--to", "17"], "traefik has no PostgreSQL database"), (["planka", "--to", "17", "--keep-free", "100T"], "too little disk"),
            (["planka", "--to", "16"], "cannot be had"), (["planka", "--to", "99"], "not a PostgreSQL major"),
        ] {
            let refused = try berth(["db", "upgrade", "testbed"] + arguments)
            #expect(refused.status == 2 && refused.stderr.contains(message), "\(arguments): \(refused.output)")
        }
        #expect(try state() == before)
        #expect(lock() == pins)

        // The new server killed between the copy and the swap: 14 serves every row, Planka runs, nothing is left.
        let crashed = try berth(["db", "upgrade", "testbed", "planka", "--to", "17"], environment: ["BERTH_FAULT": "db-upgrade.before-swap"])
        #expect(crashed.status == 1 && crashed.stderr.contains("did not shut down cleanly") && crashed.stderr.contains("PostgreSQL 14 serve"), "\(crashed.output)")
        #expect(try state() == before)
        #expect(lock() == pins)
        #expect(try Run.shell("docker ps -a --format '{{.Names}} {{.State}}' | grep -E '^(berth-pgupgrade|\(name)-planka-1 )' ").stdout == "\(name)-planka-1 running\n")

        // The upgrade itself: every row in 17, the old folder kept, the pin moved, Planka green.
        let upgraded = try berth(["db", "upgrade", "testbed", "planka", "--to", "17"])
        try #require(upgraded.status == 0, "\(upgraded.output)")
        #expect(upgraded.stdout.contains("rows: 100050 in 2 tables") && upgraded.stdout.contains("was unavailable for"), "\(upgraded.stdout)")
        let after = try state()
        #expect(after == "cards 100000\nlabels 50\nmajor 17\nPG_VERSION 17\ndb\ndb.pg14\n", "\(after)")
        #expect(lock().contains("postgres: \"17-alpine\""))
        #expect(try Run.shell("ls \(server)/dumps/planka/upgrade-planka-postgres-pg17/").stdout.contains("planka.dump"))
        let check = try berth(["check", "testbed", "planka", "--direct"])
        #expect(check.status == 0, "\(check.output)")

        // And back: 14 serves again with every row; the 17 folder is moved aside, not deleted.
        let back = try berth(["db", "upgrade", "testbed", "planka", "--rollback", "--json"])
        try #require(back.status == 0, "\(back.output)")
        let returned = try state()
        #expect(returned.hasPrefix("cards 100000\nlabels 50\nmajor 14\nPG_VERSION 14\ndb\ndb.pg17.returned-"), "\(returned)")
        #expect(lock().contains("postgres: \"14-alpine\""))
        #expect(try berth(["check", "testbed", "planka", "--direct"]).status == 0)

        try aDeployThatFailsInTheMiddleOfItsMigrationsPutsTheDataBack()
    }

    /// Planka 1.x on 14 to 2.x on 17 in one deploy, whose third folder move finds its target taken: the database upgrade,
    /// the checkpoint and the two moves before are taken back, and 1.x serves 14 with every row and file where they were.
    func aDeployThatFailsInTheMiddleOfItsMigrationsPutsTheDataBack() throws {
        let planka = server + "/data/planka"
        try Run.shell("mkdir -p \(planka)/data/private/attachments && echo planted > \(planka)/data/private/attachments/planted").requireSuccess()
        let files = try Run.shell("cd \(planka) && find . -path './db*' -prune -o -type f -print0 | sort -z | xargs -0 sha256sum").stdout
        let before = try state()
        try "version: 1\npins:\n  planka:\n    app: 2.1.0\n    postgres: 17-alpine\n".write(toFile: project + "/berth.lock", atomically: true, encoding: .utf8)
        let deploy = try berth(["deploy", "testbed", "--timeout", "60"])
        #expect(deploy.status == 1, "\(deploy.output)")
        #expect(deploy.stderr.contains("already holds files") && deploy.stderr.contains("rollback: undo migrations ok"), "\(deploy.stderr)")
        #expect(deploy.stderr.contains("PostgreSQL 14 -> 17") && deploy.stderr.contains("undo: "), "\(deploy.stderr)")
        let after = try state()
        #expect(after.hasPrefix(before.split(separator: "\n").prefix(4).joined(separator: "\n")), "\(after)")
        #expect(try Run.shell("cd \(planka) && find . -path './db*' -prune -o -type f -print0 | sort -z | xargs -0 sha256sum").stdout == files)
        let version = try Run.shell("docker inspect --format '{{range .Config.Env}}{{println .}}{{end}}' \(name)-planka-1 | sed -n 's/^STANDIN_VERSION=//p'").stdout
        #expect(version == "1.23.5\n")
        #expect(try berth(["check", "testbed", "planka", "--direct"]).status == 0)
    }
}
