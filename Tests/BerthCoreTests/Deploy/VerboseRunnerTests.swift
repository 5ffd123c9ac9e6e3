import BerthCore
import Foundation
import ServicePlugin
import Testing

/// `--verbose`: every command is printed before it runs, with secrets masked, and a failure's exit status after it.
@Suite struct VerboseRunnerTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []
        func append(_ line: String) { lock.withLock { stored.append(line) } }
        var all: [String] { lock.withLock { stored } }
    }

    @Test func printsEachCommandMaskedBeforeRunningIt() async throws {
        let lines = Lines()
        let inner = RecordingRunner { command in CommandResult(status: command.arguments.contains("fail") ? 3 : 0) }
        let runner = VerboseRunner(inner, print: lines.append)
        _ = try await runner.run(ShellCommand(["restic", "init", .sensitive("hunter2")], in: "/srv/x"), timeout: nil)
        _ = try await runner.run(ShellCommand(["sh", "-c", "fail"], input: [1]), timeout: nil)
        #expect(lines.all == ["$ cd /srv/x && restic init ***", "$ sh -c fail < stdin", "  exit 3"])
        #expect(inner.commands.count == 2)
        #expect(!lines.all.joined().contains("hunter2"))
    }
}
