import ArgumentParser
import BerthCore

/// `berth lock`: inspect or clear an environment's deploy lock.
struct Lock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show or release the deploy lock of an environment.", subcommands: [Status.self, Release.self])

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show who holds the lock, and since when.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var environment: EnvironmentOptions
        @Flag(help: "Print the lock as JSON.") var json = false

        func run() async throws {
            let stack = try global.stack(environment, required: true)
            let status = try await DeployLock(remote: Remote(stack.environment), runner: global.runner()).status()
            if json { return try Output.json(LockState(held: status != nil, holder: status ?? nil)) }
            Output.line(status.map { "\(stack.environment.name): locked " + DeployLock.describe($0) } ?? "\(stack.environment.name): free")
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove the lock, e.g. after a deploy was killed.",
            discussion: "When the holder died on this machine, waits first for the commands it left running (an ssh whose compose up goes on) to end.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var environment: EnvironmentOptions
        @Option(help: "Seconds to wait for what a dead holder left running.") var wait: Double = 300

        func run() async throws {
            let stack = try global.stack(environment, required: true)
            let lock = DeployLock(remote: Remote(stack.environment), runner: global.runner())
            let status = try await lock.forceRelease(wait: wait, progress: TerminalProgress())
            Output.line(status.map { "\(stack.environment.name): released the lock held " + DeployLock.describe($0) } ?? "\(stack.environment.name): was not locked")
        }
    }

    struct LockState: Encodable {
        var held: Bool
        var holder: LockInfo?
    }
}
