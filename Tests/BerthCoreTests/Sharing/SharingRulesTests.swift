@testable import BerthCore
import ServicePlugin
import Testing

/// What validate says about environments on one machine, each problem with both config paths.
@Suite struct SharingRulesTests {
    /// The fixture with staging's `shares:` line taken out: a second full stack on production's server.
    var unshared: String { SharingFixture.config().replacingOccurrences(of: "    shares: production\n    services: [planka]\n", with: "") }

    @Test func twoFullStacksOnOneServerCollideEverywhere() throws {
        let problems = StackValidator.validate(try SharingFixture.stack("staging", text: unshared)).map(\.description)
        let expected = [
            "environments.staging: compose project 'shop' (name) is also environments.production's: environments on one machine (shop.example.org:22) must differ; add shares: production to environments.staging",
            "environments.staging: crontab tag '# berth backup shop' is also environments.production's: one deploy would replace the other's backup line",
            "services.caddy: host port 80/tcp is also published by environments.production (services.caddy): environments on one machine (shop.example.org:22) must differ; add shares: production to environments.staging",
            "data_root: /opt/docker-volumes is also /opt/docker-volumes, data_root of environments.production: each environment keeps its own folders",
            "dumps_dir: /opt/db-backups is also /opt/db-backups, dumps_dir of environments.production: each environment keeps its own folders",
        ]
        for line in expected { #expect(problems.contains(line), "\(line)") }
    }

    @Test func aSharingStagingIsValidAndSoIsProduction() throws {
        for environment in ["production", "staging"] {
            #expect(StackValidator.validate(try SharingFixture.stack(environment)).filter { $0.severity == .error }.map(\.description) == [])
        }
    }

    @Test func theSameHostnameInBothIsRefused() throws {
        let text = SharingFixture.config().replacingOccurrences(of: "    domain: staging.example.org\n", with: "")
        let problems = StackValidator.validate(try SharingFixture.stack("staging", text: text)).map(\.description)
        #expect(problems.contains("environments.staging.apps.website: host www.example.org is also routed by environments.production: set a domain of its own on one of them"))
    }

    @Test func sharesMustNameAnotherEnvironmentOnTheSameMachine() throws {
        let cases = [
            ("shares: production", "shares: prod", "environments.staging.shares: names no environment (known: production); an environment that another shares cannot be dropped"),
            ("shares: production", "shares: staging", "environments.staging.shares: an environment cannot share itself"),
            (
                "ssh://deploy@shop.example.org/opt/services-staging", "ssh://deploy@other.example.org/opt/services-staging",
                "environments.staging.shares: production deploys to another machine (ssh://deploy@shop.example.org/opt/services); only environments on one host share a proxy"
            ),
        ]
        for (from, to, message) in cases {
            let text = SharingFixture.config().replacingOccurrences(of: from, with: to)
            #expect(throws: (any Error).self) { try Fixtures.config(text) }
            do { _ = try Fixtures.config(text) } catch { #expect(String(describing: error).contains("/tmp/berth-tests/berth.yaml:27: \(message)"), "\(error)") }
        }
    }

    @Test func environmentMembersAreCheckedWithTheirLine() throws {
        let text = SharingFixture.config().replacingOccurrences(of: "services: [planka]", with: "services: [planka, dozzle]")
            .replacingOccurrences(of: "website: { tag: staging }", with: "website: { tag: \"no good\" }")
        do {
            _ = try Fixtures.config(text)
            Issue.record("an unknown module and a bad tag were accepted")
        } catch {
            let text = String(describing: error)
            #expect(text.contains("berth.yaml:28: environments.staging.services: 'dozzle' is not enabled under services: (enabled: caddy, authentik, planka, kopia)"))
            #expect(text.contains("berth.yaml:30: environments.staging.apps.website.tag: must be an image tag"))
        }
    }

    @Test func aSharingEnvironmentRunsNoProxyOfItsOwn() throws {
        let text = SharingFixture.config().replacingOccurrences(of: "services: [planka]", with: "services: [planka, caddy]")
        let problems = StackValidator.validate(try SharingFixture.stack("staging", text: text)).map(\.description)
        #expect(problems.contains("environments.staging.services: caddy provides a reverse proxy, which this environment takes from the one it shares (production); drop it"))
    }
}
