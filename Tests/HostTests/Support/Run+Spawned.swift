import Foundation

extension Run {
    /// `command` by `/bin/sh -c`, its output in a file, waited for with `waitpid` itself, for scripts that leave
    /// servers running (the cluster's engines, the off-site stores).
    ///
    /// Once, Foundation's `Process.waitUntilExit` never returned after such a script (the shell was a zombie nobody
    /// reaped), so this path avoids pipes and run loops. The child starts with no signal blocked: a test thread blocks
    /// SIGTERM, and a server started with that mask could not be stopped by it.
    static func spawned(_ command: String) throws -> Run {
        let log = NSTemporaryDirectory() + "berth-spawned-\(UUID().uuidString.prefix(8)).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        var pid: pid_t = 0
        let words: [String] = ["/bin/sh", "-c", "exec \(command) >\(log) 2>&1 </dev/null"]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        guard posix_spawn(&pid, "/bin/sh", nil, &attributes, argv, environ) == 0 else { throw SpawnError(command: command) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Run(status: exit, stdout: output, stderr: "")
    }

    struct SpawnError: Error, CustomStringConvertible {
        let command: String
        var description: String { "cannot start /bin/sh for \(command)" }
    }
}
