@testable import BerthCore
import ServicePlugin
import Testing

/// `validate` keeps persistent data on one node and names every setting it cannot place.
@Suite struct SwarmRulesTests {
    func configErrors(_ text: String) -> [String] {
        do {
            _ = try ConfigLoader().parse(text, file: "/tmp/berth.yaml")
            return []
        } catch let error as DiagnosticsError {
            return error.diagnostics.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    func errors(_ text: String) throws -> [String] {
        StackValidator.validate(try SwarmFixture.stack(text)).filter { $0.severity == .error }.map(\.description)
    }

    @Test func aStatefulServiceWithoutAConstraintIsRefused() throws {
        let found = try errors(SwarmFixture.config(placement: "planka: [node.labels.db == true]"))
        #expect(
            found == [
                "environments.cluster.swarm.placement.shop-postgres: shop-postgres keeps persistent data in a folder of one node; pin it to exactly one node with a label (it has no constraint)"
            ])
    }

    @Test func aConstraintThatAdmitsTwoNodesOrNoneIsRefused() throws {
        let found = try errors(SwarmFixture.config(placement: "planka: [node.labels.edge != true]\n        shop-postgres: [node.labels.db == blue]"))
        #expect(found.count == 3, "\(found)") // planka, planka-postgres (the module's key), shop-postgres
        #expect(found.contains { $0.hasSuffix("placement.planka: planka keeps persistent data in a folder of one node; pin it to exactly one node with a label (its constraints admit n2, n3)") })
        #expect(found.contains { $0.hasSuffix("placement.shop-postgres: no node satisfies node.labels.db == blue; label one in environments.cluster.swarm.nodes") })
    }

    @Test func unknownNamesBadConstraintsAndReplicatedDataAreRefusedWithTheirLines() throws {
        var text = SwarmFixture.config(placement: "planka: [node.labels.db == true]\n        shop-postgres: [node.hostname == n3]\n        shop-db: [node.hostname == n3]")
        text = text.replacingOccurrences(of: "      placement:", with: "      replicas: { planka-postgres: 2 }\n      placement:")
        let found = try errors(text)
        #expect(found.contains { $0.contains(": environments.cluster.swarm.placement.shop-db: names no service or module of this stack") })
        #expect(found.contains { $0.contains("environments.cluster.swarm.replicas.planka-postgres: planka-postgres keeps persistent data: it runs as one replica, got 2") })
        let bad = SwarmFixture.config(placement: "planka: [node.labels.db = true]\n        shop-postgres: [node.hostname == n3]")
        #expect(configErrors(bad).contains { $0.contains("environments.cluster.swarm.placement.planka: 'node.labels.db = true' is not a constraint") })
    }

    @Test func swarmNeedsItsNodesAndSharesNothing() throws {
        let text = SwarmFixture.config().replacingOccurrences(of: "    engine: swarm\n", with: "    engine: swarm\n    shares: other\n")
        #expect(configErrors(text).contains { $0.contains("shares") })
        let compose = SwarmFixture.config().replacingOccurrences(of: "    engine: swarm\n", with: "")
        #expect(configErrors(compose).contains { $0.contains("environments.cluster.swarm: needs engine: swarm") })
    }
}

extension SwarmRulesTests {
    @Test func aSocketMountIsNamed() throws {
        var text = SwarmFixture.config().replacingOccurrences(of: "  caddy: {}\n", with: "  caddy: {}\n  dozzle: {}\n")
        text = text.replacingOccurrences(of: "  restic: {}\n", with: "  restic: {}\n  watchtower: {}\n")
        let found = StackValidator.validate(try SwarmFixture.stack(text)).map(\.description)
        #expect(found.contains { $0 == "warning: services.watchtower: watchtower mounts the Docker socket: on Swarm it sees the node it runs on only (no constraint)" }, "\(found)")
    }
}

extension SwarmRulesTests {
    @Test func evenOnOneNodeDataNeedsAConstraintButOneTaskPerNodeKeepsAFolderOnEach() throws {
        var text = SwarmFixture.config(placement: "planka: [node.labels.db == true]")
        text = text.replacingOccurrences(of: "        n2: { address: 10.0.0.2, labels: { db: \"true\" } }\n        n3: { address: 10.0.0.3 }\n", with: "")
        text = text.replacingOccurrences(of: "n1: { address: 10.0.0.1, labels: { edge: \"true\" } }", with: "n1: { address: 10.0.0.1, labels: { edge: \"true\", db: \"true\" } }")
        #expect(try errors(text).contains { $0.hasSuffix("shop-postgres keeps persistent data in a folder of one node; pin it to exactly one node with a label (it has no constraint)") })
        // Caddy keeps certificates under data_root on every edge node: two edge nodes are fine.
        let twoEdges = SwarmFixture.config().replacingOccurrences(of: "n3: { address: 10.0.0.3 }", with: "n3: { address: 10.0.0.3, labels: { edge: \"true\" } }")
        #expect(try errors(twoEdges).isEmpty)
    }

    @Test func countsNameOneServiceThatIsNotOnePerNodeAndFileTargetsReachOneMachine() throws {
        let counts = SwarmFixture.config().replacingOccurrences(of: "      placement:", with: "      replicas: { caddy: 2, shop: 2 }\n      placement:")
        #expect(try errors(counts).contains { $0.contains("environments.cluster.swarm.replicas.caddy: caddy runs one task on each node its constraints admit; it takes no count") })
        let module = SwarmFixture.config().replacingOccurrences(of: "      placement:", with: "      replicas: { planka: 1, restic: 1 }\n      placement:")
        #expect(try errors(module).contains { $0.contains("environments.cluster.swarm.replicas.restic: restic runs one task on each node") })
        let file = SwarmFixture.config().replacingOccurrences(of: "target: \"ssh://root@10.0.0.1/opt/services\"", with: "target: \"file:/opt/services\"")
        #expect(try errors(file).contains("environments.cluster.target: a file: target is this machine, which reaches no other node: use ssh:// to the manager"))
    }

    @Test func aModulesDefaultThatAdmitsNoNodePointsAtTheNodes() throws {
        let text = SwarmFixture.config().replacingOccurrences(of: "labels: { edge: \"true\" }", with: "labels: { front: \"true\" }")
        #expect(
            try errors(text).contains(
                "environments.cluster.swarm.nodes: caddy, by its module's default placement: no node satisfies node.labels.edge == true; label one in environments.cluster.swarm.nodes"
            ))
    }

    @Test func badSwarmSettingsSayWhereAndWhat() {
        let text = SwarmFixture.config(placement: "planka: [node.labels.db == true]\n        shop-postgres: [node.hostname == n3]")
            .replacingOccurrences(of: "      endpoint_mode: dnsrr", with: "      endpoint_mode: rr\n      replicas: [web]")
            .replacingOccurrences(of: "n3: { address: 10.0.0.3 }", with: "N_3: { address: 10.0.0.3, labels: [edge] }")
        let found = configErrors(text)
        #expect(found.contains { $0.hasSuffix("environments.cluster.swarm.endpoint_mode: must be vip or dnsrr, got 'rr'") }, "\(found)")
        #expect(found.contains { $0.hasSuffix("environments.cluster.swarm.replicas: must be a mapping of service names to counts") }, "\(found)")
        #expect(found.contains { $0.hasSuffix("environments.cluster.swarm.nodes.N_3: 'N_3' is not a hostname: name each node as `docker node ls` does") }, "\(found)")
        #expect(found.allSatisfy { $0.hasPrefix("/tmp/berth.yaml:") }, "\(found)")
    }
}
