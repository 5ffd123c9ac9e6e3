import Foundation
import ServicePlugin

extension Recoverer {
    /// The target's state: nil for an empty one, a half-done recovery's state to resume; a refusal for one that holds
    /// a stack or data, or a recovery of another snapshot.
    func survey(_ commands: RecoveryCommands, wanted: String?) async throws -> RecoveryState? {
        let result = try await runner.run(commands.survey(), timeout: 60)
        guard result.succeeded else { throw BerthError.failed("reading \(remote.name) failed (exit \(result.status))\(CheckRunner.firstLine(result.stderr))") }
        var state: RecoveryState?
        var containers = 0
        var busy: [String] = []
        for line in result.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "state": state = try? JSONDecoder().decode(RecoveryState.self, from: Data(parts[1].utf8))
            case "containers": containers = Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
            case "busy": busy.append(parts[1])
            default: break
            }
        }
        if let state {
            if let wanted, !state.snapshot.hasPrefix(wanted) {
                throw BerthError.usage("\(remote.name) holds a recovery of snapshot \(state.snapshot) half done: run berth recover again without --snapshot, or with that one")
            }
            return state
        }
        guard containers == 0, busy.isEmpty else {
            let what = (containers > 0 ? ["\(containers) containers of project \(stack.context.name)"] : []) + busy.map { "\($0) is not empty" }
            throw BerthError.usage(
                "refusing to recover onto \(remote.name): it already holds the stack (\(what.joined(separator: "; "))); recover onto an empty server, or --to another; nothing was written")
        }
        return nil
    }

    /// One recovery at a time per target: a lock folder beside the deploy folder, which exists before the tree does.
    func holdingLock(_ body: () async throws -> Void) async throws {
        let lock = remote.root + ".recover-lock"
        let taken = try await runner.run(remote.script(#"mkdir -p "$(dirname "$1")" && mkdir "$1" 2>/dev/null"#, [lock]), timeout: 60)
        guard taken.succeeded else {
            throw BerthError.failed("another berth recover runs on \(remote.name) (or one was killed: remove \(lock) there once none runs)")
        }
        do {
            try await body()
        } catch {
            _ = try? await runner.run(remote.script(#"rmdir "$1""#, [lock]), timeout: 60)
            throw error
        }
        _ = try? await runner.run(remote.script(#"rmdir "$1""#, [lock]), timeout: 60)
    }

    /// Step 2: the snapshot into `.recovering` folders beside the sources, straight from the repository; then moved into place.
    func restore(_ commands: RecoveryCommands, snapshot: EngineSnapshot, environment: [(String, String)], state: inout RecoveryState) async throws {
        guard let argv = commands.engine.recoverCommand(snapshot: snapshot) else { throw BerthError.usage("the engine cannot restore a whole snapshot") }
        try await runner.check(commands.prepare(), timeout: 600, what: "making the folders to restore into")
        let restored = try await runner.run(commands.engineRun(argv, suffix: ".recovering", environment: environment), timeout: stepTimeout)
        guard restored.succeeded else {
            _ = try? await runner.run(commands.discard(), timeout: 600)
            throw Self.repositoryError(restored)
        }
        state.done = 2
        let swapped = try await runner.run(commands.swapIn(state: state), timeout: 600)
        guard swapped.succeeded else {
            _ = try? await runner.run(commands.discard(), timeout: 600)
            throw BerthError.failed("moving the restored folders into place failed\(CheckRunner.firstLine(swapped.stderr))")
        }
    }

    /// Step 4: each database started empty and filled from its dump; on a failure they are removed again.
    func databases(_ rebuild: StackRebuild) async throws {
        let dumps = rebuild.stack.modules.flatMap { module in module.backup.dumps.map { (module.id, $0) } }
        try await runner.check(rebuild.makeFolders(), timeout: 60, what: "making the databases' and scratch folders on \(remote.name)")
        for (moduleID, dump) in dumps {
            let file = "\(DumpScript.directory(rebuild.stack.context, module: moduleID))/\(DumpScript.fileName(dump))"
            progress.note("databases", "restoring \(moduleID)/\(dump.database) from \(file)")
            let result = try await runner.run(rebuild.restoreDump(dump, file: file), timeout: stepTimeout)
            guard result.succeeded else {
                // The databases go as the step found them: no container, no folder.
                _ = try? await runner.run(rebuild.removeServices(dumps.map(\.1.service)), timeout: 600)
                _ = try? await runner.run(rebuild.removeFolders(rebuild.stack.backupExclusions), timeout: 600)
                let reason = StackRebuild.dumpFailures[result.status] ?? "exit \(result.status)"
                let said = result.stderr.split(separator: "\n").last.map { ": \($0.prefix(300))" } ?? ""
                throw BerthError.failed("\(moduleID)/\(dump.database): \(reason)\(said)")
            }
        }
    }

    /// Step 5: the whole stack, held to the deploy's health gate; on a failure all but the databases are removed again.
    func start(_ rebuild: StackRebuild) async throws {
        let stack = rebuild.stack
        do {
            try await runner.check(rebuild.startStack(), timeout: 1800, what: "starting the stack")
            try await HealthGate(remote: rebuild.remote, project: stack.context.name, runner: runner, progress: progress, orchestrator: stack.orchestrator)
                .wait(for: stack.serviceNames, timeout: healthTimeout)
        } catch {
            let databases = Set(stack.modules.flatMap { $0.backup.dumps.map(\.service) })
            _ = try? await runner.run(rebuild.removeServices(stack.serviceNames.filter { !databases.contains($0) }), timeout: 600)
            throw error
        }
    }

    /// Step 6: every module's checks, as `berth check --direct` runs them; a proxy finds its routes a few seconds
    /// after the containers start, so failing checks are asked again, as the deploy's gate does, until the health timeout.
    func check(_ stack: Stack) async throws {
        let deadline = Date().addingTimeInterval(healthTimeout)
        let checks = CheckRunner(stack: stack, runner: runner, options: CheckOptions(direct: true))
        while true {
            let failures = try await checks.run().filter { $0.status == .fail }
            if failures.isEmpty { return }
            let failing = failures.map { "\($0.module)/\($0.check): \($0.message)" }.joined(separator: "; ")
            guard Date() < deadline else { throw BerthError.failed("checks failing: " + failing) }
            progress.note("checks", "waiting for " + failing)
            try await Task.sleep(nanoseconds: 2_000_000_000)
        }
    }

    /// Step 7: a release like the recovered one, by `berth recover`; the target is then an environment like any other.
    func recordRelease(_ commands: RecoveryCommands, record: ReleaseRecord, snapshot: String) async throws -> String {
        let stamp = DeployStamp.now()
        var recovered = record
        recovered.release.id = stamp.releaseID
        recovered.release.time = stamp.time
        recovered.release.deployedBy = stamp.owner
        recovered.release.recoveredFrom = RecoveredFrom(snapshot: snapshot, release: record.release.id)
        try await ReleaseStore(remote: remote, runner: runner).save(recovered)
        try await runner.check(commands.clearState(), timeout: 60, what: "ending the recovery")
        return stamp.releaseID
    }

    func advance(_ commands: RecoveryCommands, _ state: inout RecoveryState, to step: Int) async throws {
        state.done = step
        try await runner.check(commands.saveState(state), timeout: 60, what: "recording the recovery's progress")
    }
}
