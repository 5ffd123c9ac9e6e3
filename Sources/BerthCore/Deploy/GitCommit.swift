import Foundation
import ServicePlugin

/// The git commit a config folder is at, recorded with each release.
public enum GitCommit {
    public static func revParse(_ directory: String) -> ShellCommand { ShellCommand(["git", "-C", .plain(directory), "rev-parse", "HEAD"]) }
    public static func status(_ directory: String) -> ShellCommand { ShellCommand(["git", "-C", .plain(directory), "status", "--porcelain"]) }

    /// `<sha>`, with `-dirty` when the folder has changes; nil outside git.
    public static func describe(_ directory: String, runner: any CommandRunner) async -> String? {
        guard let head = try? await runner.run(revParse(directory)), head.succeeded else { return nil }
        let status = try? await runner.run(status(directory))
        return head.stdout.trimmingCharacters(in: .whitespacesAndNewlines) + ((status?.stdout.isEmpty ?? true) ? "" : "-dirty")
    }
}
