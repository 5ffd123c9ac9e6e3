import Foundation
import Testing

/// `berth recover` on the test bed: the stack on restic, its snapshots in S3 (moto) and copied to an append-only REST
/// server, is destroyed whole (containers, images, data, dumps, deploy folder) and rebuilt from the snapshot.
@Suite(.serialized, .tags(.testbed, .alone), .needsTestbed, .needsOffsite) struct RecoverEndToEndTests {
    static let rows = 100_000
    static let files = 200

    /// Every table's rows, in one database of the stack.
    static func counts(_ stack: DeployedStack, _ service: String, _ user: String) throws -> String {
        let sql =
            "SELECT table_schema || '.' || table_name, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
        let run = try Run.program("/usr/bin/env", ["docker", "exec", "\(stack.name)-\(service)-1", "psql", "-U", user, "-d", user, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql])
        #expect(run.status == 0, "\(run.output)")
        return run.stdout
    }

    /// What must come back identical: rows, data files (less the databases' own folders), `.env` files.
    static func fingerprint(_ stack: DeployedStack) throws -> [String: String] {
        [
            "planka rows": try counts(stack, "planka-postgres", "planka"),
            "authentik rows": try counts(stack, "authentik-postgresql", "authentik"),
            "files": try Run.shell("cd \(stack.server)/data && find . -path ./planka/db -prune -o -path ./authentik/db -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum").stdout,
            "env": try stack.envChecksums(),
        ]
    }

    /// Each running container's image digests, by service.
    static func runningDigests(_ stack: DeployedStack) throws -> [String: String] {
        let run = try Run.shell(
            "docker ps -q --filter label=com.docker.compose.project=\(stack.name) | xargs docker inspect --format '{{index .Config.Labels \"com.docker.compose.service\"}} {{.Image}}' | while read -r s i; do echo \"$s $(docker image inspect --format '{{json .RepoDigests}}' $i)\"; done"
        )
        return Dictionary(
            run.stdout.split(separator: "\n").map { line in
                let p = line.split(separator: " ", maxSplits: 1)
                return (String(p[0]), String(p.count > 1 ? p[1] : ""))
            }, uniquingKeysWith: { $1 })
    }

    static func report(_ run: Run) -> [String: Any] {
        ((try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [String: Any]) ?? [:]
    }

    /// Nothing of the stack on the target: no container, no folder with anything in it.
    static func empty(_ stack: DeployedStack) throws -> Bool {
        let containers = try Run.shell("docker ps -aq --filter label=com.docker.compose.project=\(stack.name)").stdout
        let folders = try Run.shell("ls -A \(stack.server)/data \(stack.server)/dumps \(stack.services) 2>/dev/null").stdout
        return containers.isEmpty && folders.split(separator: "\n").allSatisfy { $0.hasSuffix(":") }
    }

    @Test func theWholeServerIsRebuiltFromItsSnapshotAndBadInputWritesNothing() throws {
        let offsite = try #require(Offsite.current)
        let bucket = "berth-" + UUID().uuidString.prefix(8).lowercased()
        let keys = Scratch.directory("keys-recover")
        let values = [
            "RESTIC_PASSWORD": "recover-" + UUID().uuidString, "AWS_ACCESS_KEY_ID": "berthtest", "AWS_SECRET_ACCESS_KEY": "berth-secret-key",
            "COPY_RESTIC_REST_USERNAME": offsite.restUser, "COPY_RESTIC_REST_PASSWORD": offsite.restPassword,
        ]
        let secrets = try Offsite.secrets(values, in: keys)
        let top = "backup_copy_to: \"rest:\(offsite.rest)/\(bucket)/\"\nsecrets:\n\(secrets)\n"
        let repository = "s3:\(offsite.s3)/\(bucket)/tangram"
        let stack = try DeployedStack(
            "berthrecover", traefik: "{ http_port: 59180, https_port: 59543, bind_address: 127.0.0.1 }", engine: "restic: { repository: \"\(repository)\" }", top: top)
        defer { stack.tearDown() }
        try stack.provisionSecrets()
        let deployed = try stack.deploy()
        #expect(deployed.status == 0, "\(deployed.output)")

        // The example stack with 100,000 rows and 200 files, backed up to S3 and copied to the REST server.
        _ = try Run.program(
            "/usr/bin/env",
            [
                "docker", "exec", "\(stack.name)-planka-postgres-1", "psql", "-U", "planka", "-d", "planka", "-v", "ON_ERROR_STOP=1", "-c",
                "CREATE TABLE recovered (id int PRIMARY KEY, note text); INSERT INTO recovered SELECT g, md5(g::text) FROM generate_series(1, \(Self.rows)) g",
            ])
        #expect(
            try Run.shell(
                "mkdir -p \(stack.server)/data/planka/attachments && cd \(stack.server)/data/planka/attachments && for i in $(seq 1 \(Self.files)); do head -c $((i * 97)) /dev/urandom > file-$i.bin; done"
            ).status == 0)
        let backup = try stack.berth(["backup", "run", "--env", "testbed", "--json"])
        #expect(backup.status == 0, "\(backup.output)")

        // The full drill recovers the snapshot beside production and holds it to the backup's record; a snapshot whose
        // data file is not the one the backup read (changed, then snapshotted without a new record) fails it.
        let production = try stack.containers()
        let plankaRows = try Self.counts(stack, "planka-postgres", "planka")
        let drill = try stack.berth(["backup", "verify", "--env", "testbed", "--full"])
        #expect(drill.status == 0 && drill.stdout.contains("recovery time: "), "\(drill.output)")
        #expect(try Run.shell("docker ps -aq --filter label=com.docker.compose.project=\(stack.name)-drill").stdout.isEmpty)
        // Production was not touched: the same containers, started when they were, the same rows.
        #expect(try stack.containers() == production)
        #expect(try Self.counts(stack, "planka-postgres", "planka") == plankaRows)
        let status = try stack.berth(["status", "--env", "testbed", "--json"])
        #expect(status.stdout.contains("full recovery of snapshot"), "\(status.output)")
        let changed = "\(stack.server)/data/planka/attachments/file-7.bin"
        let original = try Data(contentsOf: URL(fileURLWithPath: changed))
        try Data("changed after the backup read it".utf8).write(to: URL(fileURLWithPath: changed))
        let retaken = try Run.program(
            "/usr/bin/env", ["docker", "exec", "\(stack.name)-restic-1", "restic", "backup", "--quiet", "/data/docker-volumes", "/data/services", "/data/db-backups"])
        #expect(retaken.status == 0, "\(retaken.output)")
        let failed = try stack.berth(["backup", "verify", "--env", "testbed", "--full"])
        #expect(failed.status == 1 && failed.output.contains("./planka/attachments/file-7.bin differs from the backup's record"), "\(failed.output)")
        try original.write(to: URL(fileURLWithPath: changed))
        #expect(try stack.berth(["backup", "run", "--env", "testbed"]).status == 0)
        let before = try Self.fingerprint(stack)
        #expect(before["planka rows"]?.contains("public.recovered|\(Self.rows)") == true, "\(before)")
        #expect(before["files"]?.split(separator: "\n").count ?? 0 >= Self.files)
        let digests = try Self.runningDigests(stack)

        // The server is lost: containers, images, data folders, dumps and the deploy folder.
        let images = try Run.shell("docker ps -a --filter label=com.docker.compose.project=\(stack.name) --format '{{.Image}}' | sort -u").stdout
        stack.tearDown()
        #expect(
            try Run.shell(
                "echo '\(images)' | xargs -r docker rmi -f >/dev/null; docker image prune -f >/dev/null; rm -rf \(stack.server)/data \(stack.server)/dumps \(stack.services) \(stack.server)/scratch"
            ).status == 0)
        #expect(try Self.empty(stack))

        // Bad input: each refused with its message and exit code, and nothing written to the target.
        let unknown = try stack.berth(["recover", "testbed", "--snapshot", "deadbeef"])
        #expect(unknown.status == 2 && unknown.stderr.contains("no snapshot deadbeef in the repository"), "\(unknown.output)")
        #expect(try Self.empty(stack))
        try "wrong-password".write(toFile: "\(keys)/RESTIC_PASSWORD", atomically: true, encoding: .utf8)
        let wrong = try stack.berth(["recover", "testbed"])
        #expect(wrong.status == 2 && wrong.stderr.contains("the repository password from secrets: does not open the repository"), "\(wrong.output)")
        #expect(try Self.empty(stack))
        try values["RESTIC_PASSWORD"]!.write(toFile: "\(keys)/RESTIC_PASSWORD", atomically: true, encoding: .utf8)
        try stack.write(engine: "restic: { repository: \"s3:http://10.78.0.1:9009/\(bucket)/tangram\" }")
        let unreachable = try stack.berth(["recover", "testbed"])
        #expect(unreachable.status == 1 && unreachable.stderr.contains("did not answer within 30 s"), "\(unreachable.output)")
        #expect(try Self.empty(stack))
        try stack.write(engine: "restic: { repository: \"\(repository)\" }")

        // The recovery: every row, file and .env value back, the recorded digests running, the checks green.
        let recovered = try stack.berth(["recover", "testbed", "--json"])
        #expect(recovered.status == 0, "\(recovered.output)")
        let report = Self.report(recovered)
        let steps = (report["steps"] as? [[String: Any]]) ?? []
        #expect(steps.count == 7 && steps.allSatisfy { $0["ok"] as? Bool == true }, "\(recovered.output)")
        let total = report["totalSeconds"] as? Double ?? .infinity
        #expect(total <= 300, "recovery took \(total) s")
        #expect(try Self.fingerprint(stack) == before)
        #expect(try Self.runningDigests(stack) == digests)
        let checked = try stack.berth(["check", "--env", "testbed", "--direct"])
        #expect(checked.status == 0, "\(checked.output)")
        // The release record in the snapshot holds the config it was deployed from, and the recovered one keeps it.
        let current = try String(contentsOfFile: "\(stack.services)/.berth/current", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let record = try String(contentsOfFile: "\(stack.services)/.berth/releases/\(current)/record.json", encoding: .utf8)
        #expect(record.contains("backup_copy_to: \\\"rest:"), "\(record.prefix(600))")
        let releases = try stack.berth(["releases", "--env", "testbed", "--json"])
        #expect(releases.stdout.contains(report["snapshot"] as? String ?? "?"), "\(releases.output)")
        for key in ["RESTIC_PASSWORD", "AWS_SECRET_ACCESS_KEY", "COPY_RESTIC_REST_PASSWORD"] { #expect(!recovered.output.contains(values[key]!)) }

        // A target that runs the stack is refused, and left as it was.
        let running = try stack.containers()
        let again = try stack.berth(["recover", "testbed"])
        #expect(again.status == 2 && again.stderr.contains("refusing to recover onto"), "\(again.output)")
        #expect(try stack.containers() == running)
        #expect(try Self.fingerprint(stack)["env"] == before["env"])
    }
}
