import Foundation

extension ConfigReader {
    static let swarmKeys = ["nodes", "placement", "replicas", "endpoint_mode"]
    static let swarmNodeKeys = ["address", "labels"]

    /// `engine:` of one environment: compose unless it says swarm.
    mutating func readEngine(_ fields: [String: ConfigNode], _ parent: ConfigNode) -> OrchestratorKind {
        let text = string(fields, "engine", parent, default: "compose") { OrchestratorKind(rawValue: $0) == nil ? "must be compose or swarm, got '\(Validators.quoted($0))'" : nil }
        return text.flatMap(OrchestratorKind.init(rawValue:)) ?? .compose
    }

    /// `swarm:` of an environment with `engine: swarm`: nodes with addresses and labels, placements, replicas.
    mutating func readSwarm(_ node: ConfigNode) -> SwarmSettings {
        var settings = SwarmSettings()
        guard let fields = mapping(node, allowed: Self.swarmKeys) else { return settings }
        if let nodes = fields["nodes"] {
            for (name, nodeConfig) in nodes.pairs ?? [] {
                if !Self.isNodeName(name) {
                    diagnostics.append(nodeConfig.error("'\(Validators.quoted(name))' is not a hostname: name each node as `docker node ls` does"))
                    continue
                }
                guard let nodeFields = mapping(nodeConfig, allowed: Self.swarmNodeKeys) else { continue }
                let address = string(nodeFields, "address", nodeConfig) {
                    Self.isNodeName($0) ? nil : "must be the IP address or hostname Berth reaches the node at over SSH, got '\(Validators.quoted($0))'"
                }
                var labels: [String: String] = [:]
                if let labelNode = nodeFields["labels"], labelNode.pairs == nil { diagnostics.append(labelNode.error("must be a mapping of label keys to values")) }
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
        for key in ["placement", "replicas"] {
            if let map = fields[key], map.pairs == nil { diagnostics.append(map.error("must be a mapping of service names to \(key == "placement" ? "constraints" : "counts")")) }
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
            if let value = integer(count, in: 1...100) { settings.replicas[service] = value }
            settings.locations["replicas.\(service)"] = count.location
        }
        let mode = string(fields, "endpoint_mode", node, default: "vip") { EndpointMode(rawValue: $0) == nil ? "must be vip or dnsrr, got '\(Validators.quoted($0))'" : nil }
        settings.endpointMode = mode.flatMap(EndpointMode.init(rawValue:)) ?? .vip
        return settings
    }

    /// A hostname of one or more labels, or an IPv4 address: how Swarm names nodes and how SSH reaches them.
    static func isNodeName(_ text: String) -> Bool {
        Validators.isIPv4(text) || (text.count <= 253 && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { Validators.dnsLabel(String($0)) == nil })
    }

    static func isLabelPart(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 63 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
}
