import Foundation
import Testing

/// The same modules on a real three-node Swarm (`scripts/testbed cluster up 3`), one cluster and one stack for
/// every step: deploy and check, dumps on their nodes, a rolling update under load, a failing update rolled back,
/// and a node lost while the app keeps serving through the proxy.
@Suite(.serialized, .tags(.testbed, .cluster, .root), .needsCluster) struct SwarmClusterTests {
    static let stack = "berthswarm"

    /// The stack's config: the Caddy example's modules (examples/caddy.yaml) with a backup engine and two apps;
    /// Caddy on the edge node, Authentik's and Planka's data on berthc2, the shop's database on berthc1.
    static func config(project: String, server: String, cluster: Cluster) -> String {
        AppProject.header(name: stack, project: project)
            + """
            services:
              caddy: {}
              authentik: { subdomain: auth }
              planka: { subdomain: planka }
              dozzle: { subdomain: logs }
              restic: { repository: \(project)/restic-repo }
            apps:
              web: { image: berth-testbed/app, tag: v1, port: 3000, hosts: [web], health: { command: [/app, health] } }
              shop: { image: berth-testbed/app, tag: v1, port: 3000, hosts: [shop], database: postgres, health: { command: [/app, health] } }
            environments:
              cluster:
                target: "ssh://root@\(cluster.manager)\(server)"
                engine: swarm
                registry_mirror: "http://\(cluster.registry)"
                certificates: internal
                healthcheck_interval: 2s
                ca_file: \(rootCertificate(project))
                ssh: { known_hosts: "\(cluster.knownHosts)", identity_file: "\(cluster.sshKey)" }
                resolve: { "*.example.org": "\(cluster.manager):443" }
                swarm:
                  endpoint_mode: dnsrr
                  nodes:
                    berthc1: { address: \(cluster.addresses[0]), labels: { edge: "true" } }
                    berthc2: { address: \(cluster.addresses[1]), labels: { db: "true" } }
                    berthc3: { address: \(cluster.addresses[2]) }
                  placement:
                    planka: [node.labels.db == true]
                    authentik: [node.labels.db == true]
                    shop-postgres: [node.hostname == berthc1]
            """
    }

    /// One GET through the edge node's Caddy, checked against Caddy's own CA as a browser would.
    static func get(_ path: String, host: String = "web.example.org", project: String, cluster: Cluster) throws -> (Int32, String) {
        let run = try Run.program(
            "/usr/bin/env",
            [
                "curl", "-sS", "--max-time", "10", "--resolve", "\(host):443:\(cluster.manager)", "--cacert", rootCertificate(project),
                "https://\(host)\(path)",
            ])
        return (run.status, run.stdout)
    }

    static func rootCertificate(_ project: String) -> String { project + "/data/caddy/data/caddy/pki/authorities/local/root.crt" }

    /// The load client against the web app through the edge node's Caddy.
    static func load(project: String, cluster: Cluster, seconds: Int) throws -> LoadClient {
        try LoadClient(
            url: "https://web.example.org/version", resolve: "web.example.org:443:\(cluster.manager)", caFile: rootCertificate(project),
            seconds: seconds, threads: 4)
    }
}
