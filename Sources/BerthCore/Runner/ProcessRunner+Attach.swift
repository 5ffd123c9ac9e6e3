import Foundation
import ServicePlugin

extension ProcessRunner {
    /// Signals a person or a supervisor sends to stop `berth logs --follow` or `berth exec`: passed on to the child.
    static let forwardedSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// Runs the command with this process's standard output and error (and input when asked), so its
    /// output streams and a terminal reaches it; signals sent to Berth are passed on to it.
    public func attach(_ command: ShellCommand, standardInput: Bool) async throws -> Int32 {
        guard let program = command.arguments.first else { throw BerthError.io("empty command") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program.contains("/") ? program : try Self.locate(program))
        process.arguments = Array(command.arguments.dropFirst())
        if let directory = command.workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = standardInput ? FileHandle.standardInput : FileHandle.nullDevice
        process.standardOutput = FileHandle.standardOutput
        process.standardError = FileHandle.standardError
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw BerthError.io("cannot start \(program): \(error.localizedDescription)")
        }
        // Installed only once the child runs, so it never inherits an ignored signal.
        let sources = Self.forwardedSignals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { kill(process.processIdentifier, number) }
            source.resume()
            return source
        }
        defer {
            for (source, number) in zip(sources, Self.forwardedSignals) {
                source.cancel()
                signal(number, SIG_DFL)
            }
        }
        _ = await Self.wait(finished, timeout: nil, process: process)
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }
}
