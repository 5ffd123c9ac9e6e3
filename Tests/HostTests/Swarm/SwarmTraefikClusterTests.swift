import Foundation
import Testing

/// The seed's own stack on Traefik, on the three-node Swarm (`scripts/testbed cluster up 3`): one deploy, then
/// `berth check`, the website's rolling update under load and a lost worker under load, on that one stack.
@Suite(.serialized, .tags(.testbed, .cluster, .root), .needsCluster) struct SwarmTraefikClusterTests {
    static let stack = "berthtraefik"

    /// The `services:` of the repository's own berth.yaml (Traefik, Authentik, Planka, Kopia, Watchtower), as the seed runs them.
    static func seedServices() throws -> String {
        let text = try String(contentsOfFile: Run.packageRoot + "/berth.yaml", encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("services:") }) else { return "" }
        let block = lines[start...].prefix { $0 == lines[start] || $0.hasPrefix(" ") }
        return block.joined(separator: "\n")
    }

    /// The seed's services and its website (the test bed's app in two versions, with the seed's route and health);
    /// Traefik on the edge node, which is the manager; every database on berthc2.
    static func config(project: String, server: String, cluster: Cluster) throws -> String {
        AppProject.header(name: stack, project: project) + (try seedServices())
            + """

            apps:
              website:
                image: berth-testbed/app
                tag: v1
                port: 3000
                routes:
                  - { hosts: [www], redirect_from: ["@"] }
                health: { path: /version }
            environments:
              cluster:
                target: "ssh://root@\(cluster.manager)\(server)"
                engine: swarm
                registry_mirror: "http://\(cluster.registry)"
                certificates: internal
                healthcheck_interval: 2s
                ca_file: "\(project)/data/traefik/internal/root.crt"
                ssh: { known_hosts: "\(cluster.knownHosts)", identity_file: "\(cluster.sshKey)" }
                resolve: { "*.example.org": "\(cluster.manager):443", "example.org": "\(cluster.manager):443" }
                swarm:
                  endpoint_mode: dnsrr
                  nodes:
                    berthc1: { address: \(cluster.addresses[0]), labels: { edge: "true" } }
                    berthc2: { address: \(cluster.addresses[1]), labels: { db: "true" } }
                    berthc3: { address: \(cluster.addresses[2]) }
                  placement:
                    planka: [node.labels.db == true]
                    authentik: [node.labels.db == true]
            """
    }

    /// One request through the edge node's Traefik: status code and body (`-w` appends the code and the redirect target).
    static func get(_ path: String, host: String = "www.example.org", cluster: Cluster, caFile: String) throws -> String {
        // The certificate comes from the CA the deploy keeps for Traefik on the edge node (certificates: internal).
        try Run.program(
            "/usr/bin/env",
            ["curl", "-sS", "--cacert", caFile, "--max-time", "10", "--resolve", "\(host):443:\(cluster.manager)", "-w", " %{http_code} %{redirect_url}", "https://\(host)\(path)"]
        ).stdout
    }

    static func load(cluster: Cluster, caFile: String, seconds: Int) throws -> LoadClient {
        try LoadClient(url: "https://www.example.org/version", resolve: "www.example.org:443:\(cluster.manager)", caFile: caFile, seconds: seconds, threads: 8)
    }

    /// At least 2,000 requests at 100 a second or more over the seconds the client ran, and none failed.
    static func expectNoFailure(_ result: [String: Any], _ what: String) {
        let total = result["total"] as? Int ?? 0
        let seconds = result["seconds"] as? Int ?? 0
        #expect(result["failures"] as? Int == 0, "\(what): \(result)")
        #expect(seconds > 0 && total >= 2000 && total >= 100 * seconds, "\(what): \(result)")
    }

    static func summary(_ result: [String: Any]) -> String {
        "\(result["total"] ?? 0) requests in \(result["seconds"] ?? 0) s, \(result["failures"] ?? "?") failed, at least \(result["min_per_second"] ?? 0) a second"
    }
}
