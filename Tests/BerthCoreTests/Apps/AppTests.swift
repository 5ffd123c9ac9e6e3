@testable import BerthCore
import PluginTesting
import ServicePlugin
import Testing

/// An app as the stack renders it: its own folder, `.env`, routes, checks and backups.
@Suite struct AppTests {
    let stack = try! Fixtures.stack(AppsFixture.config())

    func text(_ module: StackModule) -> String {
        var out = ComposeRenderer.file(module.fragment, module: module.id)
        out += "\n--- env\n" + module.envSchema.map { "\($0.name) secret=\($0.secret) generated=\($0.generator != nil)" }.joined(separator: "\n")
        out += "\n--- routes\n" + module.routes.map { "\($0.route)" }.joined(separator: "\n")
        out += "\n--- checks\n" + module.healthChecks.map { "\($0.name): \($0.kind)" }.joined(separator: "\n")
        out += "\n--- backup\n\(module.backup)\n"
        return out
    }

    @Test func theBackendMatchesGolden() throws {
        assertSnapshot(text(try #require(stack.module("backend"))), named: "backend.txt")
    }

    @Test func eachAppIsAMemberOfItsOwn() throws {
        #expect(stack.modules.map(\.id) == ["caddy", "authentik", "restic", "website", "backend"])
        let website = try #require(stack.module("website"))
        #expect(website.fragment.services.map(\.name) == ["website"])
        #expect(website.images["app"] == ImageRef(repository: "ghcr.io/tangram-orchestre/showcase-website", tag: "production"))
        // Plain values are written so that compose does not interpolate them.
        #expect(ComposeRenderer.file(website.fragment, module: "website").contains("PRICE: \"$$5\""))
        #expect(website.routes.map(\.route.hosts) == [["www.tangram-orchestre.fr"]])
        #expect(StackValidator.validate(stack).isEmpty, "\(StackValidator.validate(stack))")
    }

    @Test func appsThatKeepDataNeedABackupEngine() throws {
        let noEngine = try Fixtures.stack(AppsFixture.config().replacingOccurrences(of: "  restic: {}\n", with: ""))
        #expect(
            StackValidator.validate(noEngine).map(\.description) == [
                "apps.backend: keeps data (uploads, its database) but no backup engine is enabled; enable kopia or restic, or mark caches scratch: true"
            ])
    }

    @Test func routesThatCollideAcrossAppsAndModulesAreNamed() throws {
        let clash = AppsFixture.config().replacingOccurrences(of: "hosts: [www]\n", with: "hosts: [auth]\n")
        let problems = StackValidator.validate(try Fixtures.stack(clash)).map(\.description)
        #expect(problems == ["apps.website: route 'website' serves auth.tangram-orchestre.fr/, which route 'authentik' of authentik already serves"])
    }

    @Test func dependenciesMustBeOtherApps() throws {
        let unknown = AppsFixture.config().replacingOccurrences(of: "depends_on: [website]", with: "depends_on: [backend, nope]")
        let problems = StackValidator.validate(try Fixtures.stack(unknown)).map(\.description)
        #expect(problems.contains("apps.backend.depends_on: an app cannot depend on itself"))
        #expect(problems.contains("apps.backend.depends_on: 'nope' is not an app (apps: backend, website)"))
    }
}
