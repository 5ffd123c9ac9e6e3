import BerthCore

/// Production and a staging that shares its proxy and identity provider, on one server.
enum SharingFixture {
    static func config(proxy: String = "caddy") -> String {
        """
        name: shop
        domain: example.org
        acme_email: admin@example.org
        services:
          \(proxy): {}
          authentik: { subdomain: auth }
          planka: { subdomain: planka }
          kopia: { subdomain: kopia }
        apps:
          website:
            image: ghcr.io/shop/website
            tag: production
            port: 3000
            routes: [{ hosts: [www] }]
            health: { path: /version }
          api:
            image: ghcr.io/shop/api
            tag: production
            port: 8080
            database: postgres
            routes: [{ hosts: [api], protected: true, identity_headers: { username: X-User } }]
        environments:
          production: { target: "ssh://deploy@shop.example.org/opt/services" }
          staging:
            target: "ssh://deploy@shop.example.org/opt/services-staging"
            domain: staging.example.org
            shares: production
            services: [planka]
            apps:
              website: { tag: staging }
              api: ~
              mail:
                image: maildev/maildev
                tag: 2.2.1
                port: 1080
                routes: [{ hosts: [mail], protected: true }]
        """
    }

    static func stack(_ environment: String, proxy: String = "caddy", text: String? = nil) throws -> Stack {
        try Fixtures.stack(text ?? config(proxy: proxy), environment: environment)
    }
}
