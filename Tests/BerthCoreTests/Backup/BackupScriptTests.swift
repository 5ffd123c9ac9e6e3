@testable import BerthCore
import Foundation
import Testing

/// The scheduled `backup.sh`: its content and that `sh` accepts it. (It runs for real in BackupEndToEndTests.)
@Suite struct BackupScriptTests {
    @Test func theScriptDumpsThenSnapshotsAndParses() throws {
        let stack = try Fixtures.stack()
        let script = try #require(BackupScript.render(stack))
        let dumpAt = try #require(script.range(of: "step 'dump planka/planka' sh -c \"$DUMP\" berth \"$root\" /opt/db-backups/planka planka.dump planka-postgres planka planka tangram\n"))
        let snapshotAt = try #require(
            script.range(
                of: "step 'snapshot kopia/sources' docker compose exec -T kopia kopia snapshot create /data/docker-volumes /data/services /data/db-backups --json --tags=release:\"$release\"\n"))
        #expect(dumpAt.upperBound < snapshotAt.lowerBound)
        #expect(script.contains(DumpScript.text))
        let file = Fixtures.temporaryDirectory() + "/backup.sh"
        try script.write(toFile: file, atomically: true, encoding: .utf8)
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/bin/sh")
        check.arguments = ["-n", file]
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0)
    }

    @Test func cronLineAndSchedule() throws {
        let stack = try Fixtures.stack()
        #expect(
            BackupScript.cronLine(stack, time: "05:00", root: "/opt/services")
                == "0 5 * * * cd /opt/services && sh ./backup.sh >> .berth/backup.log 2>&1 # berth backup tangram")
        #expect(BackupScript.cronLine(stack, time: "23:45", root: "/srv/my stack").hasPrefix("45 23 * * * cd '/srv/my stack' && "))
        #expect(stack.config.backupSchedule == "05:00")
        let off = try Fixtures.config("backup_schedule: \"off\"\n" + Fixtures.exampleText)
        #expect(off.backupSchedule == nil)
        #expect(Validators.dailyTime("24:00") == "must be a time of day such as 05:00 (24 h, server time), or off")
        #expect(Validators.dailyTime("5:00") != nil && Validators.dailyTime("05:00") == nil)
    }

    @Test func noEngineNoScript() throws {
        #expect(BackupScript.render(try FakeStacks.build("  echo: {}\n")) == nil)
    }
}
