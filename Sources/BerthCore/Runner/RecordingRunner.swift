import Foundation
import ServicePlugin

/// Records commands instead of running them: for the transcript tests and `berth deploy --dry-run` (see ``DryRun``).
///
/// Answers come from `responder`, which sees each command and returns its result;
/// by default every command succeeds with no output.
public final class RecordingRunner: CommandRunner, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [ShellCommand] = []
    private let responder: @Sendable (ShellCommand) -> CommandResult

    public init(responder: @escaping @Sendable (ShellCommand) -> CommandResult = { _ in CommandResult(status: 0) }) {
        self.responder = responder
    }

    public var commands: [ShellCommand] {
        lock.withLock { recorded }
    }

    public func run(_ command: ShellCommand, timeout: Double?) async throws -> CommandResult {
        lock.withLock { recorded.append(command) }
        return responder(command)
    }
}
