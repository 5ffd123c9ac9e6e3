import Foundation

/// The last restore drill that passed, kept on the target in `.berth/drill` so `berth status` can say when it was.
public struct DrillRecord: Codable, Sendable, Equatable {
    public var time: Date
    /// What was drilled: `plugin/database` for dumps, `plugin/snapshots` for the engine's verification.
    public var drilled: [String]
    /// The seconds a full drill (`verify --full`) took to recover the snapshot and check it; nil for a dumps-only drill.
    public var recoverySeconds: Double? = nil

    public init(time: Date, drilled: [String]) {
        self.time = time
        self.drilled = drilled
    }

    /// Replaces the record in one rename; the deploy's rsync never touches `.berth/`.
    static let writeScript = """
        set -e
        mkdir -p "$1/.berth"
        printf '%s\\n' "$2" > "$1/.berth/drill.partial"
        mv -f "$1/.berth/drill.partial" "$1/.berth/drill"
        """

    static let readScript = """
        [ -f "$1/.berth/drill" ] || exit 0
        cat "$1/.berth/drill"
        """

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// Writes the record on the environment's target.
    public func write(_ remote: Remote, runner: any CommandRunner) async throws {
        let text = String(decoding: try Self.encoder.encode(self), as: UTF8.self)
        _ = try await runner.check(remote.script(Self.writeScript, [remote.root, text]), timeout: 60, what: "recording the drill on \(remote.name)")
    }

    /// The record on the target, or nil when no drill has passed there yet.
    public static func read(_ remote: Remote, runner: any CommandRunner) async throws -> DrillRecord? {
        let text = try await runner.check(remote.script(readScript, [remote.root]), timeout: 60, what: "reading the drill record on \(remote.name)").stdout
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let record = try? decoder.decode(DrillRecord.self, from: Data(text.utf8)) else {
            throw BerthError.failed("\(remote.root)/.berth/drill on \(remote.name): not a drill record")
        }
        return record
    }
}
