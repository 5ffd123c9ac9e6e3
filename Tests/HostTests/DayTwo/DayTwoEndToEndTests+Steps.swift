import Foundation
import Testing

extension DayTwoEndToEndTests {
    func envValues(_ path: String) throws -> [String: String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        return values
    }

    /// `env init` over SSH with no local tree; `env keys` by name only; `env set` from standard input, never argv.
    func envFilesAreMadeOnTheServer(_ context: Context) throws {
        let before = try context.berth(["env", "keys", "testbed"])
        #expect(before.status == 1 && before.stdout.contains("shop (\(context.services)/shop/.env, missing)"), "\(before.output)")

        let made = try context.berth(["env", "init", "--env", "testbed"])
        #expect(made.status == 0, "\(made.output)")
        #expect(made.stdout.contains("\(context.services)/shop/.env: created: generated APP_TOKEN"), "\(made.output)")
        #expect(!FileManager.default.fileExists(atPath: context.project + "/deploy"))
        let shop = context.services + "/shop/.env"
        let mode = try FileManager.default.attributesOfItem(atPath: shop)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let token = try #require(try envValues(shop)["APP_TOKEN"])
        #expect(token.count == 32)
        #expect(!made.output.contains(token))

        let keys = try context.berth(["env", "keys", "testbed", "--json"])
        #expect(keys.status == 1, "a required key is still missing: \(keys.output)")
        let reports = (try JSONSerialization.jsonObject(with: Data(keys.stdout.utf8)) as? [[String: Any]]) ?? []
        let shopReport = try #require(reports.first { ($0["module"] as? String) == "shop" })
        #expect(shopReport["set"] as? [String] == ["APP_TOKEN"])
        #expect(shopReport["required"] as? [String] == ["APP_SMTP_PASSWORD"])
        #expect(!keys.output.contains(token))

        // A value on the command line is refused before anything is read.
        let argv = try context.berth(["env", "set", "testbed", "shop", "APP_TOKEN", "typed-in-argv"])
        #expect(argv.status == 2, "\(argv.output)")
        let set = try context.berth(["env", "set", "testbed", "shop", "APP_TOKEN"], input: "token-\(Self.marker)\n")
        #expect(set.status == 0 && set.stdout.contains("APP_TOKEN changed"), "\(set.output)")
        #expect(try envValues(shop)["APP_TOKEN"] == "token-\(Self.marker)")
        let again = try context.berth(["env", "init", "--env", "testbed"])
        #expect(again.status == 0, "\(again.output)")
        #expect(try envValues(shop)["APP_TOKEN"] == "token-\(Self.marker)")
    }

    /// `secrets:` runs `pass show` here and writes the value into the server's `.env`; the deploy is announced everywhere.
    func aPassValueIsWrittenAtDeployAndTheDeployIsNotified(_ context: Context) throws {
        let deployed = try context.berth(["deploy", "testbed", "--timeout", "120", "-v"])
        #expect(deployed.status == 0, "\(deployed.output)")
        #expect(try envValues(context.services + "/shop/.env")["APP_SMTP_PASSWORD"] == Self.marker)
        #expect(try envValues(context.services + "/notify/.env")["PASSWORD_3"] == Self.relayPassword)
        #expect(deployed.stderr.contains("pass show tangram/smtp"), "the command is shown with -v, its output never")
        let inContainer = try Run.shell("docker exec berthday2-shop-1 sh -c 'printf %s \"$APP_SMTP_PASSWORD\"'").stdout
        #expect(inContainer == Self.marker)

        let hooks = context.sinks.webhooks("deploy")
        #expect(hooks.count == 1, "\(context.sinks.requests())")
        #expect((hooks.first?["title"] as? String)?.hasPrefix("deployed testbed: release ") == true)
        #expect(hooks.first?["project"] as? String == "berthday2" && hooks.first?["environment"] as? String == "testbed")
        let ntfy = context.sinks.requests().filter { ($0["path"] as? String) == "/tangram" }
        #expect(ntfy.count == 1 && ((ntfy.first?["headers"] as? [String: String])?["Tags"]) == "deploy")
        let mails = context.sinks.mails()
        #expect(mails.count == 1 && mails.first?["kind"] as? String == "starttls" && mails.first?["login"] as? Bool == true, "\(mails)")
        #expect((mails.first?["data"] as? String)?.contains("Subject: [berthday2/testbed] deployed testbed") == true)

        // A second deploy writes the same value again: the file does not change.
        let sum = try Run.shell("sha256sum \(context.services)/shop/.env").stdout
        #expect(try context.berth(["deploy", "testbed", "--timeout", "120"]).status == 0)
        #expect(try Run.shell("sha256sum \(context.services)/shop/.env").stdout == sum)
    }

    /// A release that never gets healthy: rolled back, and every notifier of `rollback` says so.
    func aFailedDeployIsNotifiedWithItsRollback(_ context: Context) throws {
        let broken = try context.berth(["deploy", "testbed", "--tag", "shop=broken", "--timeout", "10"])
        #expect(broken.status == 1, "\(broken.output)")
        let hooks = context.sinks.webhooks("rollback")
        #expect(hooks.count == 1, "\(context.sinks.requests())")
        let title = hooks.first?["title"] as? String ?? ""
        #expect(title.hasPrefix("deploy of testbed failed at health; rolled back to "), "\(title)")
        #expect(context.sinks.mails().filter { ($0["data"] as? String)?.contains("failed at health; rolled back") == true }.count == 1)
    }

    /// The server's nightly backup.sh, run by hand here with no Berth: a failure is sent by curl on the
    /// server, first as stale (no good run yet), then, after a good run, as a failure.
    func theServersBackupScriptNotifiesWithoutBerth(_ context: Context) throws {
        _ = try Run.shell("docker stop -t 1 berthday2-restic-1")
        let failed = try Run.shell("sh \(context.services)/backup.sh")
        #expect(failed.status == 1, "\(failed.output)")
        var hooks = context.sinks.webhooks("backup")
        #expect(hooks.count == 1, "\(context.sinks.requests())")
        #expect((hooks.first?["title"] as? String)?.contains("backups of berthday2/testbed are stale") == true, "\(hooks)")
        #expect((hooks.first?["message"] as? String)?.contains("snapshot restic/sources;") == true, "\(hooks)")
        let backupMails = context.sinks.mails().filter { $0["kind"] as? String == "smtps" }
        #expect(backupMails.count == 1 && backupMails.first?["login"] as? Bool == true, "\(context.sinks.mails())")

        _ = try Run.shell("docker start berthday2-restic-1")
        let good = try Run.shell("sh \(context.services)/backup.sh")
        #expect(good.status == 0, "\(good.output)")
        #expect(FileManager.default.fileExists(atPath: context.services + "/.berth/backup-ok"))
        _ = try Run.shell("docker stop -t 1 berthday2-restic-1")
        #expect(try Run.shell("sh \(context.services)/backup.sh").status == 1)
        hooks = context.sinks.webhooks("backup")
        #expect(hooks.count == 2 && hooks.last?["title"] as? String == "backup of berthday2/testbed failed", "\(hooks)")
        _ = try Run.shell("docker start berthday2-restic-1")
    }

    /// `check --watch`: the app stopped between two rounds turns its check red, and that change is sent.
    func aCheckThatChangesStateUnderWatchIsNotified(_ context: Context) throws {
        let output = context.project + "/watch.out"
        let watch = Process()
        watch.executableURL = URL(fileURLWithPath: Run.berthPath)
        watch.arguments = ["check", "--env", "testbed", "--watch", "1", "--rounds", "8"]
        watch.currentDirectoryURL = URL(fileURLWithPath: context.project)
        watch.environment = context.pass.environment
        FileManager.default.createFile(atPath: output, contents: nil)
        watch.standardOutput = FileHandle(forWritingAtPath: output)
        watch.standardError = FileHandle(forWritingAtPath: output)
        try watch.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").isEmpty { Thread.sleep(forTimeInterval: 0.2) }
        _ = try Run.shell("docker stop -t 1 berthday2-shop-1")
        watch.waitUntilExit()
        let printed = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        context.outputs.append(printed)
        let hooks = context.sinks.webhooks("check")
        // One notification per round that printed a change. A round that starts while the container stops
        // can see the app not answering before the engine sees it exited: two changes, two notifications.
        let changed = printed.split(separator: "\n").filter { $0.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil }.count - 1
        #expect(changed >= 1 && printed.contains("no changes"), "\(printed)")
        #expect(hooks.count == changed, "\(printed) \(context.sinks.requests())")
        #expect((hooks.first?["title"] as? String)?.hasPrefix("checks of testbed: ") == true && (hooks.first?["message"] as? String)?.contains("-> fail") == true, "\(hooks)")
        _ = try Run.shell("docker start berthday2-shop-1")
    }

    /// The seeded values are in the server's `.env` files and nowhere else.
    func theMarkerIsNowhere(_ context: Context) throws {
        for secret in [Self.marker, Self.relayPassword] {
            #expect(!context.outputs.joined().contains(secret))
            #expect(!context.sinks.everything.contains(secret))
            let files = try Run.program("/usr/bin/grep", ["-rlF", "--exclude=.env", secret, context.server, context.project]).stdout
            #expect(files.isEmpty, "\(files)")
        }
    }
}
