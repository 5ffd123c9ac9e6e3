import Foundation
import ServicePlugin

/// `berth backup prune`: retention (`backup_keep:`) of each repository, run where its login may delete.
///
/// A repository off the server is pruned from this machine, with PRUNE_ keys from `secrets:` that the server never
/// has: a server that is taken over can add snapshots but not delete the old ones. One on the server is pruned there.
public struct Pruner: Sendable {
    public let backup: BackupRunner
    /// This machine's `secrets:` values.
    public let secrets: [ResolvedSecret]

    public init(backup: BackupRunner, secrets: [ResolvedSecret]) {
        self.backup = backup
        self.secrets = secrets
    }

    /// One step per repository, keeping `backup_keep:` (7 daily, 4 weekly, 6 monthly when left out); a usage error,
    /// before anything runs, for a key it needs that `secrets:` does not give.
    public func run() async throws -> [BackupStep] {
        let stack = backup.stack
        let keep = stack.context.backupKeep
        let (module, engine) = try backup.engine()
        let runs = engine.pruneRuns(keep: keep)
        guard !runs.isEmpty else { throw BerthError.usage("\(module.id) cannot prune its repository from Berth: its own retention policy applies") }
        let commands = try runs.map { run in (run, try command(run, module: module.id, engine: engine)) }
        var steps: [BackupStep] = []
        for (run, command) in commands {
            steps.append(
                await backup.timed(.prune, module: module.id, name: run.repository) {
                    let result = try await backup.runner.run(command, timeout: backup.stepTimeout)
                    let place = run.place == .here ? "from this machine" : "on the server"
                    if result.status == 127 && run.place == .here {
                        return (false, nil, "\(run.program) is not installed on this machine: the prune runs here, with the admin's login")
                    }
                    return (
                        result.succeeded, nil,
                        result.succeeded ? "kept \(keep.daily) daily, \(keep.weekly) weekly, \(keep.monthly) monthly, \(place)" : "exit \(result.status)\(CheckRunner.firstLine(result.stderr))"
                    )
                })
        }
        return steps
    }

    /// The run as a command: on this machine with its variables on standard input, or in the engine's container.
    func command(_ run: PruneRun, module: String, engine: any BackupTool) throws -> ShellCommand {
        switch run.place {
        case .server:
            return backup.exec(engine.service, run.argv)
        case .here:
            let (values, missing) = secrets.environment(run.environment, module: module)
            guard missing.isEmpty else {
                throw BerthError.usage(
                    "pruning \(run.repository) needs " + missing.joined(separator: ", ")
                        + " from this machine's secrets: (a login that may delete, never put on the server); add each under secrets: in berth.yaml")
            }
            return ShellCommand(EnvironmentInput.wrapper + run.argv.map(ShellCommand.Argument.plain), input: EnvironmentInput.bytes(values))
        }
    }
}
