import ArgumentParser
import BerthCore
import Foundation

/// `berth remove`: take an environment's stack down, keeping its data unless `--purge`.
struct Remove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take an environment down: its containers, networks, crontab line and release records; its data stays unless --purge.",
        discussion: """
            Holds the deploy lock. Steps: detach the stateless apps from the proxy's live network; stop and remove the \
            containers and networks (on Swarm: docker stack rm, until its networks are gone, then the node labels the \
            config set); take the backup line out of the crontab; delete the release records. The data folders, the dumps \
            and the .env files stay: `berth deploy ENV` brings the same stack back. --purge also deletes the named volumes, \
            the data and scratch folders, the dumps and the deploy folder with its .env files, and lists each; it asks for \
            the environment's name on the terminal, and refuses without one unless --yes. Refused (exit 2) while an \
            environment that shares this one's proxy is deployed.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var environment: EnvironmentOptions
    @Flag(help: "Also delete the data folders, named volumes, dumps and the deploy folder with its .env files.") var purge = false
    @Flag(help: "With --purge: do not ask for the environment's name.") var yes = false
    @Option(help: "Seconds to wait for a deploy that holds the deploy lock.") var lockWait: Double = 0
    @Flag(help: "Print the report of what was removed as JSON.") var json = false

    func validate() throws { try ArgumentRules.wait(lockWait, "--lock-wait") }

    func run() async throws {
        let stack = try global.stack(environment, required: true)
        let name = stack.environment.name
        var remover = Remover(stack: stack, runner: global.runner(), progress: TerminalProgress())
        remover.lockWait = lockWait
        let target = remover.commands.remote.name
        var report = RemovalReport(environment: name, target: target, purged: purge)
        let deleting = remover.commands.purgeSummary
        if !purge { report.kept = deleting }
        do {
            try await remover.run(purge: purge, report: &report) { if purge && !yes { try confirm(name, deleting: deleting, on: target) } }
        } catch {
            if json { try Output.json(report) }
            throw error
        }
        if json { return try Output.json(report) }
        report.lines.forEach(Output.line)
    }

    /// Asks for the environment's name on the terminal; with no terminal there is nobody to ask, so it refuses.
    func confirm(_ name: String, deleting: [String], on target: String) throws {
        guard isatty(STDIN_FILENO) == 1 else {
            throw BerthError.usage("refusing to purge \(name) without --yes: there is no terminal to confirm on")
        }
        Output.error("This deletes \(name)'s data on \(target) for good:\n" + deleting.map { "  \($0)\n" }.joined() + "Type '\(name)' to go on:")
        guard readLine()?.trimmingCharacters(in: .whitespaces) == name else { throw BerthError.usage("remove --purge of \(name) cancelled") }
    }
}
