import ArgumentParser
import BerthCore
import Foundation
import ServicePlugin

/// The environment argument shared by deploy, plan, rollback, releases and lock.
struct EnvironmentArgument: ParsableArguments {
    @Argument(help: "The environment, as named under `environments:`.") var environment: String
}

extension GlobalOptions {
    /// The local git commit of the config's folder, with `-dirty` when it has changes; nil outside git.
    func gitCommit() async -> String? {
        let runner = ProcessRunner()
        guard let head = try? await runner.run(ShellCommand(["git", "-C", .plain(configDirectory), "rev-parse", "HEAD"])), head.succeeded else { return nil }
        let status = try? await runner.run(ShellCommand(["git", "-C", .plain(configDirectory), "status", "--porcelain"]))
        let commit = head.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return commit + ((status?.stdout.isEmpty ?? true) ? "" : "-dirty")
    }
}
