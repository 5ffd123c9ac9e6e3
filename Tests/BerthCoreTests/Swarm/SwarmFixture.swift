import BerthCore

/// A stack on a three-node Swarm: an edge node, a database node, a spare; a stateless app and one with a database.
enum SwarmFixture {
    static func config(placement: String = "planka: [node.labels.db == true]\n        shop-postgres: [node.hostname == n3]", extra: String = "") -> String {
        """
        name: shop
        domain: example.org
        acme_email: admin@example.org
        services:
          caddy: {}
          planka: { sso: false }
          restic: {}
        apps:
          web: { image: ghcr.io/shop/web, tag: v1, port: 3000, hosts: [web], health: { command: [/app, health] } }
          shop: { image: ghcr.io/shop/api, tag: v1, port: 3000, hosts: [shop], database: postgres }
        environments:
          cluster:
            target: "ssh://root@10.0.0.1/opt/services"
            engine: swarm
            swarm:
              endpoint_mode: dnsrr
              nodes:
                n1: { address: 10.0.0.1, labels: { edge: "true" } }
                n2: { address: 10.0.0.2, labels: { db: "true" } }
                n3: { address: 10.0.0.3 }
              placement:
                \(placement)
        \(extra)
        """
    }

    static func stack(_ text: String = config()) throws -> Stack {
        try Fixtures.stack(text, environment: "cluster")
    }
}
