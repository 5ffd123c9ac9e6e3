import ServicePlugin

/// The commands of `berth deploy ENV --adopt NAME`, as values: the old project's databases dumped and counted,
/// its containers stopped (apps first, databases last), and, on failure, started again exactly as they were.
///
/// Builders only: ``Deployer`` runs them. The project's containers are the ones preflight listed.
public struct AdoptionSwitch: Sendable {
    public let project: String
    /// The project's containers, by name; those holding a PostgreSQL cluster are its databases.
    public let containers: [String]
    public let databases: [String]
    /// Each cluster folder with the container that serves it.
    public let databaseMounts: [String: String]
    public let remote: Remote
    /// The project's compose folder and files, to start it from again after a rollback.
    public let folder: String?
    public let files: [String]
    /// Whether a switch cut short (its ``marker(_:)`` names this project) stopped part of it: started whole first.
    public var resuming = false

    public init(project: String, containers: [EngineContainer], clusters: Set<String>, remote: Remote) {
        self.project = project
        folder = containers.lazy.compactMap(\.workingDirectory).first
        files = (containers.lazy.compactMap { $0.labels["com.docker.compose.project.config_files"] }.first ?? "").split(separator: ",").map(String.init)
        self.containers = containers.map(\.name).sorted()
        var mounts: [String: String] = [:]
        for container in containers { for mount in container.mounts where clusters.contains(mount.source) { mounts[mount.source] = container.name } }
        databaseMounts = mounts
        databases = Set(mounts.values).sorted()
        self.remote = remote
    }

    /// The project's containers that are not databases, stopped first and started last.
    public var apps: [String] { containers.filter { !databases.contains($0) } }

    /// Run inside a database's container: every table of every database it serves, with its exact row count, as
    /// `<db>.<schema>.<table> <count>` lines.
    static let countScript = """
        u=${POSTGRES_USER:-postgres}
        for db in $(psql -U "$u" -Atc "select datname from pg_database where datallowconn and not datistemplate order by 1"); do
          psql -U "$u" -d "$db" -Atc "select format('select %L || '' '' || count(*) from %I.%I;', '$db.' || schemaname || '.' || tablename, schemaname, tablename) from pg_tables where schemaname not in ('pg_catalog', 'information_schema') order by 1" | psql -U "$u" -d "$db" -At || exit 1
        done
        """

    /// `$1` the dumps folder (empty for none), `$2` ``countScript``; then pairs of a container (`name`, or
    /// `svc:<project>/<service>`) and the cluster folder it mounts: each cluster dumped whole with `pg_dumpall`, then
    /// counted. Prints `rows <folder> <db>.<schema>.<table> <count>` lines.
    static let snapshotScript = #"""
        set -eu
        dumps=$1 count=$2; shift 2
        while [ "$#" -gt 1 ]; do
          c=$1 folder=$2; shift 2
          case "$c" in svc:*) p=${c#svc:}; c=$(docker ps -q --filter "label=com.docker.compose.project=${p%%/*}" --filter "label=com.docker.compose.service=${p#*/}" | head -n1) ;; esac
          [ -n "$c" ] || { echo "no running container for $folder" >&2; exit 3; }
          if [ -n "$dumps" ]; then
            mkdir -p "$dumps"; f="$dumps/$(basename "$(dirname "$folder")")-$(basename "$folder").sql"
            docker exec "$c" sh -c 'pg_dumpall -U "${POSTGRES_USER:-postgres}"' > "$f.partial"
            grep -q 'PostgreSQL database cluster dump complete' "$f.partial" || { echo "the dump of $folder is incomplete" >&2; exit 4; }
            mv "$f.partial" "$f"
          fi
          out=$(docker exec "$c" sh -c "$count") || { echo "counting the rows of $folder failed" >&2; exit 5; }
          printf '%s\n' "$out" | sed '/^$/d' | sed "s|^|rows $folder |"
        done
        """#

    /// Dumps (into `dumps`, or not at all when nil) and counts the rows of every cluster.
    public func snapshot(_ pairs: [(container: String, folder: String)], dumps: String?) -> ShellCommand {
        remote.script(Self.snapshotScript, [dumps ?? "", Self.countScript] + pairs.flatMap { [$0.container, $0.folder] })
    }

    /// `find`'s list of every file under each folder, with sizes, as one checksum line a folder.
    public func fileLists(_ folders: [String]) -> ShellCommand {
        remote.script(#"for f in "$@"; do printf 'files %s %s\n' "$f" "$(find "$f" -type f -printf '%P %s\n' 2>/dev/null | LC_ALL=C sort | sha256sum | cut -c1-64)"; done"#, folders)
    }

    /// `first N a b c…`: sets `$taken` to the first N names after N (container names hold no blank).
    static let takeFirst = #"first() { n=$1; shift; taken=; while [ "$n" -gt 0 ]; do taken="$taken $1"; shift; n=$((n - 1)); done; }"# + "\n"

    /// Stops the project's apps (first, so that nothing writes while the databases are dumped and counted), or its
    /// databases (last), each with time to shut down cleanly.
    public func stop(databases stopsDatabases: Bool) -> ShellCommand {
        let names = stopsDatabases ? databases : apps
        return remote.script(#"t=$1; shift; [ "$#" -eq 0 ] || docker stop -t "$t" "$@" >/dev/null"#, [stopsDatabases ? "60" : "30"] + names)
    }

    /// Starts the databases, then the apps, and waits (up to `$1` seconds) until every one runs, healthy where it has a healthcheck.
    public func start(timeout: Int) -> ShellCommand {
        let script = #"""
            limit=$1; shift
            first "$@"; dbs=$taken; shift "$1"; shift
            [ -z "$dbs" ] || docker start $dbs >/dev/null || exit 1
            [ "$#" -eq 0 ] || docker start "$@" >/dev/null || exit 1
            end=$(( $(date +%s) + limit ))
            while :; do
              waiting=$(docker inspect --format '{{.Name}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}healthy{{end}}' $dbs "$@" | awk '$2 != "running" || $3 != "healthy" { print $1 }')
              [ -n "$waiting" ] || exit 0
              [ "$(date +%s)" -lt "$end" ] || { echo "still not healthy:" $waiting >&2; exit 1; }
              sleep 0.5
            done
            """#
        return remote.script(Self.takeFirst + script, [String(timeout), String(databases.count)] + databases + apps)
    }

    /// The file on the target that names the project a switch is taking over, from before its first stop until its
    /// old containers are removed or it is given back: a switch cut short in between is resumed by the next.
    public static func marker(_ remote: Remote) -> String { remote.root + "/.berth/adopting" }

    /// Writes ``marker(_:)`` (renamed in whole).
    public func mark() -> ShellCommand {
        remote.script(#"mkdir -p "${1%/*}" && printf '%s\n' "$2" > "$1.new" && mv "$1.new" "$1""#, [Self.marker(remote), project])
    }

    public func unmark() -> ShellCommand { remote.script(#"rm -f "$1""#, [Self.marker(remote)]) }

    /// Removes the stopped project's containers and the networks it leaves unused, once Berth's stack serves.
    public func remove() -> ShellCommand {
        remote.script(
            #"p=$1; shift; docker rm "$@" >/dev/null || exit 1; for n in $(docker network ls -q --filter "label=com.docker.compose.project=$p"); do docker network rm "$n" >/dev/null 2>&1 || true; done"#,
            [project] + containers)
    }

    /// Reads ``snapshotScript``'s and ``fileLists(_:)``' lines.
    public static func lines(_ stdout: String) -> [String] {
        stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("rows ") || $0.hasPrefix("files ") }
    }
}

extension AdoptedFrom {
    /// Starts the project again from its own folder and files, as its admin did (`berth rollback` past the adopting release).
    public func startCommand(remote: Remote, timeout: Int) -> ShellCommand {
        let files = files.flatMap { ["-f", $0] }
        return remote.script(
            #"set -e; cd "$1"; p=$2 t=$3; shift 3; docker compose -p "$p" "$@" up -d --wait --wait-timeout "$t""#, [folder ?? ".", project, String(timeout)] + files)
    }
}
