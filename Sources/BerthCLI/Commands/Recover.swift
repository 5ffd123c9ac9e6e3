import ArgumentParser
import BerthCore
import Foundation

/// `berth recover`: an environment rebuilt on an empty server from its backups.
struct Recover: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild an environment on an empty server from a snapshot of its backup engine, step by step, with the time each took.",
        discussion: """
            Reads the repository with the password and keys of this machine's secrets: (the server's copy is what was lost), \
            on the target, in a one-off container of the engine's image: the snapshot never passes through this machine. Refuses \
            a target that already holds the stack. Steps: 1 read the snapshot and its release record; 2 restore the data \
            folders, the deploy tree and the .env files; 3 pull the recorded image digests; 4 start the databases empty and \
            restore each dump; 5 start the stack and pass the health gate; 6 run the checks; 7 record a release "recovered \
            from snapshot ID". A failed step leaves the target as it found it; running the command again resumes after the \
            last step done. Exit 2 for a wrong password, an unknown snapshot or a target that is not empty; 1 for a failed step.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var environment: EnvironmentOptions
    @Option(help: "The snapshot to recover (an id or its first characters; default: the latest).") var snapshot: String?
    @Option(help: "Another server to recover onto: ssh://[user@]host[:port], the deploy folder kept.") var to: String?
    @Option(help: "Seconds the health gate waits.") var timeout: Double = 600
    @Flag(help: "Print the report as JSON.") var json = false

    func validate() throws { try ArgumentRules.seconds(timeout, "--timeout") }

    func run() async throws {
        let config = try global.load()
        let name = try environment.name(config, required: true)
        let stack = try StackBuilder().build(to.map { try config.recovering(name, onto: $0) } ?? config, environment: name)
        try stack.requireContainers("berth recover", instead: "recover onto one server, then move to the cluster with a deploy")
        let secrets = try await SecretResolver(runner: global.runner()).resolve(stack.config.secrets(for: name))
        var recoverer = Recoverer(stack: stack, runner: global.runner(), secrets: secrets, progress: TerminalProgress())
        recoverer.healthTimeout = timeout
        var report = RecoveryReport(environment: name, target: Remote(stack.environment).name)
        do {
            try await recoverer.run(snapshot: snapshot, report: &report)
        } catch {
            if json { try Output.json(report) }
            throw error
        }
        if json { return try Output.json(report) }
        report.lines.forEach(Output.line)
    }
}
