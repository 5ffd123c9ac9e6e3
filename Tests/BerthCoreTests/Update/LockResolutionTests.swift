@testable import BerthCore
import Foundation
import ServicePlugin
import Testing

/// `render` reads berth.lock: berth.yaml's `version:` wins, then the lock, then the module's default.
@Suite struct LockResolutionTests {
    func project(_ services: String, lock: String) -> String {
        let root = Fixtures.temporaryDirectory()
        Fixtures.write(Fixtures.withServices(services), to: root + "/berth.yaml")
        Fixtures.write(lock, to: root + "/berth.lock")
        return root
    }

    func images(_ id: String) -> [ImageSpec] { PluginRegistry.standard.plugin(id)!.images }

    @Test func versionThenLockThenDefault() throws {
        let root = project(
            "  planka: { version: \"2.0.4\" }\n  authentik: {}\n  traefik: {}",
            lock: """
                version: 1
                pins:
                  planka: { app: "2.1.3", postgres: "16.4-alpine" }
                  authentik: { server: "2026.8.7" }
                """)
        let config = try ConfigLoader().load(path: root + "/berth.yaml")
        let stack = try StackBuilder().build(config, environment: "production")
        #expect(stack.module("planka")?.images["app"]?.tag == "2.0.4")
        #expect(stack.module("planka")?.images["postgres"]?.tag == "16.4-alpine")
        #expect(stack.module("authentik")?.images["server"]?.tag == "2026.8.7")
        #expect(stack.module("traefik")?.images["traefik"]?.tag == images("traefik")[0].defaultTag)
        #expect(config.tagSource("planka", image: 0, spec: images("planka")[0]).source == .config)
        #expect(config.tagSource("planka", image: 1, spec: images("planka")[1]).source == .lock)
        #expect(config.tagSource("traefik", image: 0, spec: images("traefik")[0]).source == .moduleDefault)
    }

    @Test func badPinsAreNamedWithTheirLine() throws {
        let root = project("  planka: {}\n  traefik: {}", lock: "version: 1\npins:\n  plank: { app: \"2.1.0\" }\n  planka:\n    web: \"2.1.0\"\n    app: \"0.9.0\"\n")
        let error = try #require(throws: DiagnosticsError.self) { try ConfigLoader().load(path: root + "/berth.yaml") }
        #expect(
            error.diagnostics.map(\.description) == [
                "\(root)/berth.lock:3: pins.plank: unknown module or app (known: \(PluginRegistry.standard.ids.joined(separator: ", ")))",
                "\(root)/berth.lock:5: pins.planka.web: planka has no image named web (images: app, postgres)",
            ])
        // With berth.yaml's own problems, both files' are named in one run; a name that is no module may be an app of
        // the berth.yaml that could not be read, so only the module's bad image is named.
        Fixtures.write(Fixtures.withServices("  planka: { subdomain: Planka }\n  traefik: {}"), to: root + "/berth.yaml")
        let both = try #require(throws: DiagnosticsError.self) { try ConfigLoader().load(path: root + "/berth.yaml") }
        #expect(both.diagnostics.count == 2 && both.diagnostics[0].path == "services.planka.subdomain" && both.diagnostics[1].path == "pins.planka.web")
        Fixtures.write("version: 1\npins: [\n", to: root + "/berth.lock")
        let broken = try #require(throws: DiagnosticsError.self) { try ConfigLoader().load(path: root + "/berth.yaml") }
        #expect(broken.diagnostics.count == 2 && broken.diagnostics[1].description.hasPrefix("\(root)/berth.lock: not YAML"))
        Fixtures.write(Fixtures.withServices("  planka: {}\n  traefik: {}"), to: root + "/berth.yaml")
        Fixtures.write("version: 1\npins:\n  planka:\n    app: \"0.9.0\"\n", to: root + "/berth.lock")
        let stack = try StackBuilder().build(try ConfigLoader().load(path: root + "/berth.yaml"), environment: "production")
        #expect(
            StackValidator.validate(stack).map(\.description).contains(
                "\(root)/berth.lock:4: pins.planka.app: 0.9.0 is older than 1.0.0, the oldest ghcr.io/plankanban/planka the module supports"
            ))
    }

    @Test func aMissingLockIsEmptyAndAWrittenOneKeepsItsMode() throws {
        let root = Fixtures.temporaryDirectory()
        #expect(try VersionPins.load(root + "/berth.lock") == VersionPins())
        let old = umask(0o077)
        defer { umask(old) }
        try VersionPins(pins: ["planka": ["app": "2.1.0"]]).write(to: root + "/berth.lock")
        let mode = try FileManager.default.attributesOfItem(atPath: root + "/berth.lock")[.posixPermissions] as? Int
        #expect(mode == 0o644)
        #expect(try VersionPins.load(root + "/berth.lock").pin("planka", "app") == "2.1.0")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["berth.lock"])
    }
}
