import Foundation
import ServicePlugin

/// `berth backup restore`: stop a module's app containers, restore its databases beside the live ones, swap, start again.
///
/// Each dump is restored into a new database (`<db>_berth_restore`); only when that succeeds are the
/// names swapped in one transaction, keeping the previous data as `<db>_before_restore`. A restore
/// that fails leaves the live database as it was.
public struct DumpRestorer: Sendable {
    public let backup: BackupRunner

    public init(backup: BackupRunner) { self.backup = backup }

    static let script = """
        set -u
        root=$1 file=$2 service=$3 user=$4 db=$5
        cd "$root" 2>/dev/null || { echo "no deploy folder $root" >&2; exit 3; }
        [ -s "$file" ] || { echo "no dump at $file" >&2; exit 20; }
        new=${db}_berth_restore old=${db}_before_restore
        q() { docker compose exec -T "$service" psql -U "$user" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
        q -c "DROP DATABASE IF EXISTS \\"$new\\"" -c "CREATE DATABASE \\"$new\\" OWNER \\"$user\\"" || exit 30
        if ! docker compose exec -T "$service" pg_restore -U "$user" -d "$new" --no-owner --no-privileges --exit-on-error < "$file"; then
          q -c "DROP DATABASE IF EXISTS \\"$new\\"" >/dev/null 2>&1; exit 23
        fi
        q -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$db' AND pid <> pg_backend_pid()" >/dev/null
        q -c "DROP DATABASE IF EXISTS \\"$old\\"" || exit 31
        # One statement string is one transaction: the live name is never left empty.
        q -c "ALTER DATABASE \\"$db\\" RENAME TO \\"$old\\"; ALTER DATABASE \\"$new\\" RENAME TO \\"$db\\"" || exit 31
        """

    static let failures: [Int32: String] = [
        3: "the deploy folder is missing",
        20: "no dump to restore",
        23: "pg_restore failed; the live database is unchanged",
        30: "cannot create the database to restore into",
        31: "cannot swap the restored database in; the live database is unchanged",
    ]

    /// The module's services that are not the databases it dumps: stopped during the restore.
    public static func appServices(of module: StackModule) -> [String] {
        let databases = Set(module.backup.dumps.map(\.service))
        return module.fragment.services.map(\.name).filter { !databases.contains($0) }
    }

    /// Swaps a restored folder in: the live one is kept as `<path>.before_restore`, and put back if the swap fails.
    static let swapScript = """
        src=$1 dst=$2
        [ -d "$src" ] || { echo "the snapshot holds nothing at $dst" >&2; exit 40; }
        rm -rf "$dst.before_restore"
        if [ -e "$dst" ]; then mv "$dst" "$dst.before_restore" || exit 41; fi
        mv "$src" "$dst" || { [ ! -e "$dst.before_restore" ] || mv "$dst.before_restore" "$dst"; exit 41; }
        # The engine made the restored folder itself (as root): it gets the owner and mode the live one had.
        [ ! -e "$dst.before_restore" ] || { chown --reference="$dst.before_restore" "$dst" && chmod --reference="$dst.before_restore" "$dst"; } || true
        """

    /// Restores every dump of `plugin` (from `dumpFile` when the module has exactly one), and with `snapshot`
    /// its data folders and dumps as that snapshot holds them; then starts the module again and checks it.
    public func run(module moduleID: String, dumpFile: String? = nil, snapshot: String? = nil, checks: CheckOptions = CheckOptions(direct: true), timeout: Double = 300) async throws -> [BackupStep] {
        try backup.stack.requireContainers(
            "berth backup restore", instead: "a database is restored on its node: scale its service to 0, pg_restore there into a fresh data folder, scale it back")
        guard let module = try backup.stack.selectModules([moduleID]).first else { return [] }
        guard !module.backup.dumps.isEmpty || snapshot != nil else { throw BerthError.usage("\(moduleID) declares no database dump to restore") }
        if dumpFile != nil && module.backup.dumps.count > 1 { throw BerthError.usage("--dump names one file, but \(moduleID) has \(module.backup.dumps.count) databases") }
        if let dumpFile, !dumpFile.hasPrefix("/") { throw BerthError.usage("--dump must be an absolute path on the server, got '\(dumpFile)'") }
        let (engineModule, engine) = try backup.engine()
        if snapshot != nil, engine.restoreFolder == nil { throw BerthError.usage("\(engineModule.id) cannot restore from a snapshot; restore the dump with --dump") }
        // The snapshot is found before anything stops: a mistyped id changes nothing.
        var chosen: (snapshot: EngineSnapshot, listing: [EngineSnapshot])?
        if let snapshot {
            let listing = try await BackupCatalog.read(backup).snapshots
            guard let found = listing.first(where: { $0.id == snapshot }) ?? listing.first(where: { $0.id.hasPrefix(snapshot) }) else {
                throw BerthError.usage("no snapshot \(snapshot) in \(engineModule.id)'s repository (see berth backup list)")
            }
            chosen = (found, listing)
        }
        let apps = Self.appServices(of: module)
        var steps = [await step("stop", module: moduleID, name: apps.joined(separator: ","), ["stop"] + apps)]
        if steps.allSatisfy(\.ok), let chosen, dumpFile == nil, !module.backup.dumps.isEmpty {
            // The dumps as the snapshot holds them, so the database and the files come from one moment.
            steps.append(await files(DumpScript.directory(backup.stack.context, module: moduleID), from: chosen, engine: engine, module: moduleID, swap: false))
        }
        if steps.allSatisfy(\.ok) {
            for dump in module.backup.dumps {
                let directory = DumpScript.directory(backup.stack.context, module: moduleID)
                let file = dumpFile ?? (snapshot != nil ? engine.restoreFolder! + directory : directory) + "/" + DumpScript.fileName(dump)
                steps.append(await database(dump, file: file, module: moduleID))
            }
        }
        if steps.allSatisfy(\.ok), let chosen {
            for path in module.backup.include { steps.append(await files(path, from: chosen, engine: engine, module: moduleID, swap: true)) }
        }
        if steps.allSatisfy(\.ok), chosen != nil {
            for copy in module.backup.copies { steps.append(await putBack(copy, module: moduleID)) }
        }
        // The app comes back whether or not the restore worked: a failed restore left the old data in place.
        steps.append(await step("start", module: moduleID, name: apps.joined(separator: ","), ["start"] + apps))
        steps.append(
            await backup.timed(.restore, module: moduleID, name: "checks") {
                try await HealthGate(remote: backup.remote, project: backup.stack.context.name, runner: backup.runner).wait(for: module.fragment.services.map(\.name), timeout: timeout)
                // The deploy gate's subset: whether backups are fresh is about time, not about the restored data.
                var gate = checks
                gate.deployGate = true
                let results = try await CheckRunner(stack: backup.stack, runner: backup.runner, options: gate).run([moduleID])
                let failed = results.filter { $0.status == .fail }
                return (failed.isEmpty, nil, failed.isEmpty ? "\(results.count) checks pass" : failed.map { "\($0.check): \($0.message)" }.joined(separator: "; "))
            })
        return steps
    }

    func database(_ dump: PostgresDump, file: String, module moduleID: String) async -> BackupStep {
        await backup.timed(.restore, module: moduleID, name: dump.database) {
            let command = backup.remote.script(Self.script, [backup.remote.root, file, dump.service, dump.user, dump.database])
            let result = try await backup.runner.run(command, timeout: backup.stepTimeout)
            guard result.succeeded else { return (false, nil, "\(Self.failures[result.status] ?? "exit \(result.status)")\(CheckRunner.firstLine(result.stderr)) (\(file))") }
            return (true, nil, "restored \(file); the previous data is kept as \(dump.database)_before_restore")
        }
    }

    /// Has the engine restore host folder `path` from `snapshot` into its restore folder, then (with `swap`) moves it into place.
    func files(_ path: String, from chosen: (snapshot: EngineSnapshot, listing: [EngineSnapshot]), engine: any BackupTool, module moduleID: String, swap: Bool) async -> BackupStep {
        let snapshot = chosen.snapshot.id
        return await backup.timed(.restore, module: moduleID, name: path) {
            guard let folder = engine.restoreFolder, let command = engine.restoreCommand(snapshot: chosen.snapshot, listing: chosen.listing, path: path) else {
                return (false, nil, "snapshot \(snapshot) has nothing the engine can restore for \(path)")
            }
            let staged = folder + path
            try await backup.runner.check(backup.remote.script(#"rm -rf "$1""#, [staged]), timeout: 300, what: "clearing \(staged)")
            let restored = try await backup.runner.run(backup.exec(engine.service, command), timeout: backup.stepTimeout)
            guard restored.succeeded else { return (false, nil, "`\(command.joined(separator: " "))` exited \(restored.status)\(CheckRunner.firstLine(restored.stderr))") }
            guard swap else { return (true, nil, "restored to \(staged)") }
            let moved = try await backup.runner.run(backup.remote.script(Self.swapScript, [staged, path]), timeout: 600)
            guard moved.succeeded else { return (false, nil, "cannot move the restored \(path) into place\(CheckRunner.firstLine(moved.stderr))") }
            return (true, nil, "restored \(path) from snapshot \(snapshot); the previous files are kept as \(path).before_restore")
        }
    }

    func step(_ verb: String, module moduleID: String, name: String, _ arguments: [String]) async -> BackupStep {
        await backup.timed(.restore, module: moduleID, name: "\(verb) \(name)") {
            let command = backup.remote.command([.plain("docker"), "compose"] + arguments.map(ShellCommand.Argument.plain), in: backup.remote.root)
            let result = try await backup.runner.run(command, timeout: 300)
            return (result.succeeded, nil, "docker compose \(verb) exited \(result.status)\(result.succeeded ? "" : CheckRunner.firstLine(result.stderr))")
        }
    }
}
