import Foundation

extension ProcessRunner {
    /// Starts `process` with no signal blocked: a child inherits the blocked signals of the thread that
    /// spawns it, and Foundation's `Process` does not clear them.
    ///
    /// Dispatch's worker threads (and a test runner's) block nearly every signal. A `sh` started with
    /// SIGCHLD blocked never learns that a background job ended, so its `wait` never returns; a
    /// `timeout` started with SIGTERM blocked cannot stop what it runs.
    static func start(_ process: Process) throws {
        var empty = sigset_t()
        var saved = sigset_t()
        sigemptyset(&empty)
        pthread_sigmask(SIG_SETMASK, &empty, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        try process.run()
    }
}
