@testable import BerthCore
import Foundation
import ServicePlugin
import Testing

/// Stateless apps that do not wait on each other roll out side by side; one that waits on another rolls out after it.
@Suite struct RolloutWavesTests {
    static let apps = """
        apps:
          front: { image: example/front, tag: "1", port: 3000, hosts: [www], health: { path: / } }
          api: { image: example/api, tag: "1", port: 3000, hosts: [api], health: { path: /health }, depends_on: [front] }
          docs: { image: example/docs, tag: "1", port: 3000, hosts: [docs], health: { path: / } }
        """
    let stack = try! Fixtures.stack(AppsFixture.config(apps))

    /// Answers each rollout after `delay`, failing the one named `failing`, and notes how many ran at once.
    final class SlowRunner: CommandRunner, @unchecked Sendable {
        let lock = NSLock()
        var running = 0, most = 0
        var finished: [String] = []
        let failing: String?
        init(failing: String? = nil) { self.failing = failing }

        func run(_ command: ShellCommand, timeout: Double?) async throws -> CommandResult {
            // Over SSH the script and its arguments are one line: `sh -c '…' berth /opt/services SERVICE …`.
            let arguments = (command.argv.last?.value ?? "").components(separatedBy: "' berth ").last ?? ""
            let service = arguments.split(separator: " ").dropFirst().first.map(String.init) ?? ""
            lock.withLock {
                running += 1
                most = max(most, running)
            }
            try await Task.sleep(nanoseconds: 200_000_000)
            lock.withLock {
                running -= 1
                finished.append(service)
            }
            return CommandResult(status: service == failing ? 1 : 0, stderr: service == failing ? "never became healthy" : "")
        }

        func attach(_ command: ShellCommand, standardInput: Bool) async throws -> Int32 { 0 }
    }

    @Test func independentAppsFormOneWaveAndADependentOneTheNext() throws {
        let rollouts = Rollout.services(stack, timeout: 60)
        #expect(Set(rollouts.map(\.service)) == ["front", "api", "docs"])
        let waves = Rollout.waves(rollouts, stack: stack).map { $0.map(\.service).sorted() }
        #expect(waves == [["docs", "front"], ["api"]])
        // Without the app it waits on among them, `api` rolls out with the rest.
        #expect(Rollout.waves(rollouts.filter { $0.service != "front" }, stack: stack).map { $0.map(\.service).sorted() } == [["api", "docs"]])
    }

    @Test func aWaveRollsOutSideBySide() async throws {
        let runner = SlowRunner()
        try await DeploySession(stack: stack, runner: runner).rollOut(Rollout.services(stack, timeout: 60))
        #expect(runner.most == 2)
        #expect(runner.finished.last == "api")
    }

    @Test func aFailedRolloutFailsOnlyOnceItsWaveHasEnded() async throws {
        let runner = SlowRunner(failing: "front")
        await #expect(throws: (any Error).self) { try await DeploySession(stack: stack, runner: runner).rollOut(Rollout.services(stack, timeout: 60)) }
        // `docs` finished beside the failed `front`; `api`, which waits on it, never started.
        #expect(runner.finished.sorted() == ["docs", "front"])
    }
}
