import ServicePlugin

/// A runner that pauses at a `run:` ``FaultPoint`` while the command it names is in flight, then hands back its result.
///
/// Installed only when the environment names a point, around the one runner that executes.
public struct PausingRunner: CommandRunner {
    public let base: any CommandRunner
    public let point: FaultPoint

    public init(_ base: any CommandRunner, at point: FaultPoint) {
        self.base = base
        self.point = point
    }

    public func run(_ command: ShellCommand, timeout: Double?) async throws -> CommandResult {
        guard point.matches(command: command.display) else { return try await base.run(command, timeout: timeout) }
        async let result = base.run(command, timeout: timeout)
        await Task.detached { point.pause() }.value
        return try await result
    }
}
