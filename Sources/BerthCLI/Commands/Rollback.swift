import ArgumentParser
import BerthCore

/// `berth rollback`: put a recorded release back, from the files kept on the target.
struct Rollback: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Restore a recorded release (default: the one before the current) and start it.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var environment: EnvironmentOptions
    @Argument(help: "The release id (see `berth releases`).") var release: String?
    @Option(help: "Seconds the health gate waits.") var timeout: Double = 120
    @Option(help: "Seconds to wait for another deploy's lock.") var lockWait: Double = 0

    func validate() throws {
        try ArgumentRules.seconds(timeout, "--timeout")
        try ArgumentRules.wait(lockWait, "--lock-wait")
    }
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let (stack, rest) = try global.stack(environment, release.map { [$0] } ?? [], required: true)
        guard rest.count <= 1 else { throw BerthError.usage("unexpected argument '\(rest[1])': berth rollback ENV [RELEASE]") }
        let result = try await Rollbacker(stack: stack, runner: global.runner(), progress: TerminalProgress())
            .rollback(to: rest.first, timeout: timeout, lockWait: lockWait)
        if json { return try Output.json(result) }
        Output.line("rolled \(stack.environment.name) back to release \(result.release)")
    }
}
