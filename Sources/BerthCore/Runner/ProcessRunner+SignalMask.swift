import Foundation

extension ProcessRunner {
    /// Starts `process` with only `blocked` signals blocked: a child inherits the blocked signals of the
    /// thread that spawns it, and Foundation's `Process` does not clear them.
    ///
    /// Dispatch's worker threads (and a test runner's) block nearly every signal. A `sh` started with
    /// SIGCHLD blocked never learns that a background job ended, so its `wait` never returns; a
    /// `timeout` started with SIGTERM blocked cannot stop what it runs.
    static func start(_ process: Process, blocking blocked: [Int32] = []) throws {
        var mask = sigset_t()
        var saved = sigset_t()
        sigemptyset(&mask)
        for number in blocked { sigaddset(&mask, number) }
        pthread_sigmask(SIG_SETMASK, &mask, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        try process.run()
    }

    /// Makes process group `group` the one terminal `descriptor` reads for and signals (Ctrl-C), as a
    /// shell does for the job it runs; returns the group that had it, for ``handTerminal(_:back:)``.
    ///
    /// `Process` starts each child in a group of its own, in the background of Berth's terminal: there,
    /// setting the terminal's modes (`ssh -t`) stops the child with SIGTTOU and reading it fails.
    static func handTerminal(_ descriptor: Int32, to group: pid_t) -> pid_t {
        let previous = tcgetpgrp(descriptor)
        // Berth itself is in the background once it has handed the terminal over: SIGTTOU would stop it.
        signal(SIGTTOU, SIG_IGN)
        tcsetpgrp(descriptor, group)
        return previous
    }

    /// Gives the terminal back to `group` (Berth's) once the child has ended.
    static func handTerminal(_ descriptor: Int32, back group: pid_t) {
        tcsetpgrp(descriptor, group)
        signal(SIGTTOU, SIG_DFL)
    }
}
