import Foundation
import Testing

/// Faults during `berth backup run` and `berth backup restore`, on the shared fault bed. A dump is either the last good
/// one or a whole new one, never a partial file; a restore cut short leaves the live data as it was or fully
/// restored, and the same command again finishes it.
@Suite(.serialized, .tags(.testbed, .alone), .needsTestbed) struct BackupFaultTests {
    /// Whether the shop's dump is one PostgreSQL can read whole.
    static func dumpReads(_ bed: FaultBed) throws -> Bool {
        try Run.shell("docker exec -i \(FaultBed.name)-shop-postgres-1 pg_restore --list < \(bed.dumps)/shop/shop.dump > /dev/null").status == 0
    }

    static let backup = ["backup", "run", "--env", "testbed"]

    /// After a backup that ran again: a new good dump replaced the last one; everything else is as it was.
    static func newDump(_ bed: FaultBed) -> (inout FaultInvariants.Data) throws -> Void {
        { (data: inout FaultInvariants.Data) throws in
            #expect(try dumpReads(bed))
            data.dump = try FaultInvariants.Data.read(bed).dump
        }
    }

    /// Expects a backup run that failed, with the last good dump intact.
    static func failedKeepingTheDump(_ bed: FaultBed, _ run: (status: Int32, output: String), dump: String) throws {
        #expect(run.status != 0, "the backup reported success: \(run.output)")
        #expect(try FaultInvariants.Data.read(bed).dump == dump, "the last good dump changed")
        #expect(try dumpReads(bed))
    }

    @Test func berthKilledMidDump() throws {
        let bed = try FaultBed.shared.get()
        try bed.survives("SIGKILL of berth mid-dump", Self.backup, at: "run:pg_dump", expect: Self.newDump(bed)) { (paused: PausedBerth) throws in
            paused.kill()
            #expect(try Self.dumpReads(bed), "the dump is not whole after berth was killed mid-dump")
        }
    }

    @Test func theDatabaseKilledMidDump() throws {
        let bed = try FaultBed.shared.get()
        let dump = try FaultInvariants.Data.read(bed).dump
        try bed.survives("the database killed mid-dump", Self.backup, at: "run:pg_dump", expect: Self.newDump(bed)) { (paused: PausedBerth) throws in
            _ = try Run.shell("kill -KILL $(docker inspect -f '{{.State.Pid}}' \(FaultBed.name)-shop-postgres-1)")
            try Self.failedKeepingTheDump(bed, paused.resume(), dump: dump)
            // Its restart policy starts it again; the recovery is the same backup once it answers.
            try bed.waitHealthy("shop-postgres")
        }
    }

    @Test func theDumpsFolderFull() throws {
        let bed = try FaultBed.shared.get()
        let dump = try FaultInvariants.Data.read(bed).dump
        defer { try? FaultBed.free(bed.dumps) }
        try bed.survives("dumps_dir full", Self.backup, at: "step:dump shop/shop", expect: Self.newDump(bed)) { (paused: PausedBerth) throws in
            try FaultBed.fill(bed.dumps)
            try Self.failedKeepingTheDump(bed, paused.resume(), dump: dump)
            #expect(try Run.shell("ls -A \(bed.dumps)/shop").stdout.split(separator: "\n").sorted() == ["shop.dump", "shop.dump.rows"], "a partial file was left")
            try FaultBed.free(bed.dumps)
        }
    }

    /// The engine's container killed while restic runs in it: the test starts a watcher, lets Berth go from the snapshot
    /// step's start, and the watcher kills every process of the container the moment a `restic` process appears (by its
    /// name: the ssh and docker commands that start it carry `restic backup` in their arguments too).
    @Test func theEngineKilledMidSnapshot() throws {
        let bed = try FaultBed.shared.get()
        try bed.survives("the engine killed mid-snapshot", Self.backup, at: "step:snapshot restic/sources", expect: Self.newDump(bed)) {
            (paused: PausedBerth) throws in
            let watcher = Process()
            watcher.executableURL = URL(fileURLWithPath: "/bin/sh")
            watcher.arguments = [
                "-c",
                "for i in $(seq 3000); do pgrep -x restic >/dev/null && exec kill -KILL $(docker inspect -f '{{.State.Pid}}' \(FaultBed.name)-restic-1); sleep 0.01; done; exit 1",
            ]
            try watcher.run()
            let failed = paused.resume()
            #expect(Run.wait(watcher) == 0, "restic backup was never seen running")
            #expect(failed.status != 0, "the backup reported success: \(failed.output)")
            try bed.waitHealthy("restic")
        }
    }

    /// `backup restore shop --snapshot ID` killed before the restored database is swapped in, and between the swap and
    /// the start of the app: the same restore again finishes it, and the data is the snapshot's (which is the live data).
    @Test(arguments: ["restore shop/shop", "restore shop/start shop"]) func berthKilledDuringARestore(at step: String) throws {
        let bed = try FaultBed.shared.get()
        let list = try bed.berth(["backup", "list", "--env", "testbed", "--json"])
        let snapshots = ((try? JSONSerialization.jsonObject(with: Data(list.stdout.utf8))) as? [String: Any])?["snapshots"] as? [[String: Any]] ?? []
        let snapshot = try #require(snapshots.last?["id"] as? String, "no snapshot to restore: \(list.output)")
        let arguments = ["backup", "restore", "shop", "--env", "testbed", "--snapshot", snapshot, "--yes"]
        try bed.survives("SIGKILL of berth at \(step)", arguments, at: "step:\(step)", inject: FaultBed.kill)
    }
}
