import Foundation
import ServicePlugin

/// The deploy lock's commands, as values: an atomic `mkdir` of `.berth/lock` on the target.
///
/// Nothing here runs anything; ``DeployLock`` runs these and reads their output with the parsers below.
public struct LockCommands: Sendable {
    public let remote: Remote

    public init(remote: Remote) { self.remote = remote }

    /// Seconds taking or letting go of the lock waits for a command that holds ``Remote/busyFile``.
    public static let busyWait = 120

    /// Waits (up to `$2` seconds) until no command holds the busy file; where flock is missing nothing holds it.
    static let waitIdle = #"idle() { ! command -v flock >/dev/null || flock -x -w "$2" "$1/.berth/busy" true; }"#

    static let acquireScript = """
        mkdir -p "$1/.berth" || exit 4
        \(waitIdle)
        idle "$@" || { echo BUSY; exit 0; }
        if mkdir "$1/.berth/lock" 2>/dev/null; then
          cat > "$1/.berth/lock/owner"; echo ACQUIRED
          c=$(cat "$1/.berth/current" 2>/dev/null) && [ -n "$c" ] && cat "$1/.berth/releases/$c/record.json" 2>/dev/null
        else
          cat "$1/.berth/lock/owner" 2>/dev/null; echo; echo HELD
        fi
        true
        """

    /// Takes the lock once (creating the deploy folder), writing `info` as its owner; reads the live release's record in the same round trip.
    public func acquire(_ info: LockInfo) -> ShellCommand {
        remote.script(Self.acquireScript, [remote.root, String(Self.busyWait)], input: ReleaseCommands.jsonLine(info))
    }

    /// Prints `FREE`, or the owner file.
    public func status() -> ShellCommand {
        remote.script(#"[ -d "$1/.berth/lock" ] || { echo FREE; exit 0; }; cat "$1/.berth/lock/owner" 2>/dev/null; echo"#, [remote.root])
    }

    static let releaseScript = """
        \(waitIdle)
        idle "$@" || { echo "a command holding $1/.berth/busy still runs after $2 s" >&2; exit 5; }
        rm -rf "$1/.berth/lock"
        """

    /// Lets go of the lock once no command holds the busy file (``Remote/busyFile``).
    public func release() -> ShellCommand {
        remote.script(Self.releaseScript, [remote.root, String(Self.busyWait)])
    }

    /// What ``acquire(_:)`` printed: taken (with the live release, if any), held (with its owner, if readable), or
    /// busy (a command that changes the stack still runs).
    public static func parseAcquire(_ stdout: String) -> DeployLock.Outcome {
        if stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "BUSY" { return .busy }
        if let marker = stdout.range(of: "ACQUIRED\n") ?? stdout.range(of: "ACQUIRED") {
            let rest = stdout[marker.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
            return .acquired(current: rest.isEmpty ? nil : try? JSONDecoder().decode(ReleaseRecord.self, from: Data(rest.utf8)))
        }
        return .held(parseOwner(stdout))
    }

    /// What ``status()`` printed: `.none` when free, `.some(owner)` when held (`.some(nil)` without a readable owner).
    public static func parseStatus(_ stdout: String) -> LockInfo?? {
        if stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "FREE" { return .none }
        return .some(parseOwner(stdout))
    }

    static func parseOwner(_ text: String) -> LockInfo? {
        text.split(separator: "\n").lazy.compactMap { try? JSONDecoder().decode(LockInfo.self, from: Data($0.utf8)) }.first
    }
}
