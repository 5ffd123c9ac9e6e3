import BerthWatchtower
import PluginTesting
import ServicePlugin
import Testing

@Suite struct WatchtowerTests {
    var context: RenderContext { PluginFixtures.context(for: Watchtower.self) }

    @Test func fragmentMatchesGolden() {
        let watchtower = PluginFixtures.plugin(Watchtower.self, ["hostname": .string("Tangram Server")])
        assertSnapshot(PluginFixtures.snapshotText(watchtower.compose(in: context), module: "watchtower"), named: "watchtower.txt")
    }

    @Test func monitorOnlyByDefaultWithTheMaintainedFork() {
        let service = PluginFixtures.plugin(Watchtower.self).compose(in: context)[service: "watchtower"]!
        #expect(service.command == ["--monitor-only"])
        #expect(service.image?.repository == "nickfedor/watchtower")
        let updating = PluginFixtures.plugin(Watchtower.self, ["monitor_only": .bool(false)]).compose(in: context)[service: "watchtower"]!
        #expect(updating.command == nil)
    }

    @Test func notificationURLIsASecret() {
        let schema = PluginFixtures.plugin(Watchtower.self).envSchema(in: context)
        #expect(schema.map(\.name) == ["WATCHTOWER_NOTIFICATION_URL"])
        #expect(schema[0].secret)
        let fragment = PluginFixtures.plugin(Watchtower.self).compose(in: context)
        #expect(PluginFixtures.undeclaredVariables(fragment, schema).isEmpty)
    }

    @Test func scheduleMustHaveSixFields() {
        let bad = PluginFixtures.plugin(Watchtower.self, ["schedule": .string("0 4 * * *")])
        #expect(bad.assertions(in: PluginFixtures.stack).filter { !$0.holds }.map(\.path) == ["services.watchtower.schedule"])
    }
}
