import ArgumentParser
import BerthCore
import Foundation

/// `berth logs`: the environment's container logs, interleaved and prefixed, streamed as they come.
struct Logs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the log lines of the environment's containers, each prefixed with its container.",
        discussion: "Names are modules (all their services) or services; none means every service. Exit 2 for an unknown name."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var environment: EnvironmentOptions
    @Argument(help: "Modules or services (default: all).") var names: [String] = []
    @Flag(name: .shortAndLong, help: "Keep printing new lines until interrupted.") var follow = false
    @Option(help: "Only lines since then: a duration (10m, 1h30m), an RFC 3339 time or a Unix timestamp.") var since: String?
    @Option(help: "Only the last N lines of each container.") var tail: Int?

    func validate() throws {
        if let since, !LogOptions.isValidSince(since) {
            throw ValidationError("--since must be a duration (10m, 1h30m), an RFC 3339 time or a Unix timestamp, got '\(since)'")
        }
        if let tail { try ArgumentRules.count(tail, "--tail", 0...1_000_000) }
    }

    func run() async throws {
        let options = LogOptions(follow: follow, since: since, tail: tail)
        let (stack, names) = try global.stack(environment, self.names)
        let status = try await StackLogs.stream(stack, names: names, options: options, runner: global.runner())
        if status != 0 { throw ExitCode(status) }
    }
}
