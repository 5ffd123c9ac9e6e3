import Foundation
import ServicePlugin

/// `berth backup verify`: restores each latest dump into a throwaway PostgreSQL and compares it with the live one.
public struct RestoreDrill: Sendable {
    public let backup: BackupRunner

    public init(backup: BackupRunner) { self.backup = backup }

    /// Row counts per table, read the same way from the live database and the throwaway one.
    static let countsSQL = """
        SELECT table_schema || '.' || table_name,
               (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text
        FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
        ORDER BY 1
        """

    /// The drill on the server: a container from the live database's image, without network, removed on exit.
    static let script = """
        set -u
        root=$1 file=$2 service=$3 user=$4 db=$5 sql=$6
        cd "$root" 2>/dev/null || { echo "no deploy folder $root" >&2; exit 3; }
        [ -s "$file" ] || { echo "no dump at $file" >&2; exit 20; }
        live=$(docker compose ps -q "$service")
        [ -n "$live" ] || { echo "$service is not running" >&2; exit 21; }
        image=$(docker inspect -f '{{.Config.Image}}' "$live") || exit 21
        name=berth-drill-$(date +%s)-$$
        trap 'docker rm -f "$name" >/dev/null 2>&1' EXIT
        docker run -d --name "$name" --network none -e POSTGRES_USER="$user" -e POSTGRES_DB="$db" \\
          -e POSTGRES_HOST_AUTH_METHOD=trust "$image" >/dev/null || exit 22
        i=0
        until docker exec "$name" pg_isready -U "$user" -d "$db" -q 2>/dev/null; do
          i=$((i + 1)); [ "$i" -lt 120 ] || { echo "the throwaway database did not start" >&2; exit 22; }; sleep 0.5
        done
        docker exec -i "$name" pg_restore -U "$user" -d "$db" --no-owner --no-privileges --exit-on-error < "$file" || exit 23
        echo "== live"
        docker compose exec -T "$service" psql -U "$user" -d "$db" -AtF '	' -v ON_ERROR_STOP=1 -c "$sql" || exit 24
        echo "== restored"
        docker exec "$name" psql -U "$user" -d "$db" -AtF '	' -v ON_ERROR_STOP=1 -c "$sql" || exit 24
        """

    static let failures: [Int32: String] = [
        3: "the deploy folder is missing",
        20: "no dump to restore",
        21: "the live database is not running",
        22: "the throwaway database did not start",
        23: "pg_restore failed",
        24: "counting rows failed",
    ]

    /// One step per dump of the named modules, then one for the engine's own verification.
    public func run(_ names: [String] = []) async throws -> [BackupStep] {
        try backup.stack.requireContainers("berth backup verify", instead: "the drill's scratch database would need a node of its own; run it against a one-server copy")
        let modules = try backup.stack.selectModules(names)
        let (engineModule, engine) = try backup.engine()
        var steps: [BackupStep] = []
        for module in modules {
            for dump in module.backup.dumps { steps.append(await drill(dump, module: module.id)) }
        }
        if let verify = engine.verifyCommand {
            steps.append(
                await backup.timed(.verify, module: engineModule.id, name: "snapshots") {
                    let result = try await backup.runner.run(backup.exec(engine.service, verify), timeout: backup.stepTimeout)
                    return (
                        result.succeeded, nil,
                        result.succeeded ? "`\(verify.joined(separator: " "))` passed" : "`\(verify.joined(separator: " "))` exited \(result.status)\(CheckRunner.firstLine(result.stderr))"
                    )
                })
        }
        // A drill that passed is recorded on the target for `berth status`; one that did not leaves the last good record.
        if !steps.isEmpty, steps.allSatisfy(\.ok) {
            do {
                try await DrillRecord(time: Date(), drilled: steps.map { "\($0.module)/\($0.name)" }).write(backup.remote, runner: backup.runner)
            } catch {
                steps.append(BackupStep(kind: .verify, module: "berth", name: "record", ok: false, durationMs: 0, message: "the drill passed but could not be recorded: \(error)"))
            }
        }
        return steps
    }

    func drill(_ dump: PostgresDump, module moduleID: String) async -> BackupStep {
        await backup.timed(.verify, module: moduleID, name: dump.database) {
            let file = "\(DumpScript.directory(backup.stack.context, module: moduleID))/\(DumpScript.fileName(dump))"
            let command = backup.remote.script(Self.script, [backup.remote.root, file, dump.service, dump.user, dump.database, Self.countsSQL])
            let result = try await backup.runner.run(command, timeout: backup.stepTimeout)
            guard result.succeeded else {
                return (false, nil, "\(Self.failures[result.status] ?? "exit \(result.status)")\(CheckRunner.firstLine(result.stderr)) (\(file))")
            }
            let (live, restored) = Self.counts(result.stdout)
            let differences = Self.differences(live: live, restored: restored)
            guard differences.isEmpty else { return (false, nil, "restored \(file) differs from the live database: " + differences.joined(separator: ", ")) }
            let rows = restored.values.reduce(0, +)
            return (true, nil, "restored \(file): \(restored.count) tables, \(rows) rows, as live")
        }
    }

    /// The two count tables of the script's output.
    static func counts(_ output: String) -> (live: [String: Int], restored: [String: Int]) {
        var live: [String: Int] = [:], restored: [String: Int] = [:]
        var section = ""
        for line in output.split(separator: "\n") {
            if line.hasPrefix("== ") {
                section = String(line.dropFirst(3))
                continue
            }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2, let count = Int(fields[1]) else { continue }
            if section == "live" { live[String(fields[0])] = count } else if section == "restored" { restored[String(fields[0])] = count }
        }
        return (live, restored)
    }

    /// Each table missing on one side or with another row count, named.
    static func differences(live: [String: Int], restored: [String: Int]) -> [String] {
        live.differences(from: restored) { table, live, restored in
            guard let live else { return "\(table) is not in the live database" }
            guard let restored else { return "\(table) is missing" }
            return "\(table) has \(restored) rows, live \(live)"
        }
    }
}
