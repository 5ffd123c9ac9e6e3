@testable import BerthCore
import ServicePlugin
import Testing

/// What a local command inherits from Berth: no blocked signal, whatever thread started it.
@Suite struct ProcessRunnerSignalTests {
    @Test func aChildStartsWithNoSignalBlocked() async throws {
        // grep, started directly, reports the mask it inherited (a shell would show the one it sets itself).
        let result = try await ProcessRunner().run(ShellCommand(["grep", "^SigBlk:", "/proc/self/status"]), timeout: 10)
        #expect(result.stdout == "SigBlk:\t0000000000000000\n", "\(result.stdout)")
    }

    /// A `file:` target's preflight runs its probe beside it this way. `sh` waits with the mask it inherited:
    /// with SIGCHLD blocked there, its `wait` never returned.
    @Test func aShellWaitsForItsBackgroundJob() async throws {
        let result = try await ProcessRunner().run(ShellCommand(["sh", "-c", "sleep 0.2 & wait; echo done"]), timeout: 10)
        #expect(result.stdout == "done\n" && result.succeeded)
    }
}
