import BerthKopia
import Foundation
import PluginTesting
import ServicePlugin
import Testing

/// The Kopia binary cannot be had on these machines, so its commands are tested as exact argv and
/// its output is parsed from text in the shape `kopia snapshot list --json` prints (a mock by necessity).
@Suite struct KopiaEngineTests {
    let engine = PluginFixtures.plugin(Kopia.self).backupTool(in: PluginFixtures.context(for: Kopia.self))

    @Test func commandsAreExact() {
        #expect(engine.service == "kopia")
        #expect(
            engine.snapshotCommand(tags: ["release": "20261126-2201", "by": "berth"], exclude: ["/opt/docker-volumes/planka/db"]) == [
                "kopia", "snapshot", "create", "/data/docker-volumes", "/data/services", "/data/db-backups", "--json",
                "--tags=by:berth", "--tags=release:20261126-2201",
            ])
        #expect(engine.listCommand == ["kopia", "snapshot", "list", "--all", "--json"])
        #expect(engine.verifyCommand == ["kopia", "snapshot", "verify"])
    }

    @Test func snapshotsTheFoldersItMounts() {
        let mounts = PluginFixtures.plugin(Kopia.self).compose(in: PluginFixtures.context(for: Kopia.self))[service: "kopia"]!.volumes.map(\.target)
        #expect(KopiaEngine.sources.allSatisfy(mounts.contains))
    }

    @Test func readsTheSnapshotList() throws {
        let listed = """
            [{"id":"k2","source":{"host":"berth","userName":"root","path":"/data/services"},"description":"","startTime":"2026-11-26T05:00:03.123456789Z",
              "endTime":"2026-11-26T05:00:04Z","stats":{"totalSize":2048},"rootEntry":{"name":"services","summ":{"size":4096}},"tags":{"tag:release":"r7"}},
             {"id":"k1","source":{"host":"berth","userName":"root","path":"/data/db-backups"},"startTime":"2026-11-25T05:00:00Z","stats":{"totalSize":10}}]
            """
        let snapshots = try engine.snapshots(from: listed)
        #expect(snapshots.map(\.id) == ["k1", "k2"])
        #expect(snapshots[1] == EngineSnapshot(id: "k2", source: "/data/services", time: Date(timeIntervalSince1970: 1_795_669_203), sizeBytes: 4096, tags: ["release": "r7"]))
        #expect(snapshots[0].sizeBytes == 10 && snapshots[0].tags.isEmpty)
        #expect(throws: (any Error).self) { try engine.snapshots(from: "not json") }
    }

    @Test func restoresFromTheSnapshotOfThePathsSourceTakenInTheSameRun() {
        let at = { (seconds: Double) in Date(timeIntervalSince1970: 1_795_669_200 + seconds) }
        let data = EngineSnapshot(id: "kd2", source: "/data/docker-volumes", time: at(0))
        let listing = [
            EngineSnapshot(id: "kb1", source: "/data/db-backups", time: at(-86400)),
            EngineSnapshot(id: "kb2", source: "/data/db-backups", time: at(4)),
            EngineSnapshot(id: "kd1", source: "/data/docker-volumes", time: at(-86400)),
            data,
        ]
        #expect(engine.restoreFolder == "/opt/docker-volumes-no-backup/kopia/restore")
        #expect(
            engine.restoreCommand(snapshot: data, listing: listing, path: "/opt/docker-volumes/planka/data")
                == ["kopia", "snapshot", "restore", "kd2/planka/data", "/restore/opt/docker-volumes/planka/data"])
        #expect(
            engine.restoreCommand(snapshot: data, listing: listing, path: "/opt/db-backups/planka")
                == ["kopia", "snapshot", "restore", "kb2/planka", "/restore/opt/db-backups/planka"])
        // No snapshot of that source within the hour: nothing to restore from, said instead of guessed.
        #expect(engine.restoreCommand(snapshot: data, listing: [data], path: "/opt/db-backups/planka") == nil)
    }
}
