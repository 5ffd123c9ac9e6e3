import ArgumentParser
import BerthCore
import Foundation

/// The `berth` command: render, validate and manage a self-hosted compose stack.
public struct Berth: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "berth",
        abstract: "Render, validate and run a self-hosted Docker Compose stack from typed service modules.",
        discussion: EnvironmentOptions.rule + " -c/--config and -v/--verbose may come before the subcommand or after it.",
        version: "\(BuildInfo.version) (commit \(BuildInfo.commit))",
        subcommands: [
            Render.self, Validate.self, Deploy.self, Check.self, Status.self, Probe.self, Backup.self, Update.self, PlanCommand.self, Rollback.self, Releases.self,
            Ps.self, Logs.self, Exec.self, Lock.self, Env.self, Modules.self, Schema.self, Init.self, CI.self, Adopt.self, Db.self, Recover.self, Remove.self, PluginsAlias.self,
        ]
    )

    public init() {}

    /// Runs the command line and returns the process exit code; every error becomes a message here.
    public static func run(arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(GlobalOptions.afterSubcommand(arguments, of: Berth.self))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return ExitStatus.success.rawValue
        } catch {
            return ErrorReporter.report(error)
        }
    }
}
