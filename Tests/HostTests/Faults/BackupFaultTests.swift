import Foundation
import Testing

/// `berth backup run` killed while a dump streams: a dump is either the last good one or a whole new one, never a
/// partial file, and the same command again makes a good backup.
@Suite(.serialized, .tags(.testbed), .needsTestbed) struct BackupFaultTests {
    /// Whether the shop's dump is one PostgreSQL can read whole.
    static func dumpReads(_ bed: FaultBed) throws -> Bool {
        try Run.shell("docker exec -i \(FaultBed.name)-shop-postgres-1 pg_restore --list < \(bed.server)/dumps/shop/shop.dump > /dev/null").status == 0
    }

    @Test func aBackupKilledMidDumpLeavesAWholeDumpAndTheSameCommandRecovers() throws {
        let bed = try FaultBed.shared.get()
        var before = try FaultInvariants.Data.read(bed)
        let arguments = ["backup", "run", "--env", "testbed"]
        let paused = try PausedBerth(arguments, in: bed.project, at: "run:pg_dump")
        #expect(paused.reached(), "backup run never reached its dump: \(paused.output)")
        paused.kill()
        #expect(try Self.dumpReads(bed), "the dump is not whole after berth was killed mid-dump")
        var outputs = [paused.output]
        var again = try bed.berth(arguments)
        outputs.append(again.output)
        if again.status != 0 && again.output.contains("berth lock release") {
            #expect(again.output.contains("so the lock is stale"), "\(again.output)")
            #expect(try bed.berth(["lock", "release", "testbed"]).status == 0)
            again = try bed.berth(arguments)
            outputs.append(again.output)
        }
        #expect(again.status == 0, "backup run again: \(again.output)")
        #expect(try Self.dumpReads(bed))
        // A new good dump replaced the last one; everything else is as it was.
        before.dump = try FaultInvariants.Data.read(bed).dump
        try FaultInvariants.check(bed, fault: "SIGKILL of berth mid-dump", before: before, outputs: outputs)
    }
}
