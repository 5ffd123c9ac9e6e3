import Foundation
import ServicePlugin

/// What a finished command returned.
public struct CommandResult: Sendable, Hashable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String = "", stderr: String = "") {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    public var succeeded: Bool { status == 0 }
}

/// The one place commands are executed: by processes, or recorded for tests and `--dry-run`.
public protocol CommandRunner: Sendable {
    /// Runs a command to completion; a non-zero exit is a result, not an error.
    /// Throws only when the command could not be started or ran past `timeout` seconds.
    func run(_ command: ShellCommand, timeout: Double?) async throws -> CommandResult

    /// Runs a command attached to this process's standard output and error, and its standard input
    /// when `standardInput` (else `/dev/null`): what the command prints streams as it comes.
    /// Returns its exit status (128 + the signal when a signal ended it).
    func attach(_ command: ShellCommand, standardInput: Bool) async throws -> Int32
}

extension CommandRunner {
    public func run(_ command: ShellCommand) async throws -> CommandResult {
        try await run(command, timeout: nil)
    }

    /// For runners that only record or simulate: runs the command to its end, then writes what it printed.
    public func attach(_ command: ShellCommand, standardInput: Bool) async throws -> Int32 {
        let result = try await run(command, timeout: nil)
        FileHandle.standardOutput.write(Data(result.stdout.utf8))
        FileHandle.standardError.write(Data(result.stderr.utf8))
        return result.status
    }

    /// Runs a command and throws a ``BerthError`` naming it (secrets hidden) when it fails.
    @discardableResult
    public func check(_ command: ShellCommand, timeout: Double? = nil, what: String? = nil) async throws -> CommandResult {
        let result = try await run(command, timeout: timeout)
        guard result.succeeded else {
            let detail = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines).suffix(2000)
            throw BerthError.failed("\(what ?? command.display) failed (exit \(result.status))" + (detail.isEmpty ? "" : ":\n\(detail)"))
        }
        return result
    }
}
