import Foundation
import ServicePlugin

/// Prints every command before it runs, secrets masked, then runs it with the wrapped runner (`--verbose`).
public struct VerboseRunner: CommandRunner {
    public let wrapped: any CommandRunner
    public let print: @Sendable (String) -> Void

    public init(_ wrapped: any CommandRunner, print: @escaping @Sendable (String) -> Void = VerboseRunner.standardError) {
        self.wrapped = wrapped
        self.print = print
    }

    public func run(_ command: ShellCommand, timeout: Double?) async throws -> CommandResult {
        print(Transcript.line(command))
        let result = try await wrapped.run(command, timeout: timeout)
        if !result.succeeded { print("  exit \(result.status)") }
        return result
    }

    public func attach(_ command: ShellCommand, standardInput: Bool) async throws -> Int32 {
        print(Transcript.line(command))
        let status = try await wrapped.attach(command, standardInput: standardInput)
        if status != 0 { print("  exit \(status)") }
        return status
    }

    /// Writes one line to standard error, where it does not mix with `--json` output.
    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
