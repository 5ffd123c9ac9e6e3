@testable import BerthCore
import Foundation
import ServicePlugin
import Testing

/// Which boundaries a deploy crosses, read from the live release's summary and the stack, and how the plan says so.
@Suite struct MigrationPlanTests {
    func stack(_ pins: String) throws -> Stack {
        try FakeStacks.build("  traefik: {}\n  kopia: {}\n  authentik: {}\n  planka: {}\n\(pins)", target: "file:/srv/berth")
    }

    /// The summary of a release that ran Planka 1.23.5 on PostgreSQL 14 and Authentik 2024.12.2 with Redis.
    func old() throws -> StackSummary {
        var config = try stack("").config
        config.lock = VersionPins(pins: [
            "planka": ["app": "1.23.5", "postgres": "14-alpine"], "authentik": ["server": "2024.12.2", "postgres": "17-alpine"],
        ])
        let stack = try StackBuilder().build(config, environment: "production")
        return StackSummary(stack: stack, tree: TreeRenderer.render(stack))
    }

    @Test func theSeedToTheDefaultsCrossesEveryBoundaryWithItsSteps() throws {
        let new = try stack("")
        let migrations = Migration.planned(old: try old(), stack: new)
        #expect(
            migrations.map(\.title) == [
                "authentik/server 2024.12.2 -> 2026.8.5", "authentik/server 2024.12.2 -> 2026.8.5", "planka/app 1.23.5 -> 2.1.0", "planka/postgres 14-alpine -> 17-alpine",
            ])
        #expect(migrations[0].steps == [.retire(service: "authentik-redis", scratch: "redis")])
        #expect(migrations[1].steps == [.stop(["authentik-server", "authentik-worker"]), .move("media", into: "data/media")])
        #expect(migrations[2].checkpoint && migrations[2].steps.count == 4)
        #expect(migrations[3].steps == [.upgradePostgres])
        let plan = Plan(from: "r1", old: try old(), new: StackSummary(stack: new, tree: TreeRenderer.render(new)), stack: new)
        #expect(
            plan.text.contains(
                """
                migrations the deploy performs (databases first, then each checkpoint and step; retirements once healthy):
                  authentik/server 2024.12.2 -> 2026.8.5
                      retire authentik-redis once healthy; keep its redis/ until the next good backup (undo: the previous release starts authentik-redis again on its kept folder)
                """), "\(plan.text)")
        #expect(plan.text.contains("      move project-background-images/ into data/protected/background-images/ (undo: data/protected/background-images/ moves back to project-background-images/)"))
    }

    @Test func aRetiredServiceOutlivesTheStartUntilTheGate() throws {
        let new = try stack("")
        let plan = Plan(from: "r1", old: try old(), new: StackSummary(stack: new, tree: TreeRenderer.render(new)), stack: new)
        #expect(plan.retired == ["authentik-redis"])
        let session = DeploySession(stack: new, runner: RecordingRunner())
        let up = { (keeping: Bool) in session.updateCommands(prune: false, keepingOrphans: keeping).first { $0.step == .up }?.command.arguments ?? [] }
        #expect(up(false).suffix(4) == ["compose", "up", "-d", "--remove-orphans"] || up(false).last?.hasSuffix("up -d --remove-orphans") == true)
        #expect(!up(true).joined(separator: " ").contains("--remove-orphans"))
        let remove = MigrationCommands(remote: session.remote).removeRetired(["authentik-redis"], project: "tangram").arguments
        #expect(remove.suffix(2) == ["tangram", "authentik-redis"])
    }

    @Test func aFirstDeployAPatchAndADowngradeCrossNothing() throws {
        #expect(Migration.planned(old: nil, stack: try stack("")).isEmpty)
        let same = try stack("")
        #expect(Migration.planned(old: StackSummary(stack: same, tree: TreeRenderer.render(same)), stack: same).isEmpty)
        var config = same.config
        config.lock = VersionPins(pins: ["planka": ["app": "1.23.5", "postgres": "14-alpine"]])
        let older = try StackBuilder().build(config, environment: "production")
        #expect(Migration.planned(old: StackSummary(stack: same, tree: TreeRenderer.render(same)), stack: older).isEmpty)
        #expect(Migration.tag(of: "127.0.0.1:5000/plankanban/planka:1.23.5@sha256:ab") == "1.23.5")
    }
}
