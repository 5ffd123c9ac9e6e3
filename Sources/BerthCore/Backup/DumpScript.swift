import ServicePlugin

/// The server-side script that dumps one database: streamed to a `.partial` file, checked, fsynced, renamed.
///
/// The data never passes through Berth: `pg_dump` writes into a file on the server, so a dump
/// of any size costs Berth no memory. A failed or empty dump is removed and the last good one
/// stays in place, byte for byte.
enum DumpScript {
    /// Exit codes of the script, each with what it means.
    static let failures: [Int32: String] = [
        3: "the deploy folder or the dumps folder is missing",
        10: "pg_dump failed",
        11: "pg_dump wrote nothing",
        12: "pg_restore --list rejects the dump",
        13: "the dump could not be moved into place",
        15: "counting the dump's rows failed",
        14: "no running container of the database's service (on Swarm: on the node of its task; it moved, or that engine does not answer)",
    ]

    /// The script, with the locator's line setting `$id` to the database's container.
    ///
    /// `docker exec` on the container, not `docker compose exec`, which reads the whole project first
    /// (0.1 to 0.2 s a call, twice a dump). The variable names are the locator's (`service`, `project`).
    static func script(_ locator: ContainerLocator) -> String { script(find: locator.find) }

    private static func script(find: String) -> String {
        """
        set -u
        umask 077
        root=$1 dir=$2 name=$3 service=$4 user=$5 db=$6 project=${7:-}
        cd "$root" 2>/dev/null || { echo "no deploy folder $root" >&2; exit 3; }
        mkdir -p "$dir" || exit 3
        \(find); [ -n "$id" ] || exit 14
        final=$dir/$name partial=$dir/$name.partial
        rm -f "$partial"
        if ! docker exec "$id" pg_dump -U "$user" -Fc "$db" > "$partial"; then
          rm -f "$partial"; exit 10
        fi
        if [ ! -s "$partial" ]; then rm -f "$partial"; exit 11; fi
        if ! docker exec -i "$id" pg_restore --list < "$partial" > /dev/null; then
          rm -f "$partial"; exit 12
        fi
        # Each table's rows as the dump holds them, beside it: what a recovery and `backup verify --full` must find.
        if ! docker exec -i "$id" pg_restore --data-only -f - < "$partial" | awk \(rowCounter) > "$partial.rows"; then
          rm -f "$partial" "$partial.rows"; exit 15
        fi
        sync "$partial" "$partial.rows" && mv -f "$partial.rows" "$final.rows" && mv -f "$partial" "$final" && sync "$dir" || exit 13
        stat -c %s "$final"
        """
    }

    /// awk over `pg_restore --data-only` output: `schema.table<TAB>rows` per `COPY … FROM stdin;` block, as
    /// ``RestoreDrill/countsSQL`` prints a database's; text COPY escapes line breaks, so each row is one line.
    static let rowCounter = #"'/^COPY .* FROM stdin;$/ { t = $2; gsub(/"/, "", t); n = 0; on = 1; next } on && $0 == "\\." { print t "\t" n; on = 0; next } on { n++ }'"#

    /// The script as `backup.sh` runs it on a compose target: `$7` is the project, the container found by compose's labels.
    static let text = script(find: ComposeOrchestrator.findContainer)

    /// The folder that holds one module's dumps.
    static func directory(_ context: StackContext, module moduleID: String) -> String {
        "\(context.dumpsDir)/\(moduleID)"
    }

    /// The file name of one database's dump.
    static func fileName(_ dump: PostgresDump) -> String {
        "\(dump.database).dump"
    }

    /// The dump, run where `locator` finds the database's container (the target, or the node of its Swarm task).
    static func command(_ dump: PostgresDump, module moduleID: String, locator: ContainerLocator, context: StackContext) -> ShellCommand {
        locator.remote.script(
            script(locator), [locator.root, directory(context, module: moduleID), fileName(dump), locator.service, dump.user, dump.database, locator.project])
    }
}
