import Foundation

extension ConfigReader {
    static let swarmKeys = ["nodes", "placement", "replicas", "endpoint_mode"]
    static let swarmNodeKeys = ["address", "labels"]

    /// `engine:` of one environment: compose unless it says swarm.
    mutating func readEngine(_ fields: [String: ConfigNode], _ parent: ConfigNode) -> Engine {
        let text = string(fields, "engine", parent, default: "compose") { Engine(rawValue: $0) == nil ? "must be compose or swarm, got '\(Validators.quoted($0))'" : nil }
        return text.flatMap(Engine.init(rawValue:)) ?? .compose
    }

    /// `swarm:` of an environment with `engine: swarm`: nodes with addresses and labels, placements, replicas.
    mutating func readSwarm(_ node: ConfigNode) -> SwarmSettings {
        var settings = SwarmSettings()
        guard let fields = mapping(node, allowed: Self.swarmKeys) else { return settings }
        if let nodes = fields["nodes"] {
            for (name, nodeConfig) in nodes.pairs ?? [] {
                if let problem = Validators.dnsLabel(name) {
                    diagnostics.append(nodeConfig.error("node name \(problem)"))
                    continue
                }
                guard let nodeFields = mapping(nodeConfig, allowed: Self.swarmNodeKeys) else { continue }
                let address = string(nodeFields, "address", nodeConfig) { Validators.hostname($0) }
                var labels: [String: String] = [:]
                for (key, value) in nodeFields["labels"]?.pairs ?? [] {
                    guard let text = value.scalar, Self.isLabelPart(key), Self.isLabelPart(text) else {
                        diagnostics.append(value.error("a label is key: value, both of letters, digits, '.', '-' and '_'"))
                        continue
                    }
                    labels[key] = text
                }
                if let address { settings.nodes.append(SwarmNode(name: name, address: address, labels: labels)) }
                settings.locations["nodes.\(name)"] = nodeConfig.location
            }
            if nodes.pairs == nil { diagnostics.append(nodes.error("must be a mapping of node hostnames to { address, labels }")) }
        }
        for (service, constraints) in fields["placement"]?.pairs ?? [] {
            let list = constraints.scalar.map { [$0] } ?? strings(constraints) ?? []
            for constraint in list where SwarmConstraint(constraint) == nil {
                diagnostics.append(constraints.error("'\(Validators.quoted(constraint))' is not a constraint: write node.labels.KEY == VALUE, node.hostname == NAME, or with !="))
            }
            settings.placement[service] = list
            settings.locations["placement.\(service)"] = constraints.location
        }
        for (service, count) in fields["replicas"]?.pairs ?? [] {
            if let value = integer(count, in: 0...100) { settings.replicas[service] = value }
            settings.locations["replicas.\(service)"] = count.location
        }
        let mode = string(fields, "endpoint_mode", node, default: "vip") { EndpointMode(rawValue: $0) == nil ? "must be vip or dnsrr" : nil }
        settings.endpointMode = mode.flatMap(EndpointMode.init(rawValue:)) ?? .vip
        return settings
    }

    static func isLabelPart(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 63 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
}
