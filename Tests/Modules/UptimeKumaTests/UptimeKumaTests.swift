import BerthUptimeKuma
import Foundation
import PluginTesting
import ServicePlugin
import Testing

@Suite struct UptimeKumaTests {
    var context: RenderContext { PluginFixtures.context(for: UptimeKuma.self) }
    var kuma: UptimeKuma { PluginFixtures.plugin(UptimeKuma.self) }
    var data: String { context.dataPath("uptime-kuma", "data") }

    @Test func fragmentMatchesGolden() {
        assertSnapshot(PluginFixtures.snapshotText(kuma.compose(in: context), module: "uptime-kuma"), named: "uptime-kuma.txt")
        #expect(PluginFixtures.undeclaredVariables(kuma.compose(in: context), kuma.envSchema(in: context)).isEmpty)
    }

    @Test func runsAsTheStackUserThroughTheImagesOwnSwitch() {
        let service = kuma.compose(in: context)[service: "uptime-kuma"]!
        #expect(service.user == nil)
        #expect(service.environment == [EnvironmentEntry("PUID", "1000"), EnvironmentEntry("PGID", "1000")])
        #expect(service.volumes == [.data(data, "/app/data")])
        #expect(service.healthcheck?.test == .exec(["/app/extra/healthcheck"]))
    }

    @Test func itsAdminUIIsProtectedWhenTheStackHasAnIdentityProvider() {
        let route = kuma.routes(in: PluginFixtures.stack)[0]
        #expect(route.protection == .whenIdentityProvider && route.adminUI)
        #expect(route.hosts == ["status.tangram-orchestre.fr"] && route.target == .service("uptime-kuma", port: 3001))
        let renamed = PluginFixtures.plugin(UptimeKuma.self, ["subdomain": .string("up")]).routes(in: PluginFixtures.stack)[0]
        #expect(renamed.hosts == ["up.tangram-orchestre.fr"])
    }

    @Test func checksTheContainerAndItsEntryPage() {
        #expect(kuma.healthChecks(in: context).map(\.name) == ["container", "web"])
    }

    @Test func backsUpTheDataFolderFromAConsistentCopyOfTheDatabase() {
        // Nothing of its own: the SQLite part brings it all.
        #expect(kuma.backup(in: context) == BackupSpec())
        let backup = kuma.assembled(in: context).backup
        #expect(backup.include == [data] && backup.dumps.isEmpty && backup.exclude.isEmpty)
        #expect(backup.hooks.map { "\($0.phase) \($0.service) \($0.name)" } == ["before uptime-kuma sqlite kuma.db"])
        #expect(backup.hooks[0].argv.suffix(2) == ["/app/data/kuma.db", "/app/data/kuma.db.berth-copy"])
        #expect(
            backup.copies == [
                ConsistentCopy(
                    live: data + "/kuma.db", copy: data + "/kuma.db.berth-copy", companions: ["-wal", "-shm", "-journal"].map { data + "/kuma.db" + $0 })
            ])
    }

    /// The hook's own script, run here against the machine's sqlite3: a stale copy is replaced, and a quote in the path is safe.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"))) func theHookMakesAFreshConsistentCopy() throws {
        let scratch = NSTemporaryDirectory() + "berth-kuma-\(UUID().uuidString.prefix(8))"
        let folder = scratch + "/it's"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let hook = kuma.assembled(in: context).backup.hooks[0]
        let db = folder + "/kuma.db", copy = folder + "/kuma.db.berth-copy"
        #expect(try Subprocess.run("/usr/bin/sqlite3", [db, "PRAGMA journal_mode=WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1), (2), (3);"]).status == 0)
        try Data("stale".utf8).write(to: URL(fileURLWithPath: copy))
        let made = try Subprocess.run("/bin/sh", Array(hook.argv.dropFirst().dropLast(2)) + [db, copy])
        #expect(made.status == 0, "\(made.output)")
        #expect(try Subprocess.run("/usr/bin/sqlite3", [copy, "PRAGMA integrity_check; SELECT count(*) FROM t;"]).output == "ok\n3\n")
    }
}
