import ArgumentParser
import BerthCore
import Foundation

/// `berth check`: run the modules' health checks against a deployed environment.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the health checks of every module (or the named ones) against a deployed environment.",
        discussion: "All checks run at once, each with its own timeout. Exit 0 when all are ok (warnings count as ok unless --strict), 1 on any failure, 2 on usage errors."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var environment: EnvironmentOptions
    @Argument(help: "Modules to check (default: all).") var modules: [String] = []
    @Option(help: "Seconds each check may take.") var timeout: Double = 5
    @Flag(help: "Reach HTTP checks on the containers' own addresses instead of their public hostnames.") var direct = false
    @Flag(help: "Treat warnings as failures.") var strict = false
    @Flag(help: "Restart the containers that are unhealthy or not running, wait (up to --timeout) until they are healthy, then check again.")
    var heal = false
    @Option(help: "Run the checks again every SECONDS and print only what changed.") var watch: Double?
    @Option(help: "With --watch, stop after this many rounds.") var rounds: Int?

    func validate() throws {
        try ArgumentRules.seconds(timeout, "--timeout")
        if let watch { try ArgumentRules.seconds(watch, "--watch") }
        if let rounds { try ArgumentRules.count(rounds, "--rounds", 1...1_000_000) }
    }
    @Flag(help: "Print the results as JSON.") var json = false

    func run() async throws {
        let (stack, modules) = try global.stack(environment, self.modules)
        if heal { try stack.requireContainers("berth check --heal", instead: "the cluster restarts and reschedules tasks itself") }
        let engine = CheckRunner(stack: stack, runner: global.runner(), options: CheckOptions(timeout: timeout, direct: direct))
        if let watch { return try await self.watch(engine, modules, every: watch, notifier: try await Notifier.resolvingPasswords(stack: stack, runner: global.runner())) }
        let (first, facts) = try await engine.runWithFacts(modules)
        var results = first
        var healed: [Healer.Action] = []
        if heal {
            let healer = Healer(remote: engine.remote, runner: engine.runner, progress: TerminalProgress())
            let outcome = try await healer.healThenCheck(results, facts: facts, stack: stack, engine: engine, modules: modules, timeout: timeout)
            (results, healed) = (outcome.results, outcome.actions)
        }
        if json {
            if heal { try Output.json(Report(results: results, healed: healed)) } else { try Output.json(results) }
        } else {
            Output.line(results.table)
            for action in healed { Output.line("healed: \(action.action) \(action.service)") }
        }
        try results.exitStatus(strict: strict).exit()
    }

    /// Prints the first round in full, then only the checks whose status or message changed.
    /// A check whose status changed after the first round is also sent to the environment's notifiers.
    func watch(_ engine: CheckRunner, _ modules: [String], every seconds: Double, notifier: Notifier) async throws {
        var previous: [String: CheckResult] = [:]
        var round = 0
        while rounds.map({ round < $0 }) ?? true {
            if round > 0 { try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000)) }
            let results = try await engine.run(modules)
            let changed =
                round == 0
                ? results
                : results.filter { result in
                    let before = previous["\(result.module)/\(result.check)"]
                    return before?.status != result.status || before?.message != result.message
                }
            let stamp = ISO8601DateFormatter().string(from: Date())
            if json {
                try Output.json(Round(time: stamp, changed: changed))
            } else {
                Output.line(changed.isEmpty ? "\(stamp) no changes" : "\(stamp)\n" + changed.table)
            }
            if round > 0, let notice = CheckNotice(previous: previous, results: results, environment: notifier.stack.environment.name) {
                await notifier.send(.check, title: notice.title, message: notice.message)
            }
            previous = Dictionary(results.map { ("\($0.module)/\($0.check)", $0) }, uniquingKeysWith: { $1 })
            round += 1
        }
    }

    struct Report: Encodable {
        var results: [CheckResult]
        var healed: [Healer.Action]
    }

    struct Round: Encodable {
        var time: String
        var changed: [CheckResult]
    }
}
