import Foundation
import ServicePlugin

/// `berth backup run`: before-hooks, the dumps, the engine's snapshot, then the after-hooks, always.
public struct BackupRunner: Sendable {
    public let stack: Stack
    public let runner: any CommandRunner
    public let remote: Remote
    public let progress: any ProgressReporter
    /// Seconds one dump or snapshot may take.
    public var stepTimeout: Double = 6 * 3600

    public init(stack: Stack, runner: any CommandRunner, progress: any ProgressReporter = SilentProgress()) {
        self.stack = stack
        self.runner = runner
        self.progress = progress
        remote = Remote(stack.environment)
    }

    /// The stack's backup engine and the module that provides it; a usage error when none is enabled.
    public func engine() throws -> (module: StackModule, engine: any BackupTool) {
        guard let found = stack.backupTool else {
            throw BerthError.usage("no enabled module provides a backup engine (enable kopia, or another module that provides backup-tool)")
        }
        return found
    }

    /// Runs the backup of the named modules (all when empty); the snapshot always covers every source.
    ///
    /// `release` is the live release the snapshot is tagged with, when the caller read it (the lock does);
    /// nil reads it from the target.
    public func run(_ names: [String] = [], release known: String?? = nil) async throws -> [BackupStep] {
        let modules = try stack.selectModules(names)
        // Without an engine (a stack sharing another's proxy, say) the dumps alone are the backup.
        let found = stack.hasDumps ? stack.backupTool : try engine()
        var release = known
        if release == nil { release = try? await ReleaseStore(remote: remote, runner: runner).current() }
        var steps: [BackupStep] = []
        let hooks = modules.flatMap { module in module.backup.hooks.map { (module.id, $0) } }
        for (plugin, hook) in hooks where hook.phase == .before {
            steps.append(await self.hook(hook, plugin: plugin))
        }
        // A failed before-hook (say, writers not paused) makes the dumps untrustworthy: skip to the after-hooks.
        if steps.allSatisfy(\.ok) {
            if let swarm = stack.environment.swarm {
                steps += await swarmDumpsAndSnapshots(modules, settings: swarm, engine: found, release: release ?? nil)
            } else {
                for module in modules {
                    for dump in module.backup.dumps { steps.append(await self.dump(dump, plugin: module.id)) }
                }
                if let (engineModule, engine) = found { steps.append(await snapshot(engine, plugin: engineModule.id, release: release ?? nil)) }
            }
        }
        for (plugin, hook) in hooks where hook.phase == .after {
            steps.append(await self.hook(hook, plugin: plugin))
        }
        return steps
    }

    /// One database's dump; on Swarm, `command` runs it on the node of the database's task.
    func dump(_ dump: PostgresDump, plugin: String, command: ShellCommand? = nil) async -> BackupStep {
        await timed(.dump, plugin: plugin, name: dump.database) {
            let command = command ?? DumpScript.command(dump, plugin: plugin, remote: remote, context: stack.context)
            let result = try await runner.run(command, timeout: stepTimeout)
            let path = "\(DumpScript.directory(stack.context, plugin: plugin))/\(DumpScript.fileName(dump))"
            guard result.succeeded, let size = Int64(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                let reason = DumpScript.failures[result.status] ?? "exit \(result.status)"
                return (false, nil, "\(reason)\(CheckRunner.firstLine(result.stderr)); the last good dump is kept")
            }
            return (true, size, path)
        }
    }

    /// The engine's snapshot of every source; on Swarm, `node`'s task snapshots that node's folders.
    func snapshot(_ engine: any BackupTool, plugin: String, release: String?, node: (SwarmNode, Remote)? = nil) async -> BackupStep {
        await timed(.snapshot, plugin: plugin, name: node.map { "sources@\($0.0.name)" } ?? "sources") {
            let tags = release.map { ["release": $0] } ?? [:]
            let argv = engine.snapshotCommand(tags: tags)
            let command = node.map { SwarmExec.command($0.1, stack: stack.context.name, service: engine.service, argv: argv) } ?? exec(engine.service, argv)
            let result = try await runner.run(command, timeout: stepTimeout)
            guard result.succeeded else { return (false, nil, "snapshot failed (exit \(result.status))\(CheckRunner.firstLine(result.stderr))") }
            return (true, engine.snapshotSize(from: result.stdout), release.map { "tagged release \($0)" } ?? "no release recorded yet, untagged")
        }
    }

    func hook(_ hook: BackupHook, plugin: String) async -> BackupStep {
        await timed(.hook, plugin: plugin, name: "\(hook.phase.rawValue) \(hook.name)") {
            let result = try await runner.run(exec(hook.service, hook.argv), timeout: stepTimeout)
            return (result.succeeded, nil, "`\(hook.argv.joined(separator: " "))` exited \(result.status)\(result.succeeded ? "" : CheckRunner.firstLine(result.stderr))")
        }
    }

    /// A command run in a service's container, from the deploy folder; on Swarm, in its task on the manager.
    func exec(_ service: String, _ argv: [String]) -> ShellCommand {
        if stack.environment.swarm != nil { return SwarmExec.command(remote, stack: stack.context.name, service: service, argv: argv) }
        // `docker exec` on the container compose's labels name: `docker compose exec` reads the whole project first.
        return ServiceExec.command(remote, project: stack.context.name, service: service, argv: argv, terminal: false)
    }

    func timed(_ kind: BackupStep.Kind, plugin: String, name: String, _ body: () async throws -> (Bool, Int64?, String)) async -> BackupStep {
        let label = "\(kind.rawValue) \(plugin)/\(name)"
        progress.started(label)
        let start = Date()
        let outcome: (Bool, Int64?, String)
        do { outcome = try await body() } catch { outcome = (false, nil, String(describing: error)) }
        let seconds = Date().timeIntervalSince(start)
        progress.finished(label, seconds: seconds, ok: outcome.0, note: nil)
        return BackupStep(kind: kind, module: plugin, name: name, ok: outcome.0, sizeBytes: outcome.1, durationMs: Int(seconds * 1000), message: outcome.2)
    }
}
