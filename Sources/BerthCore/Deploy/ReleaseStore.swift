import Foundation
import ServicePlugin

/// Berth's records on the target: releases (with their files, for rollback without network), `current`, the lock.
public struct ReleaseStore: Sendable {
    public let remote: Remote
    public let runner: any CommandRunner
    /// How many releases keep their files.
    public static let keep = 5

    public init(remote: Remote, runner: any CommandRunner) {
        self.remote = remote
        self.runner = runner
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The id of the release that is live, if any.
    public func current() async throws -> String? {
        let result = try await runner.check(remote.script(#"cat "$1/.berth/current" 2>/dev/null || true"#, [remote.root]), what: "reading the current release on \(remote.name)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
    }

    public func record(_ id: String) async throws -> ReleaseRecord? {
        let result = try await runner.run(remote.script(#"cat "$1/.berth/releases/$2/record.json""#, [remote.root, id]))
        guard result.succeeded else { return nil }
        return try? JSONDecoder().decode(ReleaseRecord.self, from: Data(result.stdout.utf8))
    }

    /// Every recorded release, oldest first.
    public func list() async throws -> [Release] {
        let script = #"cd "$1/.berth/releases" 2>/dev/null || exit 0; for d in */; do [ -f "$d/record.json" ] && cat "$d/record.json" && echo; done; true"#
        let result = try await runner.check(remote.script(script, [remote.root]), what: "listing releases on \(remote.name)")
        return result.stdout.split(separator: "\n").compactMap { try? JSONDecoder().decode(ReleaseRecord.self, from: Data($0.utf8)).release }
            .sorted { $0.id < $1.id }
    }

    /// Copies the deployed tree into the release's folder, writes its record, makes it current and prunes old ones;
    /// with `releasingLock`, lets go of the deploy lock in the same round trip.
    public func save(_ record: ReleaseRecord, releasingLock: Bool = false) async throws {
        let script = """
        set -e
        r="$1/.berth/releases/$2"
        mkdir -p "$r/tree"
        rsync -a --delete --exclude=.env --exclude=/.berth/ "$1/" "$r/tree/"
        cat > "$r/record.json"
        printf '%s\\n' "$2" > "$1/.berth/current.new" && mv "$1/.berth/current.new" "$1/.berth/current"
        ls -1 "$1/.berth/releases" | sort | head -n -"$3" | while read -r old; do rm -rf "$1/.berth/releases/$old"; done
        [ "$4" != release-lock ] || rm -rf "$1/.berth/lock"
        """
        let data = Array(try Self.encoder.encode(record)) + [0x0A]
        let arguments = [remote.root, record.release.id, String(Self.keep), releasingLock ? "release-lock" : "keep-lock"]
        try await runner.check(remote.script(script, arguments, input: data), what: "recording release \(record.release.id)")
    }

    /// Records a deploy that failed, marked failed: no files, and `current` is left alone.
    public func saveFailed(_ record: ReleaseRecord) async throws {
        let script = """
        set -e
        r="$1/.berth/releases/$2"
        mkdir -p "$r"
        cat > "$r/record.json"
        ls -1 "$1/.berth/releases" | sort | head -n -"$3" | while read -r old; do rm -rf "$1/.berth/releases/$old"; done
        """
        let data = Array(try Self.encoder.encode(record)) + [0x0A]
        try await runner.check(remote.script(script, [remote.root, record.release.id, String(Self.keep)], input: data), what: "recording failed release \(record.release.id)")
    }

    /// Puts a recorded release's files back in place (never `.env`) and makes it current.
    public func restore(_ id: String) async throws {
        let script = """
        set -e
        r="$1/.berth/releases/$2/tree"
        [ -d "$r" ] || { echo "release $2 has no files on this machine" >&2; exit 3; }
        rsync -a --delete --exclude=.env --exclude=/.berth/ "$r/" "$1/"
        printf '%s\\n' "$2" > "$1/.berth/current.new" && mv "$1/.berth/current.new" "$1/.berth/current"
        """
        try await runner.check(remote.script(script, [remote.root, id]), what: "restoring release \(id)")
    }
}
