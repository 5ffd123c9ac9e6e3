import BerthRestic
import Foundation
import PluginTesting
import ServicePlugin
import Testing

@Suite struct ResticTests {
    let restic = PluginFixtures.plugin(Restic.self)
    var context: RenderContext { PluginFixtures.context(for: Restic.self) }
    var engine: any BackupTool { restic.backupTool(in: context) }

    @Test func fragmentMatchesGolden() {
        assertSnapshot(PluginFixtures.snapshotText(restic.compose(in: context), module: "restic"), named: "restic.txt")
    }

    @Test func everyInterpolatedVariableIsDeclared() {
        #expect(PluginFixtures.undeclaredVariables(restic.compose(in: context), restic.envSchema(in: context)).isEmpty)
    }

    @Test func commandsAreExact() {
        #expect(engine.service == "restic")
        #expect(
            engine.snapshotCommand(tags: ["release": "r7"], exclude: ["/opt/docker-volumes/planka/db", "/srv/elsewhere"]).dropFirst(4) == [
                "restic", "backup", "--json", "--quiet", "--tag=release:r7", "--exclude=/data/docker-volumes/planka/db",
                "/data/docker-volumes", "/data/services", "/data/db-backups",
            ])
        // First a look at the repository, bounded: restic itself retries an unreachable store for 15 minutes.
        #expect(
            engine.snapshotCommand(tags: [:], exclude: []).prefix(2) == ["/bin/sh", "-c"]
                && engine.snapshotCommand(tags: [:], exclude: [])[2].hasPrefix("t=$(date +%s); said=$(timeout 30 restic cat config"))
        #expect(engine.listCommand.dropFirst(4) == ["restic", "snapshots", "--json"] && engine.listCommand.prefix(4) == engine.snapshotCommand(tags: [:], exclude: []).prefix(4))
        #expect(engine.verifyCommand == ["restic", "check"])
        #expect(engine.restoreFolder == "/opt/docker-volumes-no-backup/restic/restore")
        let snapshot = EngineSnapshot(id: "4f2a", source: "/data/db-backups /data/docker-volumes /data/services", time: Date())
        #expect(
            engine.restoreCommand(snapshot: snapshot, listing: [snapshot], path: "/opt/docker-volumes/planka/data")
                == ["restic", "restore", "4f2a:/data/docker-volumes/planka/data", "--target", "/restore/opt/docker-volumes/planka/data"])
        #expect(engine.restoreCommand(snapshot: snapshot, listing: [snapshot], path: "/etc/passwd") == nil)
        let output = #"{"message_type":"status","percent_done":1}"# + "\n" + #"{"message_type":"summary","files_new":3,"total_bytes_processed":204800,"snapshot_id":"4f2a"}"#
        #expect(engine.snapshotSize(from: output) == 204800)
        #expect(engine.snapshotSize(from: "") == nil)
    }

    @Test func readsSnapshotsAsResticPrintsThem() throws {
        // The shape of `restic snapshots --json` from restic 0.18 (the end-to-end test runs the real binary).
        let listed = """
            [{"time":"2026-11-26T05:00:03.123456789+01:00","tree":"ab","paths":["/data/services","/data/db-backups"],"hostname":"h","username":"root",
              "tags":["release:20261126-0400"],"program_version":"restic 0.18.0","summary":{"total_bytes_processed":1234},"id":"4f2a9c","short_id":"4f2a9c"}]
            """
        let snapshots = try engine.snapshots(from: listed)
        #expect(
            snapshots == [
                EngineSnapshot(
                    id: "4f2a9c", source: "/data/db-backups /data/services", time: Date(timeIntervalSince1970: 1_795_665_603),
                    sizeBytes: 1234, tags: ["release": "20261126-0400"])
            ])
    }

    @Test func theRepositoryMayNotBackItselfUp() {
        let inside = PluginFixtures.plugin(Restic.self, ["repository": .string("/opt/docker-volumes/restic")])
        #expect(inside.assertions(in: PluginFixtures.stack).contains { !$0.holds && $0.message.contains("would back itself up") })
        #expect(restic.assertions(in: PluginFixtures.stack).allSatisfy { $0.holds })
    }

    @Test func anEntrypointDollarIsEscapedForCompose() {
        let text = PluginFixtures.snapshotText(restic.compose(in: context), module: "restic")
        #expect(text.contains("wait $$!"))
    }
}
