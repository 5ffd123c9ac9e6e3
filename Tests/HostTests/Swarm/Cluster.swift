import Foundation

/// The test bed's Swarm cluster (`scripts/testbed cluster up N`): N engines, each in a network namespace of its own.
struct Cluster {
    let nodes: Int
    let settings: [String: String]

    /// Brings up (or keeps) a cluster of `nodes` engines and reads its settings.
    static func up(_ nodes: Int) throws -> Cluster {
        let run = try script("up \(nodes)")
        guard run.status == 0 else { throw ClusterError(message: run.output) }
        let text = try String(contentsOfFile: "/var/lib/berth-testbed/cluster.env", encoding: .utf8)
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) }
        }
        return Cluster(nodes: nodes, settings: values)
    }

    static func down() {
        _ = try? script("down")
    }

    struct ClusterError: Error, CustomStringConvertible {
        let message: String
        var description: String { "scripts/testbed cluster up failed:\n\(message)" }
    }

    var manager: String { settings["BERTH_CLUSTER_MANAGER"] ?? "10.77.0.1" }
    var registry: String { settings["BERTH_CLUSTER_REGISTRY"] ?? "10.77.0.254:5000" }
    var knownHosts: String { settings["BERTH_CLUSTER_KNOWN_HOSTS"] ?? "" }
    var sshKey: String { settings["BERTH_CLUSTER_SSH_KEY"] ?? "" }
    var addresses: [String] { (settings["BERTH_CLUSTER_ADDRESSES"] ?? "").split(separator: " ").map(String.init) }

    /// A command on the manager, over the cluster's SSH, as an admin would type it.
    func onManager(_ command: String) throws -> Run {
        try Run.program(
            "/usr/bin/ssh",
            ["-i", sshKey, "-o", "IdentitiesOnly=yes", "-o", "UserKnownHostsFile=\(knownHosts)", "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "root@\(manager)", command])
    }

    /// The node each running task of `service` is on, by task name (`web.1` → `berthc2`).
    func tasks(_ stack: String, _ service: String) throws -> [String: String] {
        let out = try onManager("docker service ps \(stack)_\(service) --filter desired-state=running --format '{{.Name}} {{.Node}} {{.CurrentState}}'").stdout
        var found: [String: String] = [:]
        for line in out.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            if words.count >= 3, words[2] == "Running" { found[String(words[0].dropFirst(stack.count + 1))] = words[1] }
        }
        return found
    }

    func stopNode(_ index: Int) throws -> Run { try Self.script("stop-node \(index)") }
    func startNode(_ index: Int) throws -> Run { try Self.script("start-node \(index)") }
}

extension Cluster {
    /// `scripts/testbed cluster …`, which leaves engines and sshds running (``Run/spawned(_:)``).
    static func script(_ arguments: String) throws -> Run {
        try Run.spawned("\(Run.packageRoot)/scripts/testbed cluster \(arguments)")
    }
}
