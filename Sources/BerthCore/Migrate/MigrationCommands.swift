import ServicePlugin

/// The commands of a deploy's migration steps, as values; ``DeploySession`` runs them.
struct MigrationCommands: Sendable {
    let remote: Remote

    static let failures: [Int32: String] = [
        50: "the folder to move into already holds files",
        51: "the folder cannot be moved",
        53: "the new container did not log the awaited line in time",
    ]

    /// Moves `from` to `into` (its parents made, owned as the moved folder is, up to `root`); prints `moved`, or
    /// nothing when there is no `from`.
    func move(_ from: String, into: String, root: String) -> ShellCommand {
        remote.script(
            #"""
            from=$1 into=$2 root=$3
            [ -e "$from" ] || exit 0
            if [ -e "$into" ]; then [ -z "$(ls -A "$into" 2>/dev/null)" ] && rmdir "$into" || exit 50; fi
            mkdir -p "$(dirname "$into")" && mv "$from" "$into" || exit 51
            d=$(dirname "$into")
            while [ "${#d}" -gt "${#root}" ]; do chown --reference="$into" "$d" 2>/dev/null; d=$(dirname "$d"); done
            echo moved
            """#, [from, into, root])
    }

    /// A copy of the module's data folder beside it, without the database folders an upgrade keeps its own way.
    func checkpoint(_ folder: String, copy: String, excluding: [String]) -> ShellCommand {
        remote.script(
            #"f=$1 c=$2; shift 2; [ -d "$f" ] || exit 0; rm -rf "$c" && rsync -a "$@" "$f/" "$c/" && echo copied"#,
            [folder, copy] + Self.excludes(excluding))
    }

    /// `--exclude` options for database folders and the folders their upgrades keep beside them.
    static func excludes(_ names: [String]) -> [String] { names.flatMap { ["--exclude=/\($0)", "--exclude=/\($0).pg*"] } }

    /// Waits up to `timeout` seconds for `service` to log a line holding `text`.
    func waitForLog(_ service: String, text: String, timeout: Int) -> ShellCommand {
        remote.script(
            #"cd "$4" || exit 3; i=0; until docker compose logs --no-log-prefix "$1" 2>/dev/null | grep -qF -- "$2"; do i=$((i + 1)); [ "$i" -le "$3" ] || exit 53; sleep 1; done"#,
            [service, text, String(timeout), remote.root])
    }

    /// Removes the containers of services the new release no longer renders (compose's orphans), by their labels.
    func removeRetired(_ services: [String], project: String) -> ShellCommand {
        remote.script(
            #"p=$1; shift; for s in "$@"; do docker ps -aq --filter "label=com.docker.compose.project=$p" --filter "label=com.docker.compose.service=$s" | xargs -r docker rm -f >/dev/null || exit 1; done"#,
            [project] + services)
    }

    /// Records scratch folders to delete after the next successful backup (`.berth/retired`, one a line).
    func retire(_ folders: [String]) -> ShellCommand {
        remote.script(#"r=$1; shift; mkdir -p "$r/.berth" && printf '%s\n' "$@" >> "$r/.berth/retired""#, [remote.root] + folders)
    }

    /// Shell, run in the deploy folder, that deletes the folders `.berth/retired` lists, then the list; `backup.sh` runs it too.
    static let deleteRetiredLine = #"while IFS= read -r d; do [ -z "$d" ] || rm -rf -- "$d"; done < .berth/retired; rm -f .berth/retired"#

    /// Deletes the folders `.berth/retired` lists, then the list: run after a backup that succeeded.
    func deleteRetired() -> ShellCommand {
        remote.script(#"cd "$1" && [ -f .berth/retired ] || exit 0; "# + Self.deleteRetiredLine, [remote.root])
    }

    /// `docker compose stop` of services of the deployed files.
    func stop(_ services: [String]) -> ShellCommand { remote.compose("stop", services) }
}
