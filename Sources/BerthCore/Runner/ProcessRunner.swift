import Foundation
import ServicePlugin

/// Runs commands as child processes, looking the program up on `PATH`.
public struct ProcessRunner: CommandRunner {
    public init() {}

    public func run(_ command: ShellCommand, timeout: Double?) async throws -> CommandResult {
        let process = Process()
        guard let program = command.arguments.first else { throw BerthError.io("empty command") }
        process.executableURL = URL(fileURLWithPath: program.contains("/") ? program : try Self.locate(program))
        process.arguments = Array(command.arguments.dropFirst())
        if let directory = command.workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = ChildMark.environment
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = command.input == nil ? FileHandle.nullDevice : stdin
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        // Starting a process forks: done off the cooperative pool so concurrent checks are not held up.
        let started: Result<Void, any Error> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Result { try Self.start(process) }) }
        }
        if case .failure(let error) = started {
            throw BerthError.io("cannot start \(program): \(error.localizedDescription)")
        }
        if let input = command.input {
            let handle = stdin.fileHandleForWriting
            DispatchQueue.global().async {
                handle.write(Data(input))
                try? handle.close()
            }
        }
        // Both pipes are drained while the child runs, so it never blocks on a full pipe.
        async let out = Self.drain(stdout.fileHandleForReading)
        async let err = Self.drain(stderr.fileHandleForReading)
        let timedOut = await Self.wait(finished, timeout: timeout, process: process)
        let result = CommandResult(status: process.terminationStatus, stdout: await out, stderr: await err)
        if timedOut { throw BerthError.failed("\(command.display) did not finish within \(Int(timeout ?? 0)) s and was stopped") }
        return result
    }

    static func drain(_ handle: FileHandle) async -> String {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: String(decoding: handle.readDataToEndOfFile(), as: UTF8.self))
            }
        }
    }

    /// Waits for the child; past the timeout it is sent SIGTERM, then SIGKILL.
    static func wait(_ finished: DispatchSemaphore, timeout: Double?, process: Process) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                guard let timeout else {
                    finished.wait()
                    return continuation.resume(returning: false)
                }
                if finished.wait(timeout: .now() + timeout) == .success { return continuation.resume(returning: false) }
                process.terminate()
                if finished.wait(timeout: .now() + 3) != .success {
                    kill(process.processIdentifier, SIGKILL)
                    finished.wait()
                }
                continuation.resume(returning: true)
            }
        }
    }

    static func locate(_ program: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(directory)/\(program)") {
            return "\(directory)/\(program)"
        }
        throw BerthError.io("\(program) is not installed (not found on PATH)")
    }
}
