import Foundation
import ServicePlugin

/// The attached child signals are passed on to; 0 when none runs. Read by the signal handler only.
nonisolated(unsafe) private var attachedChild: pid_t = 0
/// The last signal passed on, for the watchdog; written by the signal handler only.
nonisolated(unsafe) private var forwardedSignal: Int32 = 0

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
        process.environment = ChildMark.environment
        process.standardInput = standardInput ? FileHandle.standardInput : FileHandle.nullDevice
        process.standardOutput = FileHandle.standardOutput
        process.standardError = FileHandle.standardError
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        // At a terminal the child becomes its foreground job; until then, setting its modes must not stop it.
        let terminal = standardInput && isatty(STDIN_FILENO) == 1
        do {
            try Self.start(process, blocking: terminal ? [SIGTTOU, SIGTTIN] : [])
        } catch {
            throw BerthError.io("cannot start \(program): \(error.localizedDescription)")
        }
        let owner = terminal ? Self.handTerminal(STDIN_FILENO, to: process.processIdentifier) : 0
        defer { if terminal { Self.handTerminal(STDIN_FILENO, back: owner) } }
        // A plain handler that only calls kill(2), which is safe in a signal handler; handlers
        // (unlike ignored signals) never reach the child, which gets the defaults at exec.
        attachedChild = process.processIdentifier
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { number in
            if attachedChild > 0 { kill(attachedChild, number) }
            forwardedSignal = number
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        for number in Self.forwardedSignals { sigaction(number, &action, nil) }
        defer {
            for number in Self.forwardedSignals { signal(number, SIG_DFL) }
            attachedChild = 0
        }
        Self.watchdog(process, finished: finished)
        _ = await Self.wait(finished, timeout: nil, process: process)
        // Stopped by a signal Berth passed on: Berth's status is that signal's, as a shell reports it.
        if forwardedSignal != 0 { return 128 + forwardedSignal }
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    /// An SSH client in a shared connection waits for its next message before it acts on a signal:
    /// a child still running a second after a signal was passed on is killed.
    static func watchdog(_ process: Process, finished: DispatchSemaphore) {
        let pid = process.processIdentifier
        forwardedSignal = 0
        DispatchQueue.global().async {
            var since: Date?
            while process.isRunning {
                if forwardedSignal != 0 {
                    since = since ?? Date()
                    if Date().timeIntervalSince(since!) > 1 { kill(pid, SIGKILL) }
                }
                usleep(100_000)
            }
        }
    }
}
