@testable import BerthCore
import Foundation
import ServicePlugin
import Testing

/// The order and exact argv of a backup run, with answers recorded instead of a server.
/// (The real dumps, against PostgreSQL on the test bed, are in HostTests/Deploy/BackupEndToEndTests.)
@Suite struct BackupRunnerTests {
    static let services = """
          traefik: {}
          kopia: {}
          planka: { sso: false }
          echo: { hooks: true, subdomain: web, port: 8081 }
        """

    func stack() throws -> Stack {
        try FakeStacks.build(Self.services, target: "file:/srv/berth")
    }

    func runner(snapshotExit: Int32) -> RecordingRunner {
        RecordingRunner { command in
            let words = command.arguments
            if words.contains(where: { $0.contains(".berth/current") }) { return CommandResult(status: 0, stdout: "r7\n") }
            if words.contains("snapshot") { return CommandResult(status: snapshotExit, stderr: "repository not connected\n") }
            if words.contains(where: { $0.contains("pg_dump") }) { return CommandResult(status: 0, stdout: "4096\n") }
            return CommandResult(status: 0)
        }
    }

    @Test func hooksDumpsSnapshotInOrderAndAfterHooksRunWhenTheSnapshotFails() async throws {
        let runner = runner(snapshotExit: 1)
        let steps = try await BackupRunner(stack: try stack(), runner: runner).run()
        #expect(
            steps.map { "\($0.kind.rawValue) \($0.module)/\($0.name) \($0.ok)" } == [
                "hook echo/before pause true",
                "dump planka/planka true",
                "manifest berth/files true",
                "snapshot kopia/sources false",
                "hook echo/after resume true",
            ])
        #expect(steps.exitStatus == .failure)
        #expect(steps[1].sizeBytes == 4096 && steps[1].message == "/opt/db-backups/planka/planka.dump")
        #expect(steps[3].message == "snapshot failed (exit 1): repository not connected")
        // The checksums of data_root's files, less the database's live folder, as the snapshot takes them.
        let manifest = try #require(runner.commands.first { $0.arguments.contains { $0.contains("sha256sum") } })
        #expect(Array(manifest.arguments.suffix(3)) == ["/opt/docker-volumes", "/opt/db-backups/berth-files.sha256", "/opt/docker-volumes/planka/db"])
        let snapshot = try #require(runner.commands.first { $0.arguments.contains("snapshot") })
        // Hooks and the snapshot go through the container locator, as every in-container command does.
        #expect(snapshot.arguments[2].contains(ComposeOrchestrator.findContainer))
        #expect(
            Array(snapshot.arguments.dropFirst(3)) == [
                "berth", "kopia", "tangram", "-i", "kopia", "snapshot", "create",
                "/data/docker-volumes", "/data/services", "/data/db-backups", "--json", "--tags=release:r7",
            ])
        // The compose dump is the very script `backup.sh` carries, with the same arguments as before the seam.
        let dump = try #require(runner.commands.first { $0.arguments.contains { $0.contains("pg_dump") } })
        #expect(Array(dump.arguments.prefix(4)) == ["sh", "-c", DumpScript.text, "berth"])
        #expect(DumpScript.text.contains(#"--filter "label=com.docker.compose.service=$service" | head -n1)"#))
        #expect(Array(dump.arguments.suffix(7)) == ["/srv/berth", "/opt/db-backups/planka", "planka.dump", "planka-postgres", "planka", "planka", "tangram"])
    }

    @Test func aFailedBeforeHookSkipsDumpsAndSnapshotButNotTheAfterHook() async throws {
        let runner = RecordingRunner { command in
            CommandResult(status: command.arguments.contains("pause") ? 3 : 0, stderr: "cannot pause\n")
        }
        let steps = try await BackupRunner(stack: try stack(), runner: runner).run()
        #expect(steps.map(\.name) == ["before pause", "after resume"])
        #expect(steps[0].message == "`echo-ctl pause` exited 3: cannot pause")
    }

    @Test func aFailedDumpKeepsTheLastGoodOneAndSaysWhy() async throws {
        let runner = RecordingRunner { command in
            command.arguments.contains { $0.contains("pg_dump") }
                ? CommandResult(status: 10, stderr: "pg_dump: error: connection to server lost\n") : CommandResult(status: 0)
        }
        let steps = try await BackupRunner(stack: try stack(), runner: runner).run(["planka"])
        let dump = try #require(steps.first { $0.kind == .dump })
        #expect(!dump.ok)
        #expect(dump.message == "pg_dump failed: pg_dump: error: connection to server lost; the last good dump is kept")
    }

    @Test func noEngineIsAUsageError() async throws {
        let stack = try FakeStacks.build("  echo: {}\n", target: "file:/srv/berth")
        await #expect(throws: BerthError.usage("no enabled module provides a backup engine (enable kopia, or another module that provides backup-tool)")) {
            _ = try await BackupRunner(stack: stack, runner: RecordingRunner()).run()
        }
    }

    @Test func drillComparesEveryTableExactly() {
        let output = "== live\npublic.card\t12\npublic.board\t2\npublic.gone\t1\n== restored\npublic.card\t11\npublic.board\t2\npublic.extra\t0\n"
        let (live, restored) = RestoreDrill.counts(output)
        #expect(live == ["public.card": 12, "public.board": 2, "public.gone": 1])
        #expect(
            RestoreDrill.differences(live: live, restored: restored) == [
                "public.card has 11 rows, live 12", "public.extra is not in the live database", "public.gone is missing",
            ])
        #expect(RestoreDrill.differences(live: live, restored: live).isEmpty)
    }

    @Test func dumpListingAndSizes() {
        let dumps = BackupCatalog.dumps("planka/planka.dump\t4096\t1800000000.5\nauthentik/authentik.dump\t10\t1800000001\nbad line\n")
        #expect(dumps.map(\.file) == ["planka.dump", "authentik.dump"])
        #expect(dumps[0].time == Date(timeIntervalSince1970: 1_800_000_000))
        #expect([BackupStep].size(4096) == "4.0 KiB" && [BackupStep].size(10) == "10 B" && [BackupStep].size(3 << 30) == "3.0 GiB")
    }

    @Test func restoreStopsOnlyTheAppAndRefusesBadRequests() async throws {
        let stack = try stack()
        #expect(DumpRestorer.appServices(of: stack.module("planka")!) == ["planka"])
        let restorer = DumpRestorer(backup: BackupRunner(stack: stack, runner: RecordingRunner()))
        await #expect(throws: BerthError.usage("--dump must be an absolute path on the server, got 'planka.dump'")) {
            _ = try await restorer.run(module: "planka", dumpFile: "planka.dump")
        }
        await #expect(throws: BerthError.usage("echo declares no database dump to restore")) {
            _ = try await restorer.run(module: "echo")
        }
    }

    @Test func freshnessNamesWhatIsMissingOrOld() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let hoursAgo = { (hours: Double) in now.addingTimeInterval(-hours * 3600) }
        let dump = { (file: String, hours: Double) in BackupCatalog.Dump(module: "planka", file: file, sizeBytes: 1, time: hoursAgo(hours)) }
        let snapshot = { (hours: Double) in EngineSnapshot(id: "k", source: "/data/services", time: hoursAgo(hours)) }
        let expected = ["planka/planka.dump", "planka/other.dump"]
        #expect(BackupCatalog(dumps: [], snapshots: []).freshness(expectedDumps: expected, maxAgeHours: 26, now: now) == (.fail, "no snapshot yet"))
        let fresh = BackupCatalog(dumps: [dump("planka.dump", 2), dump("other.dump", 25)], snapshots: [snapshot(30), snapshot(1)])
        #expect(fresh.freshness(expectedDumps: expected, maxAgeHours: 26, now: now) == (.ok, "newest snapshot 1 h old, 2 dumps fresh (limit 26 h)"))
        let stale = BackupCatalog(dumps: [dump("planka.dump", 27)], snapshots: [snapshot(27)])
        #expect(
            stale.freshness(expectedDumps: expected, maxAgeHours: 26, now: now)
                == (.fail, "the newest snapshot is 27 h old; planka/planka.dump is 27 h old; no dump planka/other.dump (limit 26 h)"))
    }
}
