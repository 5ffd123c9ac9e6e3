@testable import BerthCore
import Foundation
import ServicePlugin
import Testing

/// A Swarm stack's backup run through the orchestrator: one look at the tasks, each dump on its task's node with
/// compose's dump script, each node's snapshot by that node's engine task.
@Suite struct BackupRunnerSwarmTests {
    /// The manager's answer: planka's database runs on n2; the shop app's database has no running task.
    static let facts = [
        "now\t1764612000", "node\tn1\tReady\tActive", "node\tn2\tReady\tActive", "node\tn3\tReady\tActive",
        "service\tshop_planka-postgres\t1/1\treplicated", "service\tshop_shop-postgres\t0/1\treplicated",
        "task\tshop_planka-postgres.1\tn2\tRunning 5 minutes ago\t", "task\tshop_shop-postgres.1\tn3\tStarting 2 seconds ago\t",
    ].joined(separator: "\n")

    func runner() -> RecordingRunner {
        RecordingRunner { command in
            let words = command.arguments
            if words.contains(where: { $0.contains("docker node ls") }) { return CommandResult(status: 0, stdout: Self.facts) }
            if words.contains(where: { $0.contains(".berth/current") }) { return CommandResult(status: 0, stdout: "r7\n") }
            if words.contains(where: { $0.contains("pg_dump") }) { return CommandResult(status: 0, stdout: "4096\n") }
            return CommandResult(status: 0)
        }
    }

    @Test func eachDumpRunsOnTheNodeOfItsTaskThroughTheOneDumpScript() async throws {
        let stack = try SwarmFixture.stack()
        let runner = runner()
        let backup = BackupRunner(stack: stack, runner: runner)
        let steps = try await backup.run()
        let dumps = steps.filter { $0.kind == .dump }
        #expect(dumps.map { "\($0.module)/\($0.name) \($0.ok)" } == ["planka/planka true", "shop/shop false"])
        #expect(dumps[0].message == "\(stack.context.dumpsDir)/planka/planka.dump on n2")
        #expect(dumps[1].message == "no running task of shop-postgres; the last good dump is kept")
        // One look at the cluster serves every dump.
        #expect(runner.commands.filter { $0.arguments.contains { $0.contains("docker node ls") } }.count == 1)

        let n2 = try #require(stack.environment.swarm?.node("n2"))
        let locator = stack.orchestrator.locator("planka-postgres", stack: stack, on: backup.remote.node(n2), node: "n2")
        let dump = try #require(runner.commands.first { $0.arguments.contains { $0.contains("pg_dump") } })
        let expected = backup.remote.node(n2).script(
            DumpScript.script(locator), ["/", "\(stack.context.dumpsDir)/planka", "planka.dump", "shop_planka-postgres", "planka", "planka", ""])
        #expect(dump.arguments == expected.arguments)
        #expect(dump.arguments.contains("root@10.0.0.2"))
        // The same script as compose's, but for the line that finds the container.
        #expect(DumpScript.script(locator).replacingOccurrences(of: locator.find, with: ComposeOrchestrator.findContainer) == DumpScript.text)

        // Each node with persistent data, and the manager, snapshots its own folders.
        let snapshots = steps.filter { $0.kind == .snapshot }
        #expect(snapshots.map(\.name) == ["sources@n1", "sources@n2", "sources@n3"] && snapshots.allSatisfy(\.ok))
        let (_, engine) = try #require(stack.backupTool)
        let onN2 = stack.orchestrator.locator(engine.service, stack: stack, on: backup.remote.node(n2), node: "n2")
        #expect(onN2.remote.destination == "root@10.0.0.2")
        #expect(runner.commands.contains { $0.arguments == onN2.exec(engine.snapshotCommand(tags: ["release": "r7"], exclude: stack.backupExclusions)).arguments })
    }
}
