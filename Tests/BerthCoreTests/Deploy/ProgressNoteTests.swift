@testable import BerthCore
import Foundation
import ServicePlugin
import Testing

/// The words inside long steps: which image is pulled and how big, which service the gate waits on and for how long.
@Suite struct ProgressNoteTests {
    /// The transcript tests' stamp with a workspace of its own: those tests run beside these.
    static let stamp = DeployStamp(
        releaseID: TranscriptTarget.stamp.releaseID, time: TranscriptTarget.stamp.time, owner: TranscriptTarget.stamp.owner, pid: TranscriptTarget.stamp.pid,
        workspace: NSTemporaryDirectory() + "berth-progress-\(UUID().uuidString)")

    final class Notes: ProgressReporter, @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        var all: [String] { lock.withLock { lines } }
        func started(_ step: String) {}
        func finished(_ step: String, seconds: Double, ok: Bool, note: String?) {}
        func note(_ step: String, _ message: String) { lock.withLock { lines.append("\(step): \(message)") } }
    }

    @Test func theFirstDeployNamesTheImageItPullsWithItsSize() async throws {
        let target = TranscriptTarget()
        let notes = Notes()
        let runner = RecordingRunner { command in
            let line = command.arguments.joined(separator: " ")
            if line.contains("docker image inspect --format '{{.Id}}'") { return CommandResult(status: 0, stdout: "example/board:1.0\n") }
            if line.contains("docker pull -q") { return CommandResult(status: 0, stdout: "123456789\n") }
            return target.answer(command)
        }
        let deployer = Deployer(stack: try TranscriptTarget.stack(), runner: runner, options: DeployOptions(timeout: 5, stamp: Self.stamp), progress: notes)
        _ = try await deployer.deploy()
        #expect(notes.all.contains("update: pulling example/board:1.0"))
        #expect(notes.all.contains { $0.hasPrefix("update: pulled example/board:1.0 (123.5 MB) in ") })
        let pull = try #require(runner.commands.first { $0.arguments.joined(separator: " ").contains("docker pull -q") })
        #expect(pull.arguments.last == "example/board:1.0")
    }

    @Test func theGateNamesTheServiceItWaitsOnWithTheTimeWaited() async throws {
        final class Rounds: @unchecked Sendable {
            var count = 0
        }
        let rounds = Rounds()
        let notes = Notes()
        let runner = RecordingRunner { _ in
            rounds.count += 1
            let health = rounds.count < 3 ? ["board": "starting"] : [:]
            return CommandResult(status: 0, stdout: SimulatedTarget.inspect(services: ["board", "board-db"], health: health))
        }
        let remote = Remote(target: .file(path: "/srv/board"), ssh: SSHSettings(), controlDirectory: nil)
        try await HealthGate(remote: remote, project: "board", runner: runner, progress: notes).wait(for: ["board", "board-db"], timeout: 30)
        // A note every few seconds while it waits: how many depends on the machine's load, never what each says.
        #expect(notes.all.first == "health: waiting for board (running, health check starting), 0 s", "\(notes.all)")
        #expect(notes.all.allSatisfy { $0.range(of: #"^health: waiting for board \(running, health check starting\), \d+ s$"#, options: .regularExpression) != nil }, "\(notes.all)")
    }
}
