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
        for (moduleID, hook) in hooks where hook.phase == .before {
            steps.append(await self.hook(hook, module: moduleID))
        }
        // A failed before-hook (say, writers not paused) makes the dumps untrustworthy: skip to the after-hooks.
        if steps.allSatisfy(\.ok) {
            steps += await dumps(modules)
            if let (engineModule, engine) = found {
                // Where the data lies on several machines (Swarm's nodes), each snapshots its own folders.
                for (node, machine) in stack.orchestrator.snapshotMachines(stack, remote: remote) {
                    let manifest = await self.manifest(node: node, on: machine)
                    steps.append(manifest)
                    guard manifest.ok else { continue }
                    steps.append(await snapshot(engine, module: engineModule.id, release: release ?? nil, node: node, on: machine))
                }
                // The second repository gets what the first holds, once every snapshot is in: a failed one copies nothing.
                if let command = engine.copyCommand, steps.allSatisfy(\.ok), let copyTo = stack.context.backupCopyTo {
                    steps.append(await copy(command, engine: engine, module: engineModule.id, to: copyTo))
                }
            }
        }
        for (moduleID, hook) in hooks where hook.phase == .after {
            steps.append(await self.hook(hook, module: moduleID))
        }
        // Folders a migration retired were kept for a good backup: this one.
        if found != nil, steps.allSatisfy(\.ok) { _ = try? await runner.run(MigrationCommands(remote: remote).deleteRetired(), timeout: 300) }
        return steps
    }

    /// Each database's dump, where its container runs; one without a running container fails and keeps the last good dump.
    func dumps(_ modules: [StackModule]) async -> [BackupStep] {
        let services = modules.flatMap { $0.backup.dumps.map(\.service) }
        guard !services.isEmpty else { return [] }
        let locators: [String: ContainerLocator]
        do {
            locators = try await stack.orchestrator.locators(Array(Set(services)).sorted(), stack: stack, remote: remote, runner: runner)
        } catch {
            return [BackupStep(kind: .dump, module: "cluster", name: "tasks", ok: false, durationMs: 0, message: String(describing: error))]
        }
        var steps: [BackupStep] = []
        for module in modules {
            for dump in module.backup.dumps {
                guard let locator = locators[dump.service] else {
                    let message = "no running task of \(dump.service); the last good dump is kept"
                    steps.append(BackupStep(kind: .dump, module: module.id, name: dump.database, ok: false, durationMs: 0, message: message))
                    continue
                }
                var step = await self.dump(dump, module: module.id, locator: locator)
                if step.ok, let node = locator.node { step.message += " on \(node)" }
                steps.append(step)
            }
        }
        return steps
    }

    /// One database's dump, run where `locator` finds its container.
    func dump(_ dump: PostgresDump, module moduleID: String, locator: ContainerLocator) async -> BackupStep {
        await timed(.dump, module: moduleID, name: dump.database) {
            let result = try await runner.run(DumpScript.command(dump, module: moduleID, locator: locator, context: stack.context), timeout: stepTimeout)
            let path = "\(DumpScript.directory(stack.context, module: moduleID))/\(DumpScript.fileName(dump))"
            guard result.succeeded, let size = Int64(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                let reason = DumpScript.failures[result.status] ?? "exit \(result.status)"
                return (false, nil, "\(reason)\(CheckRunner.firstLine(result.stderr)); the last good dump is kept")
            }
            return (true, size, path)
        }
    }

    /// Every data file's checksum on `machine`, into the dumps folder the snapshot then takes.
    func manifest(node: String?, on machine: Remote) async -> BackupStep {
        await timed(.manifest, module: "berth", name: node.map { "files@\($0)" } ?? "files") {
            let result = try await runner.run(machine.script(FileManifest.script, FileManifest.arguments(stack)), timeout: stepTimeout)
            guard result.succeeded else { return (false, nil, "\(FileManifest.failures[result.status] ?? "exit \(result.status)")\(CheckRunner.firstLine(result.stderr))") }
            return (true, nil, FileManifest.path(stack.context))
        }
    }

    /// The engine's snapshot of the sources on `machine`; `node` names it when there are several.
    func snapshot(_ engine: any BackupTool, module moduleID: String, release: String?, node: String?, on machine: Remote) async -> BackupStep {
        await timed(.snapshot, module: moduleID, name: node.map { "sources@\($0)" } ?? "sources") {
            let tags = release.map { ["release": $0] } ?? [:]
            let command = stack.orchestrator.locator(engine.service, stack: stack, on: machine, node: node).exec(engine.snapshotCommand(tags: tags, exclude: stack.backupExclusions))
            let result = try await runner.run(command, timeout: stepTimeout)
            guard result.succeeded else { return (false, nil, "snapshot failed (exit \(result.status))\(CheckRunner.firstLine(result.stderr))") }
            return (true, engine.snapshotSize(from: result.stdout), release.map { "tagged release \($0)" } ?? "no release recorded yet, untagged")
        }
    }

    /// The engine's copy of its snapshots to `backup_copy_to:`; its failure fails the backup.
    func copy(_ command: [String], engine: any BackupTool, module moduleID: String, to repository: BackupRepository) async -> BackupStep {
        await timed(.copy, module: moduleID, name: "backup_copy_to") {
            let result = try await runner.run(exec(engine.service, command), timeout: stepTimeout)
            return (result.succeeded, nil, result.succeeded ? "copied to \(repository)" : "copy to \(repository) failed (exit \(result.status))\(CheckRunner.firstLine(result.stderr))")
        }
    }

    func hook(_ hook: BackupHook, module moduleID: String) async -> BackupStep {
        await timed(.hook, module: moduleID, name: "\(hook.phase.rawValue) \(hook.name)") {
            let result = try await runner.run(exec(hook.service, hook.argv), timeout: stepTimeout)
            return (result.succeeded, nil, "`\(hook.argv.joined(separator: " "))` exited \(result.status)\(result.succeeded ? "" : CheckRunner.firstLine(result.stderr))")
        }
    }

    /// A command run in a service's container on the target (on Swarm, in its task on the manager).
    func exec(_ service: String, _ argv: [String]) -> ShellCommand {
        stack.orchestrator.locator(service, stack: stack, on: remote, node: nil).exec(argv)
    }

    func timed(_ kind: BackupStep.Kind, module moduleID: String, name: String, _ body: () async throws -> (Bool, Int64?, String)) async -> BackupStep {
        let label = "\(kind.rawValue) \(moduleID)/\(name)"
        progress.started(label)
        let start = Date()
        let outcome: (Bool, Int64?, String)
        do { outcome = try await body() } catch { outcome = (false, nil, String(describing: error)) }
        let seconds = Date().timeIntervalSince(start)
        progress.finished(label, seconds: seconds, ok: outcome.0, note: nil)
        return BackupStep(kind: kind, module: moduleID, name: name, ok: outcome.0, sizeBytes: outcome.1, durationMs: Int(seconds * 1000), message: outcome.2)
    }
}
