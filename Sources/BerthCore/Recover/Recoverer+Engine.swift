import Foundation
import ServicePlugin

extension Recoverer {
    /// The engine module, its engine and its rendered service; a usage error when the stack has none that can recover.
    func engineParts() throws -> (module: StackModule, engine: any BackupTool, service: ComposeService) {
        guard let (module, engine) = stack.backupTool else {
            throw BerthError.usage("no enabled module provides a backup engine: there is no snapshot to recover from")
        }
        guard !engine.sourceFolders.isEmpty, let service = module.fragment.services.first(where: { $0.name == engine.service }), service.image != nil else {
            throw BerthError.usage("\(module.id) cannot restore a whole snapshot: berth recover needs restic")
        }
        return (module, engine, service)
    }

    /// The engine container's variables, with each `.env` value read from this machine's `secrets:`: the target's
    /// `.env` is what is being recovered. A usage error names every required key that no `secrets:` entry gives.
    func engineEnvironment(_ service: ComposeService, module: String) throws -> [(String, String)] {
        let (values, missing) = secrets.environment(service.environment, module: module)
        guard missing.isEmpty else {
            throw BerthError.usage(
                "berth recover reads the repository's keys from this machine's secrets:, not from the server it rebuilds; add "
                    + missing.map { "\($0): { command: \"…\" }" }.joined(separator: ", ") + " under secrets: in berth.yaml")
        }
        return values
    }

    /// Lists the snapshots and reads the chosen one's release record, in the engine's container on the target.
    func read(_ commands: RecoveryCommands, environment: [(String, String)], wanted: String?) async throws -> (EngineSnapshot, ReleaseRecord) {
        try await runner.check(commands.pullEngine(), timeout: 600, what: "pulling \(commands.service.image?.description ?? "the engine's image") on \(remote.name)")
        let listed = try await runner.run(commands.engineRun(commands.engine.listCommand, environment: environment), timeout: 300)
        guard listed.succeeded else { throw Self.repositoryError(listed) }
        let snapshots = try commands.engine.snapshots(from: listed.stdout)
        let snapshot: EngineSnapshot
        if let wanted {
            let matching = snapshots.filter { $0.id.hasPrefix(wanted) }
            guard matching.count == 1, let only = matching.first else {
                throw BerthError.usage(
                    matching.isEmpty
                        ? "no snapshot \(wanted) in the repository (it holds \(snapshots.count)); nothing was written to the target"
                        : "\(wanted) names \(matching.count) snapshots: give more of the id")
            }
            snapshot = only
        } else {
            guard let latest = snapshots.last else { throw BerthError.failed("the repository holds no snapshot; nothing was written to the target") }
            snapshot = latest
        }
        guard let release = snapshot.tags["release"], release != "none",
            let services = commands.engine.sourceFolders.first(where: { $0.host == stack.context.servicesDir })
        else {
            throw BerthError.usage("snapshot \(snapshot.id) records no release: take one after a deploy (berth backup run) to recover from")
        }
        let file = "\(services.container)/.berth/releases/\(release)/record.json"
        guard let read = commands.engine.readCommand(snapshot: snapshot, file: file) else { throw BerthError.usage("the engine cannot read a snapshot's file") }
        let result = try await runner.run(commands.engineRun(read, environment: environment), timeout: 300)
        guard result.succeeded else { throw Self.repositoryError(result) }
        guard let record = ReleaseCommands.parseRecord(result.stdout) else {
            throw BerthError.failed("snapshot \(snapshot.id) holds no readable record of release \(release)")
        }
        return (snapshot, record)
    }

    /// What the engine said, as the error it is: a wrong password is bad input (exit 2), an unreachable store a failure.
    static func repositoryError(_ result: CommandResult) -> BerthError {
        let text = result.stderr
        if text.localizedCaseInsensitiveContains("wrong password") {
            return .usage("the repository password from secrets: does not open the repository (\(CheckRunner.firstLine(text).dropFirst(2))); nothing was written to the target")
        }
        return .failed("the repository could not be read (exit \(result.status))\(CheckRunner.firstLine(text)); nothing was written to the target")
    }
}
