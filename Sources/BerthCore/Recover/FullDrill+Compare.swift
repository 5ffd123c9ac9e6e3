import Foundation
import ServicePlugin

extension FullDrill {
    /// Renders the drill's own files over the restored tree (its `.env` files stay: rsync never touches them).
    func writeTree(_ drill: Stack) async throws -> String {
        let tree = TreeRenderer.render(drill)
        let workspace = NSTemporaryDirectory() + "berth-drill-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        try TreeWriter(destination: workspace, durable: false).write(tree)
        let remote = Remote(drill.environment)
        try await backup.runner.check(remote.sync(from: workspace, to: remote.root), timeout: 600, what: "writing the drill's files")
        return "\(tree.files.count) files for project \(drill.context.name), no published port"
    }

    /// Each restored database's tables against the rows its dump held (`<dump>.rows`, written with the dump).
    func compareRows(_ drill: Stack) async throws -> String {
        let remote = Remote(drill.environment)
        var tables = 0, rows = 0
        for module in drill.modules {
            for dump in module.backup.dumps {
                let file = "\(DumpScript.directory(drill.context, module: module.id))/\(DumpScript.fileName(dump)).rows"
                let result = try await backup.runner.run(
                    remote.script(Self.countScript, [remote.root, file, dump.service, dump.user, dump.database, RestoreDrill.countsSQL, drill.context.name]), timeout: backup.stepTimeout)
                guard result.succeeded else { throw BerthError.failed("\(module.id)/\(dump.database): counting rows failed\(CheckRunner.firstLine(result.stderr))") }
                let (recorded, restored) = RestoreDrill.counts(result.stdout)
                let differences = recorded.differences(from: restored) { table, held, found in
                    "\(table): \(found.map(String.init) ?? "missing") rows, the dump \(held.map(String.init) ?? "none")"
                }
                guard differences.isEmpty else { throw BerthError.failed("\(module.id)/\(dump.database) differs from its dump: " + differences.joined(separator: ", ")) }
                tables += restored.count
                rows += restored.values.reduce(0, +)
            }
        }
        return "\(tables) tables, \(rows) rows, as their dumps hold them"
    }

    static let countScript = """
        set -u
        root=$1 rows=$2 service=$3 user=$4 db=$5 sql=$6 project=$7
        cd "$root" || exit 3
        [ -f "$rows" ] || { echo "no row counts at $rows: the snapshot was taken before Berth wrote them" >&2; exit 20; }
        echo "== live"; cat "$rows"
        echo "== restored"
        docker compose -p "$project" exec -T "$service" psql -U "$user" -d "$db" -AtF '\t' -v ON_ERROR_STOP=1 -c "$sql"
        """

    /// Every restored data file's checksum against the manifest the backup wrote right before the snapshot.
    func compareFiles(_ drill: Stack) async throws -> String {
        let remote = Remote(drill.environment)
        let found = drill.context.scratchRoot + "/files.sha256"
        let manifest = try await backup.runner.run(remote.script(FileManifest.script, FileManifest.arguments(drill, out: found)), timeout: backup.stepTimeout)
        guard manifest.succeeded else { throw BerthError.failed("reading the restored files failed\(CheckRunner.firstLine(manifest.stderr))") }
        let recorded = FileManifest.path(drill.context)
        let both = try await backup.runner.run(
            remote.script(#"[ -f "$1" ] || { echo "no file checksums at $1: the snapshot was taken before Berth wrote them" >&2; exit 20; }; cat "$1"; echo ==; cat "$2""#, [recorded, found]),
            timeout: 600)
        guard both.succeeded else { throw BerthError.failed(CheckRunner.firstLine(both.stderr).dropFirst(2).description) }
        let parts = both.stdout.components(separatedBy: "\n==\n")
        let differences = FileManifest.differences(recorded: FileManifest.read(parts[0]), found: FileManifest.read(parts.count > 1 ? parts[1] : ""))
        guard differences.isEmpty else {
            throw BerthError.failed("\(differences.count) data files differ from the backup's record: " + differences.prefix(10).joined(separator: ", "))
        }
        return "\(FileManifest.read(parts[0]).count) data files, each as the backup read it"
    }
}
