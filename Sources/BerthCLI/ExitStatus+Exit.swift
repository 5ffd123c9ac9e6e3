import ArgumentParser
import BerthCore

extension ExitStatus {
    /// Ends the command with this status; success just returns.
    func exit() throws {
        if self != .success { throw ExitCode(rawValue) }
    }
}
