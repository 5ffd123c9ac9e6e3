import Foundation
import Testing

/// restic's repository off the server, on the real servers of `scripts/testbed-offsite up`: snapshots in S3 (moto),
/// copied to a REST server (rclone) that the server's login reaches append-only, and an upload that fails.
@Suite(.serialized, .tags(.testbed), .needsTestbed, .needsOffsite) struct OffsiteBackupEndToEndTests {
    static func steps(_ run: Run) -> [String] {
        let decoded = ((try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [[String: Any]]) ?? []
        return decoded.map { "\($0["kind"] ?? "?") \($0["module"] ?? "?")/\($0["name"] ?? "?") \(($0["ok"] as? Bool) == true ? "ok" : "failed")" }
    }

    /// One value of the server's `restic/.env`.
    static func serverValue(_ stack: DeployedStack, _ key: String) throws -> String {
        let text = try String(contentsOfFile: stack.services + "/restic/.env", encoding: .utf8)
        return text.split(separator: "\n").first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) } ?? ""
    }

    static func set(_ stack: DeployedStack, _ key: String, _ value: String) throws {
        let run = try Run.program(Run.berthPath, ["env", "set", "--env", "testbed", "restic", key], in: stack.project, input: value)
        #expect(run.status == 0, "\(run.output)")
    }

    /// Snapshot ids of a repository, read on this machine.
    static func ids(_ repository: String, password: String, _ environment: [String: String]) throws -> [String] {
        let run = try Offsite.restic(["snapshots", "--json"], repository: repository, password: password, environment: environment)
        #expect(run.status == 0, "\(run.output)")
        let list = ((try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [[String: Any]]) ?? []
        return list.compactMap { $0["id"] as? String }.sorted()
    }

    @Test func snapshotsGoToS3AndAnAppendOnlyCopyAndAFailedUploadFailsAndNotifies() throws {
        let offsite = try #require(Offsite.current)
        let sinks = try NotifySinks(password: "unused-login")
        defer { sinks.stop() }
        let bucket = "berth-" + UUID().uuidString.prefix(8).lowercased()
        let s3 = "s3:\(offsite.s3)/\(bucket)/tangram"
        let copy = "rest:\(offsite.rest)/\(bucket)/"
        // The admin's logins, which may delete, come from secrets: on this machine only: never the server's .env.
        let keyFolder = Scratch.directory("keys-offsite")
        let admin = [
            "RESTIC_PASSWORD": "offsite-" + UUID().uuidString, "PRUNE_AWS_ACCESS_KEY_ID": "berthadmin", "PRUNE_AWS_SECRET_ACCESS_KEY": "berth-admin-key",
            "COPY_PRUNE_RESTIC_REST_USERNAME": offsite.restAdminUser, "COPY_PRUNE_RESTIC_REST_PASSWORD": offsite.restAdminPassword,
        ]
        let secrets = try Offsite.secrets(admin, in: keyFolder)
        let top = """
            backup_copy_to: "\(copy)"
            backup_keep: { daily: 1, weekly: 0, monthly: 0 }
            secrets:
            \(secrets)
            notify:
              - { url: "https://127.0.0.1:\(sinks.https)/hook", ca_file: "\(sinks.certificate)", on: [backup] }

            """
        let stack = try DeployedStack(
            "berthoffsite", traefik: "{ http_port: 59080, https_port: 59443, bind_address: 127.0.0.1 }",
            engine: "restic: { repository: \"\(s3)\", copy_prune_repository: \"rest:\(offsite.restAdmin)/\(bucket)/\" }", top: top)
        defer {
            stack.tearDown()
            _ = try? Offsite.script("start-s3")
        }
        try stack.provisionSecrets()
        let s3Keys = ["AWS_ACCESS_KEY_ID": "berthtest", "AWS_SECRET_ACCESS_KEY": "berth-secret-key"]
        for (key, value) in s3Keys { try Self.set(stack, key, value) }
        try Self.set(stack, "COPY_RESTIC_REST_USERNAME", offsite.restUser)
        try Self.set(stack, "COPY_RESTIC_REST_PASSWORD", offsite.restPassword)
        let deployed = try stack.deploy()
        #expect(deployed.status == 0, "\(deployed.output)")
        let keys = try stack.berth(["env", "keys", "testbed"])
        #expect(keys.stdout.contains("  keep a copy off the server too: RESTIC_PASSWORD (without it no backup can be read)\n"), "\(keys.output)")

        // 1. The snapshot lands in the S3 bucket and its copy on the REST server: this machine's restic reads both.
        let run = try stack.berth(["backup", "run", "--env", "testbed", "--json"])
        #expect(run.status == 0, "\(run.output)")
        #expect(Self.steps(run).suffix(2) == ["snapshot restic/sources ok", "copy restic/backup_copy_to ok"], "\(run.output)")
        let password = try Self.serverValue(stack, "RESTIC_PASSWORD")
        let adminREST = ["RESTIC_REST_USERNAME": offsite.restAdminUser, "RESTIC_REST_PASSWORD": offsite.restAdminPassword]
        let adminCopy = "rest:\(offsite.restAdmin)/\(bucket)/"
        let first = try Self.ids(s3, password: password, s3Keys)
        #expect(first.count == 1)
        #expect(try Self.ids(adminCopy, password: password, adminREST).count == 1)
        let checked = try stack.berth(["check", "--env", "testbed", "--direct", "restic"])
        #expect(checked.status == 0, "\(checked.output)")
        for secret in [password, "berth-secret-key", offsite.restPassword] { #expect(!(run.output + checked.output).contains(secret)) }

        // 2. The server's login cannot delete a snapshot of the copy; `berth backup prune`, with the admin's login
        // that is never on the server, keeps what backup_keep: says (the newest of the day) in both repositories.
        #expect(try stack.berth(["backup", "run", "--env", "testbed"]).status == 0)
        let copied = try Self.ids(adminCopy, password: password, adminREST)
        #expect(copied.count == 2)
        let asServer = "RESTIC_REPOSITORY=$COPY_RESTIC_REPOSITORY RESTIC_REST_USERNAME=$COPY_RESTIC_REST_USERNAME RESTIC_REST_PASSWORD=$COPY_RESTIC_REST_PASSWORD restic forget \(copied[0])"
        let refused = try Run.program("/usr/bin/env", ["docker", "exec", "\(stack.name)-restic-1", "sh", "-c", asServer])
        // The server answers 403 and the snapshot stays; restic 0.18 reports the refusal but exits 0 all the same.
        #expect(refused.output.contains("403 Forbidden") && refused.output.contains("unable to remove snapshot"), "\(refused.output)")
        #expect(try Self.ids(adminCopy, password: password, adminREST) == copied)
        let serverEnv = try String(contentsOfFile: stack.services + "/restic/.env", encoding: .utf8)
        #expect(!serverEnv.contains("PRUNE_") && !serverEnv.contains(offsite.restAdminPassword), "the admin's login reached the server")
        // restic is on no PATH of this machine but the test bed's tools folder.
        let noRestic = try stack.berth(["backup", "prune", "--env", "testbed"])
        #expect(noRestic.status == 1 && noRestic.output.contains("restic is not installed on this machine"), "\(noRestic.output)")
        let pruned = try stack.berth(["backup", "prune", "--env", "testbed", "--json"], path: "/var/lib/berth-testbed/tools")
        #expect(pruned.status == 0, "\(pruned.output)")
        #expect(Self.steps(pruned) == ["prune restic/\(s3) ok", "prune restic/rest:\(offsite.restAdmin)/\(bucket)/ ok"], "\(pruned.output)")
        let kept = try Self.ids(adminCopy, password: password, adminREST)
        let keptInS3 = try Self.ids(s3, password: password, s3Keys)
        #expect(kept.count == 1 && keptInS3.count == 1)
        for secret in admin.values where secret.count > 8 { #expect(!pruned.output.contains(secret)) }

        // 3. The S3 server stops: the upload fails `backup run`, the check and the nightly script, which notifies.
        #expect(try Offsite.script("stop-s3").status == 0)
        let failed = try stack.berth(["backup", "run", "--env", "testbed", "--json"])
        #expect(failed.status == 1, "\(failed.output)")
        #expect(Self.steps(failed).last == "snapshot restic/sources failed", "\(failed.output)")
        let stale = try stack.berth(["check", "--env", "testbed", "--direct", "restic"])
        #expect(stale.status == 1, "\(stale.output)")
        let script = try Run.shell("cd \(stack.services) && sh ./backup.sh")
        #expect(script.status == 1 && script.stdout.contains("snapshot restic/sources FAILED") && !script.stdout.contains("copy restic"), "\(script.output)")
        let hooks = sinks.webhooks("backup")
        #expect(hooks.count == 1 && "\(hooks)".contains("snapshot restic/sources"), "\(sinks.requests())")
    }
}
