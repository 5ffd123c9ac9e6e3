import BerthKopia
import PluginTesting
import ServicePlugin
import Testing

@Suite struct KopiaTests {
    let kopia = PluginFixtures.plugin(Kopia.self)
    var context: RenderContext { PluginFixtures.context(for: Kopia.self) }

    @Test func fragmentMatchesGolden() {
        assertSnapshot(PluginFixtures.snapshotText(kopia.compose(in: context), module: "kopia"), named: "kopia.txt")
    }

    @Test func everyInterpolatedVariableIsDeclared() {
        // The reference's Kopia folder uses KOPIA_PASSWORD without declaring it; Berth declares it.
        #expect(PluginFixtures.undeclaredVariables(kopia.compose(in: context), kopia.envSchema(in: context)).isEmpty)
        #expect(kopia.envSchema(in: context).map(\.name).contains("KOPIA_PASSWORD"))
    }

    @Test func mountsWhatItSnapshotsReadOnly() {
        let volumes = kopia.compose(in: context)[service: "kopia"]!.volumes
        for source in ["/opt/docker-volumes", "/opt/services", "/opt/db-backups"] {
            #expect(volumes.contains { $0.source == source && $0.readOnly }, "\(source) must be mounted read-only")
        }
        #expect(volumes.filter { $0.role == .scratch }.map(\.target) == ["/app/cache", "/app/logs", "/restore"])
    }

    @Test func uiIsAProtectedAdminRoute() {
        let route = kopia.routes(in: PluginFixtures.stack)[0]
        #expect(route.protected && route.adminUI && route.target == .service("kopia", port: 51515))
    }

    @Test func healthUsesTheServerControlUser() {
        guard case .http(let probe) = kopia.healthChecks(in: context)[1].kind else {
            Issue.record("expected an HTTP check")
            return
        }
        #expect(probe.path == "/api/v1/control/status")
        #expect(probe.basicAuth == BasicAuthKeys(userKey: "KOPIA_CONTROL_USERNAME", passwordKey: "KOPIA_CONTROL_PASSWORD"))
        #expect(probe.jsonField == JSONFieldExpectation("connected", equals: "true"))
    }

    @Test func hostFoldersAreTypedPathOptions() {
        // berth.yaml's reader checks these with data_root's rules (absolute, normalised, safe characters).
        #expect(Kopia.optionSpecs.filter { $0.type == .hostPath(allowEmpty: true) }.map(\.name) == ["sftp_keys", "rclone_config", "snapshot_mount"])
        let good = PluginFixtures.plugin(Kopia.self, ["rclone_config": .string("/opt/rclone")])
        #expect(good.assertions(in: PluginFixtures.stack).allSatisfy { $0.holds })
        #expect(good.compose(in: context)[service: "kopia"]!.volumes.contains(VolumeMount("/opt/rclone", "/app/rclone", readOnly: true, role: .host)))
    }
}
