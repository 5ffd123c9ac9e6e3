import BerthTraefik
import Foundation
import PluginTesting
import ServicePlugin
import Testing

/// Traefik on Swarm: the swarm provider polled often, its own service placed on an edge manager, its API port labelled.
@Suite struct TraefikSwarmTests {
    let traefik = PluginFixtures.plugin(Traefik.self)

    func swarmContext(routes: [ResolvedRoute] = PluginFixtures.richRoutes) -> RenderContext {
        var context = PluginFixtures.context(for: Traefik.self, identity: PluginFixtures.identity, routes: routes)
        context.stack.swarm = true
        return context
    }

    @Test func fragmentOnSwarmMatchesGolden() {
        assertSnapshot(PluginFixtures.snapshotText(traefik.compose(in: swarmContext()), module: "traefik"), named: "traefik-swarm.txt")
    }

    @Test func theSwarmProviderReplacesTheDockerOneAndPollsEverySecond() throws {
        let yml = traefik.compose(in: swarmContext()).files[0].contents
        let providers = yml.components(separatedBy: "providers:\n")[1].components(separatedBy: "\ncertificatesResolvers:")[0]
        #expect(!providers.contains("docker:"))
        for line in [
            "  swarm:\n", "    exposedByDefault: false\n", "    constraints: \"Label(`com.docker.stack.namespace`,`tangram`)\"\n",
            "    network: tangram_default\n", "    refreshSeconds: \"1s\"\n", "  providersThrottleDuration: \"100ms\"",
        ] {
            #expect(providers.contains(line), "providers lack \(line): \(providers)")
        }
        // On one engine nothing changes: the docker provider, no poll, Traefik's own throttle.
        let compose = traefik.compose(in: PluginFixtures.context(for: Traefik.self)).files[0].contents
        #expect(compose.contains("  docker:\n") && !compose.contains("swarm:") && !compose.contains("providersThrottleDuration"))
    }

    @Test func onSwarmAFailedConnectionIsRetriedOnAnotherTask() {
        let fragment = traefik.compose(in: swarmContext())
        let yml = fragment.files[0].contents
        #expect(yml.contains("  websecure:\n    address: \":443\"\n    http:\n      aliasHeadersStrategy: delete\n      middlewares:\n        - berth-retry@file\n"), "\(yml)")
        #expect(yml.contains("serversTransport:\n  forwardingTimeouts:\n    dialTimeout: \"100ms\"\n"), "\(yml)")
        let retry = fragment.files.first { $0.path == "dynamic-conf/berth-retry.yaml" }?.contents ?? ""
        #expect(retry.hasSuffix("http:\n  middlewares:\n    berth-retry:\n      retry:\n        attempts: 30\n        status:\n          - \"502\"\n        timeout: \"5s\"\n"), "\(retry)")
        let compose = traefik.compose(in: PluginFixtures.context(for: Traefik.self))
        #expect(!compose.files[0].contents.contains("berth-retry") && !compose.files[0].contents.contains("serversTransport"))
        #expect(compose.files.map(\.path) == ["traefik.yml"])
    }

    @Test func onSwarmItsOwnServiceNamesAPortAndRunsOnAnEdgeManager() {
        let service = traefik.compose(in: swarmContext())[service: "traefik"]!
        #expect(service.labels == [Label("traefik.http.services.traefik-api.loadbalancer.server.port", "8080")])
        #expect(traefik.compose(in: PluginFixtures.context(for: Traefik.self))[service: "traefik"]!.labels.isEmpty)
        #expect(traefik.swarmPlacement(in: swarmContext().stack) == ["traefik": ["node.labels.edge == true", "node.role == manager"]])
        #expect(traefik.swarmStopGracePeriod(in: swarmContext()) == "10s")
    }

    /// The swarm static configuration validates against Traefik's upstream schema.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: swarmSchemas), "no ../shared/schemas beside the project"))
    func theSwarmStaticConfigurationValidatesAgainstTraefiksSchema() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-traefik-swarm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("traefik"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in traefik.compose(in: swarmContext()).files {
            let url = folder.appendingPathComponent("traefik/" + file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
        }
        let (status, output) = try Subprocess.run("/usr/bin/env", ["python3", root.path + "/scripts/check-schemas", folder.path, swarmSchemas])
        #expect(status == 0, "\(output)")
        #expect(output.contains("checked 3 files, 0 problems"), "\(output)")
    }
}

/// Traefik's upstream JSON schemas, beside the project (`../shared/schemas`).
private let swarmSchemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/schemas").path
