@testable import BerthCore
import ServicePlugin
import Testing

/// `update apply`'s choice: never above the level, never outside the range, boundaries only with --level major.
@Suite struct PinUpdaterTests {
    let stack = try! Fixtures.stack(Fixtures.withServices("  authentik: { version: \"2026.8.5\" }\n  planka: {}\n  traefik: {}"))

    func found(_ module: String, _ image: String, current: String, tags: [String]) -> ImageUpdate {
        let spec = PluginRegistry.standard.plugin(module)!.images.first { $0.name == image }!
        var update = ImageUpdate(
            module: module, image: image, services: [], repository: spec.repository, queried: spec.repository,
            current: current, source: .moduleDefault, newBuild: false, notes: []
        )
        update.tags = tags
        UpdateChecker.classify(&update, shape: TagShape(current)!, spec: spec)
        return update
    }

    func choose(_ update: ImageUpdate, _ level: TagShape.Step) -> (String?, [String]) {
        let spec = PluginRegistry.standard.plugin(update.module)!.images.first { $0.name == update.image }!
        let (chosen, reasons) = PinUpdater(stack: stack, level: level).choose(update, spec: spec)
        return (chosen?.tag, reasons)
    }

    @Test func calendarVersionsStopAtTheBoundaryBelowMajor() {
        let authentik = found("authentik", "server", current: "2025.8.1", tags: ["2025.8.1", "2025.8.3", "2025.10.2", "2025.12.1", "2026.8.5", "2027.1.0-rc1"])
        #expect(choose(authentik, .patch).0 == "2025.8.3")
        let (minor, reasons) = choose(authentik, .minor)
        #expect(minor == "2025.8.3")
        #expect(reasons.count == 2)
        #expect(reasons[0].hasPrefix("2025.12.1 crosses a migration boundary; use --level major to take it after reading: Authentik 2025.10 drops Redis"))
        #expect(reasons[1] == "2026.8.5 is a major step; use --level major to take it")
        let (major, none) = choose(authentik, .major)
        #expect(major == "2026.8.5" && none.isEmpty)
    }

    @Test func outsideTheRangeIsNeverPinned() {
        let planka = found("planka", "app", current: "1.23.5", tags: ["1.23.6", "2.1.0", "3.0.0"])
        let (major, reasons) = choose(planka, .major)
        #expect(major == "2.1.0")
        #expect(reasons == ["3.0.0 is outside the module's supported range; it is never pinned"])
        #expect(choose(planka, .minor).0 == "1.23.6")
    }

    @Test func outcomePinsEveryRenderedImageButBerthYamlsAndMovesTheChosenOnes() {
        let report = UpdateReport(
            environment: "production",
            images: [
                found("planka", "app", current: "2.1.0", tags: ["2.1.0", "2.1.4", "2.2.0"]),
                found("planka", "postgres", current: "17-alpine", tags: ["17-alpine", "18-alpine"]),
            ], registries: [], warnings: [])
        let outcome = PinUpdater(stack: stack, level: .patch).outcome(report)
        #expect(outcome.lock.pins["planka"] == ["app": "2.1.4", "postgres": "17-alpine"])
        #expect(outcome.lock.pins["authentik"] == ["postgres": "17-alpine"])
        #expect(outcome.lock.pins["traefik"] == ["traefik": "v3.7.15", "socket-proxy": "2.6.12"])
        #expect(outcome.changes == [.init(module: "planka", image: "app", from: "2.1.0", to: "2.1.4", step: .patch, notes: [])])
        #expect(outcome.held == ["planka/app: 2.2.0 is a minor step; use --level minor to take it", "planka/postgres: 18-alpine is a major step; use --level major to take it"])
        let major = PinUpdater(stack: stack, level: .major).outcome(report)
        #expect(major.changes.last == .init(module: "planka", image: "postgres", from: "17-alpine", to: "18-alpine", step: .major, notes: [MigrationBoundary.postgresMajor.note]))
    }
}
