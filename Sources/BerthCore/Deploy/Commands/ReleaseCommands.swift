import Foundation
import ServicePlugin

/// Commands over Berth's records on the target: releases (with their files), `current`, pruning.
///
/// Builders only; ``ReleaseStore`` runs them and reads their output with the parsers below.
public struct ReleaseCommands: Sendable {
    public let remote: Remote
    /// How many releases keep their files.
    public static let keep = 5

    public init(remote: Remote) { self.remote = remote }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// A value as one line of JSON, for a script's standard input.
    static func jsonLine(_ value: some Encodable) -> [UInt8] {
        // Berth's own records are plain structs of strings and numbers: encoding them cannot fail.
        ((try? encoder.encode(value)).map(Array.init) ?? []) + [0x0A]
    }

    public func current() -> ShellCommand {
        remote.script(#"cat "$1/.berth/current" 2>/dev/null || true"#, [remote.root])
    }

    public func record(_ id: String) -> ShellCommand {
        remote.script(#"cat "$1/.berth/releases/$2/record.json""#, [remote.root, id])
    }

    public func list() -> ShellCommand {
        remote.script(#"cd "$1/.berth/releases" 2>/dev/null || exit 0; for d in */; do [ -f "$d/record.json" ] && cat "$d/record.json" && echo; done; true"#, [remote.root])
    }

    /// Makes release `$2` of deploy folder `$1` the live one, renamed in whole: a record's save and a rollback's gate share it.
    static let makeCurrent = #"printf '%s\n' "$2" > "$1/.berth/current.new" && mv "$1/.berth/current.new" "$1/.berth/current""#

    static let saveScript = """
        set -e
        r="$1/.berth/releases/$2"
        mkdir -p "$r/tree"
        rsync -a --delete --exclude=.env --exclude='*\(LiveFile.suffix)' --exclude=/.berth/ "$1/" "$r/tree/"
        cat > "$r/record.json"
        \(makeCurrent)
        ls -1 "$1/.berth/releases" | sort | head -n -"$3" | while read -r old; do rm -rf "$1/.berth/releases/$old"; done
        [ "$4" != release-lock ] || rm -rf "$1/.berth/lock"
        """

    /// Copies the deployed tree into the release's folder, writes its record, makes it current and prunes old ones;
    /// with `releasingLock`, lets go of the deploy lock in the same round trip.
    public func save(_ record: ReleaseRecord, releasingLock: Bool) -> ShellCommand {
        let arguments = [remote.root, record.release.id, String(Self.keep), releasingLock ? "release-lock" : "keep-lock"]
        return remote.script(Self.saveScript, arguments, input: Self.jsonLine(record))
    }

    static let saveFailedScript = """
        set -e
        r="$1/.berth/releases/$2"
        mkdir -p "$r"
        cat > "$r/record.json"
        ls -1 "$1/.berth/releases" | sort | head -n -"$3" | while read -r old; do rm -rf "$1/.berth/releases/$old"; done
        """

    /// Records a deploy that failed: no files, and `current` left alone.
    public func saveFailed(_ record: ReleaseRecord) -> ShellCommand {
        remote.script(Self.saveFailedScript, [remote.root, record.release.id, String(Self.keep)], input: Self.jsonLine(record))
    }

    static let restoreScript = """
        set -e
        r="$1/.berth/releases/$2/tree"
        [ -d "$r" ] || { echo "release $2 has no files on this machine" >&2; exit 3; }
        rsync -a --delete --exclude=.env --exclude='*\(LiveFile.suffix)' --exclude=/.berth/ "$r/" "$1/"
        """

    /// Puts a recorded release's files back in place (never `.env`); ``markCurrent(_:releasingLock:)`` makes it
    /// current once it runs, so that a rollback cut short never leaves a release marked live that is not.
    public func restore(_ id: String) -> ShellCommand {
        remote.script(Self.restoreScript, [remote.root, id])
    }

    static let markCurrentScript = """
        set -e
        \(makeCurrent)
        [ "$3" != release-lock ] || rm -rf "$1/.berth/lock"
        """

    /// Makes a release that passed its health gate the live one; with `releasingLock`, lets go of the deploy lock in the same round trip.
    public func markCurrent(_ id: String, releasingLock: Bool) -> ShellCommand {
        remote.script(Self.markCurrentScript, [remote.root, id, releasingLock ? "release-lock" : "keep-lock"])
    }

    public static func parseCurrent(_ stdout: String) -> String? {
        stdout.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
    }

    public static func parseRecord(_ stdout: String) -> ReleaseRecord? {
        try? JSONDecoder().decode(ReleaseRecord.self, from: Data(stdout.utf8))
    }

    /// Every release in the listing, oldest first.
    public static func parseList(_ stdout: String) -> [Release] {
        stdout.split(separator: "\n").compactMap { try? JSONDecoder().decode(ReleaseRecord.self, from: Data($0.utf8)).release }
            .sorted { $0.id < $1.id }
    }
}
