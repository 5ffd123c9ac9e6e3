import BerthCore
import Foundation
import Testing
import Yams

/// The rendered example against Tangram's production folder, fact by fact: `TangramReference.facts` in the unit run,
/// checked against `../shared/reference/tangram-production` itself where that folder is present.
@Suite struct ReferenceParityTests {
    static let reference = TangramReference.facts

    /// Folders of the reference that are Berth modules (the showcase website is an app, compared on its own).
    static let moduleFolders = ["traefik", "authentik", "planka", "kopia", "watchtower"]

    struct ComposeFacts {
        var services: [String: [String: Any]] = [:]

        var names: Set<String> { Set(services.keys) }

        func labels(_ service: String) -> [String] {
            (services[service]?["labels"] as? [String]) ?? []
        }

        var allLabels: [String] { services.keys.sorted().flatMap(labels) }

        /// Router name to hostnames, from `traefik.http.routers.<name>.rule` labels.
        var routerHosts: [String: Set<String>] {
            var result: [String: Set<String>] = [:]
            for label in allLabels where label.hasPrefix("traefik.http.routers.") && label.contains(".rule=") {
                let router = String(label.dropFirst("traefik.http.routers.".count).prefix { $0 != "." })
                let hosts = label.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
                result[router, default: []].formUnion(hosts)
            }
            return result
        }

        var protectedRouters: Set<String> {
            Set(
                // Berth's routers chain the header-cleaning middleware first: the forward-auth is one of the list.
                allLabels.filter { $0.contains(".middlewares=") && $0.split(separator: "=").last!.split(separator: ",").contains("authentik@file") }.map {
                    String($0.dropFirst("traefik.http.routers.".count).prefix { $0 != "." })
                })
        }
    }

    static func facts(_ root: String, folders: [String] = moduleFolders) throws -> ComposeFacts {
        var facts = ComposeFacts()
        for folder in folders {
            let text = try String(contentsOfFile: "\(root)/\(folder)/docker-compose.yaml", encoding: .utf8)
            let document = try Yams.load(yaml: text) as? [String: Any]
            for (name, value) in (document?["services"] as? [String: Any]) ?? [:] {
                facts.services[name] = value as? [String: Any]
            }
        }
        return facts
    }

    static func rendered(authentik version: String? = nil) throws -> String {
        var text = Fixtures.exampleText
        if let version { text = text.replacingOccurrences(of: "authentik: { subdomain: auth }", with: "authentik: { subdomain: auth, version: \"\(version)\" }") }
        let root = Fixtures.temporaryDirectory("parity")
        try TreeWriter(destination: root).write(TreeRenderer.render(try Fixtures.stack(text)))
        return root
    }

    static func repository(_ service: [String: Any]?) -> String? {
        guard let image = service?["image"] as? String else { return nil }
        return image.split(separator: ":").first.map(String.init)
    }

    /// The `forwardAuth` block of the `authentik` middleware in a tree's Traefik dynamic configuration.
    static func forwardAuth(_ root: String) throws -> [String: Any]? {
        let document = try Yams.load(yaml: try String(contentsOfFile: "\(root)/traefik/dynamic-conf/authentik-middleware.yaml", encoding: .utf8))
        let middlewares = ((document as? [String: Any])?["http"] as? [String: Any])?["middlewares"] as? [String: Any]
        return (middlewares?["authentik"] as? [String: Any])?["forwardAuth"] as? [String: Any]
    }

    @Test(.enabled(if: Fixtures.hasReference, "no ../shared/reference/tangram-production beside the project"))
    func theFactsMatchTheReferenceFolder() throws {
        #expect(try TangramReference.read(Fixtures.reference) == Self.reference)
    }

    /// The reference's services, and the Docker socket proxies Berth adds for the two that mounted the socket.
    @Test func serviceNamesMatchWithRedisOnlyForOldAuthentik() throws {
        let reference = Self.reference.names.union(["traefik-socket", "watchtower-socket"])
        #expect(try Self.facts(try Self.rendered(authentik: "2024.12.2")).names == reference)
        #expect(try Self.facts(try Self.rendered()).names == reference.subtracting(["authentik-redis"]))
    }

    @Test func imageRepositoriesMatch() throws {
        let reference = Self.reference
        let berth = try Self.facts(try Self.rendered(authentik: "2024.12.2"))
        for name in reference.names.sorted() {
            let expected: String? =
                switch name {
                // The reference builds Traefik from a Dockerfile that is `FROM traefik:v3.0` (shared/README.md).
                case "traefik": "traefik"
                // containrrr/watchtower is archived and fails on Docker Engine 29: Berth uses the maintained fork.
                case "watchtower": "nickfedor/watchtower"
                default: reference.images[name] ?? nil
                }
            #expect(Self.repository(berth.services[name]) == expected, "image of \(name)")
        }
        #expect(reference.images["watchtower"] == "containrrr/watchtower")
    }

    @Test func publishedPortsMatch() throws {
        let berth = try Self.facts(try Self.rendered())
        for name in berth.names.sorted() {
            let ports = Set((berth.services[name]?["ports"] as? [String]) ?? [])
            #expect(ports == Self.reference.ports[name] ?? [], "ports of \(name)")
        }
    }

    /// The website is one of `apps:`: the same image and hostnames, the apex redirecting to www.
    @Test func theWebsiteAppServesTheReferencesHostsAndImage() throws {
        let berth = try Self.facts(try Self.rendered(), folders: ["website"])
        #expect(Set(berth.routerHosts.values.flatMap { $0 }) == Self.reference.websiteHosts)
        #expect(berth.routerHosts == ["website": ["www.tangram-orchestre.fr"], "website-redirect": ["tangram-orchestre.fr"]])
        #expect(berth.services.values.compactMap { Self.repository($0) } == Self.reference.websiteImages)
        #expect(berth.allLabels.contains("traefik.http.middlewares.website-redirect.redirectregex.replacement=https://www.tangram-orchestre.fr$${1}"))
    }

    @Test func routerHostnamesAndForwardAuthMatch() throws {
        let berth = try Self.facts(try Self.rendered())
        #expect(berth.routerHosts == Self.reference.routerHosts)
        #expect(berth.protectedRouters == Self.reference.protectedRouters)
        #expect(berth.protectedRouters == ["dashboard", "kopia"])
    }

    @Test func envKeysAreASupersetOfTheReference() throws {
        let root = try Self.rendered()
        for folder in Self.moduleFolders {
            guard let reference = Self.reference.sampleEnvKeys[folder] else { continue }
            let berth = try #require(try EnvFile.read("\(root)/\(folder)/sample.env"), "\(folder)/sample.env")
            let missing = reference.subtracting(berth.keys)
            #expect(missing.isEmpty, "\(folder)/sample.env lacks \(missing.sorted())")
        }
    }

    @Test func watchtowerIsMonitorOnly() throws {
        #expect(Self.reference.watchtowerCommand == "--monitor-only")
        let berth = try Self.facts(try Self.rendered()).services["watchtower"]?["command"] as? [String]
        #expect(berth == ["--monitor-only"])
    }

    @Test func forwardAuthMiddlewareMatches() throws {
        let berth = try Self.forwardAuth(try Self.rendered())
        #expect(berth?["address"] as? String == Self.reference.forwardAuthAddress)
        #expect(berth?["trustForwardHeader"] as? Bool == true)
        let headers = Set((berth?["authResponseHeaders"] as? [String]) ?? [])
        #expect(headers.isSuperset(of: ["X-authentik-username", "X-authentik-groups", "X-authentik-email", "X-authentik-uid", "Authorization"]))
    }
}
