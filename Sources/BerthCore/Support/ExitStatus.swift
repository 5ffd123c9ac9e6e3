/// Berth's exit codes, by name: what scripts and CI may rely on.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Done; everything checked passed.
    case success = 0
    /// A check ran and failed, or the machine did not cooperate.
    case failure = 1
    /// Bad usage or a bad config: nothing was run or written.
    case usage = 2
    /// With `--detailed-exitcode`: there are changes (`plan`) or updates (`update check`).
    case changes = 3
}
