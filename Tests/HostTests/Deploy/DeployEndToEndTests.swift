import Foundation
import Testing

/// `berth deploy` for real: over sshd on 127.0.0.1:2222 into a folder on this machine, on the test bed's
/// Docker engine, pulling stand-in images through its registry (`scripts/testbed up` runs first).
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct DeployEndToEndTests {
    @Test func deployLifecycle() throws {
        let stack = try DeployedStack("berthlife")
        defer { stack.tearDown() }
        try stack.provisionSecrets()

        // 1. A first deploy brings every service up and healthy.
        let first = try stack.deploy(["--json"])
        #expect(first.status == 0, "first deploy: \(first.stderr)")
        #expect(first.stderr.contains("==> sync") && first.stderr.contains("==> health"))
        let report = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any]
        #expect(report?["ok"] as? Bool == true)
        let started = try stack.containers()
        #expect(
            Set(started.keys) == [
                "traefik", "traefik-socket", "authentik-postgresql", "authentik-server", "authentik-worker", "planka", "planka-postgres", "kopia", "watchtower",
                "watchtower-socket",
            ])
        for (service, state) in started {
            #expect(state[2] == "running", "\(service) is \(state[2])")
            #expect(state[3] == "healthy" || state[3] == "none", "\(service) health \(state[3])")
        }
        let envBefore = try stack.envChecksums()
        #expect(envBefore.split(separator: "\n").count == 4)

        // 3. A second deploy with no change restarts nothing, and plan shows no change.
        let plan = try stack.berth(["plan", "testbed", "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan.output)")
        #expect(plan.stdout.hasPrefix("no changes since release"))
        let again = try stack.deploy()
        #expect(again.status == 0 && again.stdout.hasPrefix("no changes: "), "\(again.output)")
        #expect(try stack.containers() == started)

        // 4. Changing one service recreates only that service.
        try stack.write(watchtower: "{ schedule: \"0 30 4 * * *\" }")
        let changedPlan = try stack.berth(["plan", "testbed", "--detailed-exitcode"])
        #expect(changedPlan.status == 3)
        #expect(changedPlan.stdout.contains("~ watchtower (watchtower)\n    settings changed"), "\(changedPlan.stdout)")
        #expect(try stack.deploy().status == 0)
        let after = try stack.containers()
        for (service, state) in after where service != "watchtower" { #expect(state == started[service], "\(service) was recreated") }
        #expect(after["watchtower"]?[0] != started["watchtower"]?[0])

        // 2. The server's .env files are unchanged after three deploys.
        #expect(try stack.envChecksums() == envBefore)

        // 6. A deploy started while another holds the lock fails clearly, and waits when asked to.
        _ = try Run.shell(
            "mkdir -p \(stack.services)/.berth/lock && echo '{\"owner\":\"ci@runner\",\"pid\":42,\"time\":\"2026-01-01T00:00:00Z\",\"message\":\"stuck\"}' > \(stack.services)/.berth/lock/owner")
        let locked = try stack.deploy(["--lock-wait", "1"])
        #expect(locked.status == 1)
        #expect(locked.stderr.contains("is held: by ci@runner (pid 42) since 2026-01-01T00:00:00Z"))
        let status = try stack.berth(["lock", "status", "testbed"])
        #expect(status.stdout.contains("locked by ci@runner"))
        let waiter = Process()
        waiter.executableURL = URL(fileURLWithPath: "/bin/sh")
        waiter.arguments = ["-c", "sleep 2; rm -rf \(stack.services)/.berth/lock"]
        try waiter.run()
        let waited = try stack.deploy(["--lock-wait", "30"])
        waiter.waitUntilExit()
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(try stack.berth(["lock", "status", "testbed"]).stdout.contains("free"))

        // 7. A missing secret stops the deploy at preflight, naming file and key; nothing changes.
        let plankaEnv = stack.services + "/planka/.env"
        let original = try String(contentsOfFile: plankaEnv, encoding: .utf8)
        try original.split(separator: "\n").filter { !$0.hasPrefix("SECRET_KEY=") }.joined(separator: "\n").write(toFile: plankaEnv, atomically: false, encoding: .utf8)
        let treeBefore = try Run.shell("cd \(stack.services) && find . -type f ! -name .env | sort | xargs sha256sum").stdout
        let containersBefore = try stack.containers()
        let missing = try stack.deploy()
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("\(plankaEnv): SECRET_KEY is missing or empty"))
        #expect(try Run.shell("cd \(stack.services) && find . -type f ! -name .env | sort | xargs sha256sum").stdout == treeBefore)
        #expect(try stack.containers() == containersBefore)
        try original.write(toFile: plankaEnv, atomically: false, encoding: .utf8)

        // 9. A connection dropped during sync leaves the release running; the next deploy succeeds.
        let wrappers = Scratch.directory("rsync-drop")
        let realRsync = try Run.shell("command -v rsync").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try "#!/bin/sh\n\(realRsync) \"$@\" & pid=$!\nsleep 0.05\nkill -9 $pid 2>/dev/null\npkill -9 -P $$ 2>/dev/null\nexit 255\n"
            .write(toFile: wrappers + "/rsync", atomically: true, encoding: .utf8)
        _ = try Run.shell("chmod +x \(wrappers)/rsync")
        try stack.write(watchtower: "{ schedule: \"0 45 4 * * *\" }")
        let dropped = try stack.deploy(path: wrappers)
        #expect(dropped.status == 1)
        #expect(dropped.stderr.contains("failed at sync"))
        #expect(try stack.containers() == containersBefore)
        #expect(try stack.berth(["lock", "status", "testbed"]).stdout.contains("free"))
        let recovered = try stack.deploy()
        #expect(recovered.status == 0, "\(recovered.stderr)")
        #expect(try stack.envChecksums() == envBefore)

        let releases = try stack.berth(["releases", "testbed", "--json"])
        let list = try JSONSerialization.jsonObject(with: Data(releases.stdout.utf8)) as? [String: Any]
        let ids = ((list?["releases"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
        // Recorded: the first deploy, the schedule change and the recovered one. The deploys that changed
        // nothing (step 3, and the one that waited for the lock) recorded nothing.
        #expect(ids.count == 3)
        #expect(list?["current"] as? String == ids.last)

        // `berth rollback` puts the release before the current one back, from the files kept on the server.
        let rollback = try stack.berth(["rollback", "testbed"])
        #expect(rollback.status == 0, "\(rollback.stderr)")
        let afterRollback = try JSONSerialization.jsonObject(with: Data(try stack.berth(["releases", "testbed", "--json"]).stdout.utf8)) as? [String: Any]
        #expect(afterRollback?["current"] as? String == ids[ids.count - 2])
        #expect(try String(contentsOfFile: stack.services + "/watchtower/docker-compose.yaml", encoding: .utf8).contains("0 30 4 * * *"))
        #expect(try stack.envChecksums() == envBefore)
    }

    @Test func unhealthyReleaseIsRolledBack() throws {
        let stack = try DeployedStack("berthroll", traefik: "{ http_port: 28080, https_port: 28443, bind_address: 127.0.0.1 }")
        defer { stack.tearDown() }
        try stack.provisionSecrets()
        #expect(try stack.deploy().status == 0)
        let good = try stack.containers()

        // 5. The broken stand-in tag runs but its healthcheck always fails.
        try stack.write(traefik: "{ http_port: 28080, https_port: 28443, bind_address: 127.0.0.1, version: \"v3.7.15-unhealthy\" }")
        // The gate cannot pass: 30 s shows the failure and leaves the rollback time to start the good release.
        let failed = try stack.deploy(["--timeout", "30", "--json"])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("failed at health"))
        #expect(failed.stderr.contains("rolled back to release"))
        let report = try JSONSerialization.jsonObject(with: Data(failed.stdout.utf8)) as? [String: Any]
        #expect(report?["rolledBack"] as? Bool == true)
        let now = try stack.containers()
        #expect(now["traefik"]?[2] == "running")
        #expect(try Run.shell("docker inspect --format '{{.Config.Image}}' \(now["traefik"]?[0] ?? "none")").stdout.contains("traefik:v3.7.15"))
        #expect(now["planka"] == good["planka"])

        // The failed release is recorded, marked failed, and the good one stays current.
        let listed = try JSONSerialization.jsonObject(with: Data(try stack.berth(["releases", "testbed", "--json"]).stdout.utf8)) as? [String: Any]
        let releases = (listed?["releases"] as? [[String: Any]]) ?? []
        #expect(releases.count == 2)
        #expect(releases.first?["failure"] == nil && (releases.last?["failure"] as? String)?.contains("health") == true)
        #expect(listed?["current"] as? String == releases.first?["id"] as? String)
        #expect(try stack.berth(["releases", "testbed"]).stdout.contains("FAILED: "))
        // A failed release is no rollback target, and there is no good release before the live one.
        let failedID = releases.last?["id"] as? String ?? "?"
        #expect(try stack.berth(["rollback", "testbed", failedID]).stderr.contains("failed to deploy; it has no files"))
        let rollback = try stack.berth(["rollback", "testbed"])
        #expect(rollback.status == 1)
        #expect(rollback.stderr.contains("no release before"))
    }

    @Test func changedHostKeyIsRefused() throws {
        let stack = try DeployedStack("berthkey")
        defer { stack.tearDown() }
        let wrongKnownHosts = Scratch.directory("kh") + "/known_hosts"
        _ = try Run.shell(
            "ssh-keygen -q -t ed25519 -N '' -f \(wrongKnownHosts).key && printf '[127.0.0.1]:\(Testbed.sshPort) %s\\n' \"$(cut -d' ' -f1,2 \(wrongKnownHosts).key.pub)\" > \(wrongKnownHosts)")
        let text = try String(contentsOfFile: stack.project + "/berth.yaml", encoding: .utf8).replacingOccurrences(of: Testbed.knownHosts, with: wrongKnownHosts)
        try text.write(toFile: stack.project + "/berth.yaml", atomically: true, encoding: .utf8)
        let run = try stack.deploy()
        #expect(run.status == 1)
        #expect(run.stderr.contains("its host key is unknown or has changed"))
        #expect(!FileManager.default.fileExists(atPath: stack.services + "/docker-compose.yaml"))
    }
}
