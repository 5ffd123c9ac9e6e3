@testable import BerthCore
import PluginTesting
import ServicePlugin
import Testing
import Yams

/// Traefik on Swarm: `validate` accepts it, its labels are the services' (`deploy.labels`), and every service it routes
/// outlasts its poll when Swarm stops a task.
@Suite struct SwarmTraefikTests {
    static func config(edge: String = "n1") -> String {
        var text = SwarmFixture.config().replacingOccurrences(of: "  caddy: {}\n", with: "  traefik: { dashboard_protected: false }\n")
        text = text.replacingOccurrences(of: "  restic: {}\n", with: "  restic: {}\n  watchtower: {}\n")
        guard edge != "n1" else { return text }
        text = text.replacingOccurrences(of: "n1: { address: 10.0.0.1, labels: { edge: \"true\" } }", with: "n1: { address: 10.0.0.1 }")
        return text.replacingOccurrences(of: "n3: { address: 10.0.0.3 }", with: "n3: { address: 10.0.0.3, labels: { edge: \"true\" } }")
    }

    @Test func theStackFileMatchesGolden() throws {
        let stack = try SwarmFixture.stack(Self.config())
        assertSnapshot(SwarmStackFile.render(stack, settings: stack.environment.swarm!), named: "swarm-traefik-stack.yaml")
    }

    @Test func validateAcceptsTraefikOnAnEdgeManagerAndStillNamesOtherSockets() throws {
        let diagnostics = StackValidator.validate(try SwarmFixture.stack(Self.config()))
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        let found = diagnostics.map(\.description)
        #expect(!found.contains { $0.contains("traefik") }, "\(found)")
        #expect(found.contains("warning: services.watchtower: watchtower mounts the Docker socket: on Swarm it sees the node it runs on only (no constraint)"), "\(found)")
        #expect(!found.contains { $0.contains("traefik mounts the Docker socket") }, "\(found)")
    }

    @Test func anEdgeThatIsNotTheManagerIsNamed() throws {
        let found = StackValidator.validate(try SwarmFixture.stack(Self.config(edge: "n3"))).map(\.description)
        #expect(
            found.contains(
                "/tmp/berth-tests/berth.yaml:19: warning: environments.cluster.swarm.nodes.n1: traefik runs on a manager, and node.labels.edge == true leaves out n1, "
                    + "the manager the target reaches: unless n3 has a manager, it never starts"), "\(found)")
    }

    @Test func labelsAreTheServicesAndRoutedServicesOutlastThePoll() throws {
        let stack = try SwarmFixture.stack(Self.config())
        let file = SwarmStackFile.render(stack, settings: stack.environment.swarm!)
        let services = try #require((try Yams.load(yaml: file) as? [String: Any] ?? [:])["services"] as? [String: Any])
        func service(_ name: String) -> [String: Any] { services[name] as? [String: Any] ?? [:] }
        func deploy(_ name: String) -> [String: Any] { service(name)["deploy"] as? [String: Any] ?? [:] }
        // The swarm provider reads the service's labels, not the containers'.
        let web = deploy("web")["labels"] as? [String] ?? []
        #expect(web.contains("traefik.enable=true") && web.contains("traefik.http.services.web.loadbalancer.server.port=3000"), "\(web)")
        #expect(service("web")["labels"] == nil)
        // Every routed service, and only those, keeps answering 10 s after Swarm signals it.
        let routed = services.keys.filter { service($0)["stop_grace_period"] as? String == "10s" }.sorted()
        #expect(routed == ["planka", "shop", "web"], "\(routed)")
        #expect((deploy("traefik")["placement"] as? [String: Any])?["constraints"] as? [String] == ["node.labels.edge == true", "node.role == manager"])
        #expect(deploy("traefik")["mode"] as? String == "global")
        #expect((service("traefik")["ports"] as? [[String: Any]] ?? []).allSatisfy { $0["mode"] as? String == "host" })
        // The dashboard's router lives on Traefik's own service, which names its API port.
        let own = deploy("traefik")["labels"] as? [String] ?? []
        #expect(own.contains("traefik.http.routers.dashboard.service=api@internal") && own.contains("traefik.http.services.traefik-api.loadbalancer.server.port=8080"), "\(own)")
    }

    /// Swarm refuses a config whose name, with the stack's prefix, is over 64 characters: the path is shortened, the hash kept.
    @Test func everyConfigNameFitsSwarmsLimitWithTheStacksPrefix() throws {
        var text = Self.config().replacingOccurrences(of: "name: shop\n", with: "name: berthtraefik-staging\n")
        text = text.replacingOccurrences(of: "  traefik: { dashboard_protected: false }\n", with: "  traefik: {}\n  authentik: { subdomain: auth }\n")
        let stack = try SwarmFixture.stack(text)
        let file = SwarmStackFile.render(stack, settings: stack.environment.swarm!)
        let configs = try #require((try Yams.load(yaml: file) as? [String: Any] ?? [:])["configs"] as? [String: Any])
        let names = configs.keys.sorted()
        #expect(names.contains { $0.hasPrefix("traefik-dynamic-conf-authentik-") }, "\(names)")
        for name in names {
            #expect("berthtraefik-staging_\(name)".count <= 64, "\(name)")
            #expect(name.last?.isHexDigit == true && name.split(separator: "-").last?.count == 12, "\(name)")
        }
        #expect(Set(names.map { $0.split(separator: "-").last! }).count == names.count)
    }

    @Test func caddyReadsSwarmsDNSAndNeedsNoGracePeriod() throws {
        let stack = try SwarmFixture.stack()
        #expect(!SwarmStackFile.render(stack, settings: stack.environment.swarm!).contains("stop_grace_period"))
    }
}
