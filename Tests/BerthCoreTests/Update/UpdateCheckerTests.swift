@testable import BerthCore
import ServicePlugin
import Testing

/// Classification and digest comparison, on tag lists as registries send them (the live registry tests are in HostTests/Update).
@Suite struct UpdateCheckerTests {
    static let planka = PluginRegistry.standard.plugin("planka")!.images[0]

    func update(_ current: String, tags: [String], spec: ImageSpec? = planka) -> ImageUpdate {
        var update = ImageUpdate(
            module: "planka", image: "app", services: ["planka"], repository: "ghcr.io/plankanban/planka", queried: "ghcr.io/plankanban/planka",
            current: current, source: .moduleDefault, newBuild: false, notes: []
        )
        update.tags = tags
        UpdateChecker.classify(&update, shape: TagShape(current)!, spec: spec)
        return update
    }

    @Test func newestOfEachStepWithRangeAndMigrationNotes() {
        let found = update("1.23.5", tags: ["1.23.5", "1.23.6", "1.24.0", "1.24.1", "2.0.0", "2.1.0", "3.0.0", "3.1.0-beta1", "latest"])
        #expect(found.patch == .init(tag: "1.23.6", supported: true, migrations: []))
        #expect(found.minor == .init(tag: "1.24.1", supported: true, migrations: []))
        #expect(found.major?.tag == "3.0.0" && found.major?.supported == false)
        #expect(found.notes.count == 1)
        #expect(found.notes[0].hasPrefix("3.0.0 is outside the module's supported range (below 3.0.0): Planka 2.x keeps every file in /app/data"))
        #expect(found.hasUpdate)
    }

    @Test func aSupportedMajorAcrossABoundaryCarriesItsNote() {
        let found = update("1.23.5", tags: ["2.1.0"])
        #expect(found.major?.supported == true && found.major?.migrations.count == 1)
        #expect(found.notes == ["2.1.0 crosses a migration boundary: " + Self.planka.migrations[0].note])
    }

    @Test func upToDateHasNoUpdate() {
        let found = update("2.1.0", tags: ["2.0.0", "2.1.0", "2.2.0-rc1"])
        #expect(found.patch == nil && found.minor == nil && found.major == nil && !found.hasUpdate && found.notes.isEmpty)
    }

    @Test func digestsTellANewBuild() {
        var same = update("16-alpine", tags: [], spec: nil)
        same.deployedDigest = "sha256:aaaa"
        same.registryDigest = "sha256:aaaa"
        UpdateChecker.compareDigests(&same, floating: true)
        #expect(!same.newBuild && same.notes.isEmpty)
        var moved = same
        moved.registryDigest = "sha256:bbbb"
        UpdateChecker.compareDigests(&moved, floating: true)
        #expect(moved.newBuild && moved.hasUpdate)
        #expect(moved.notes == ["new build: 16-alpine is sha256:bbbb now, sha256:aaaa is deployed; a deploy pulls it"])
        var gone = same
        gone.registryDigest = nil
        UpdateChecker.compareDigests(&gone, floating: true)
        #expect(gone.notes == ["the registry has no tag 16-alpine"] && !gone.newBuild)
    }

    @Test func exitCodes() {
        let ok = UpdateReport(environment: "e", images: [update("2.1.0", tags: [])], registries: [.init(host: "h", repositories: 1, requests: 1)], warnings: [])
        #expect(ok.exitStatus(detailed: true).rawValue == 0)
        let newer = UpdateReport(environment: "e", images: [update("2.0.0", tags: ["2.1.0"])], registries: ok.registries, warnings: [])
        #expect(newer.exitStatus(detailed: false).rawValue == 0 && newer.exitStatus(detailed: true).rawValue == 3)
        var broken = newer
        broken.registries.append(.init(host: "x", repositories: 1, requests: 1, error: "x: unreachable (connection refused)"))
        #expect(broken.exitStatus(detailed: true).rawValue == 1)
        #expect(broken.text.contains("registry x: unreachable (connection refused)"))
    }
}
