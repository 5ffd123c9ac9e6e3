import ServicePlugin

/// The commands that bring a stack up from its restored files, as values: its folders, its images by digest, its
/// databases from their dumps, then the whole stack. `berth recover` and `berth backup verify --full` run them.
public struct StackRebuild: Sendable {
    public let remote: Remote
    public let stack: Stack

    public init(remote: Remote, stack: Stack) {
        self.remote = remote
        self.stack = stack
    }

    /// Pulls each image by its recorded digest and tags it as the compose files name it, so the stack starts on
    /// exactly what ran; an image recorded without a digest is pulled by its reference.
    func pull(_ images: [Release.Image]) -> ShellCommand {
        remote.script(Self.pullScript, images.flatMap { [$0.digest ?? $0.reference, $0.reference] })
    }

    static let pullScript = """
        set -u
        while [ $# -ge 2 ]; do
          from=$1 as=$2; shift 2
          docker pull -q "$from" >/dev/null || { echo "cannot pull $from" >&2; exit 7; }
          [ "$from" = "$as" ] || docker tag "$from" "$as" || exit 7
        done
        """

    /// Makes the folders the snapshot does not hold (the databases' own, scratch), owned by their service's user as a
    /// deploy makes them: a database's image refuses a folder it cannot write.
    func makeFolders() -> ShellCommand {
        let owners = stack.folderOwners
        return remote.script(
            #"while [ "$#" -gt 1 ]; do [ -d "$1" ] || { mkdir -p "$1" && chown "$2" "$1"; } || exit 1; shift 2; done"#,
            owners.keys.sorted().flatMap { [$0, owners[$0]!] })
    }

    /// Installs the nightly backup's crontab line, as a deploy does; nil when the stack schedules none.
    func schedule() -> ShellCommand? {
        guard let time = stack.config.backupSchedule, stack.backsUp else { return nil }
        return remote.script(BackupScript.installScript, [BackupScript.cronTag(stack), BackupScript.cronLine(stack, time: time, root: remote.root)])
    }

    /// Starts one database empty, waits for it on TCP (the image's first start serves a socket only while it
    /// initialises; the socket, which needs no password, is then used), then replaces its database with the dump's: dropped first, so that running it again is safe.
    func restoreDump(_ dump: PostgresDump, file: String) -> ShellCommand {
        remote.script(Self.dumpScript, [remote.root, dump.service, dump.user, dump.database, file, stack.context.name])
    }

    static let dumpScript = """
        set -u
        root=$1 service=$2 user=$3 db=$4 file=$5 project=$6
        cd "$root" || exit 3
        # The project by name, not by the folder's file: a drill beside production must never reach production's.
        compose() { docker compose -p "$project" "$@"; }
        [ -s "$file" ] || { echo "no dump at $file in the snapshot" >&2; exit 20; }
        compose up -d --no-deps "$service" >&2 || exit 22
        i=0
        until compose exec -T "$service" pg_isready -h 127.0.0.1 -U "$user" -d postgres -q 2>/dev/null; do
          i=$((i + 1)); [ "$i" -lt 240 ] || { echo "$service did not accept connections within 120 s" >&2; exit 22; }; sleep 0.5
        done
        compose exec -T "$service" psql -U "$user" -d postgres -v ON_ERROR_STOP=1 -q -c "DROP DATABASE IF EXISTS \\"$db\\" WITH (FORCE)" || exit 23
        compose exec -T "$service" pg_restore -U "$user" -d postgres --create --exit-on-error < "$file" || exit 23
        """

    static let dumpFailures: [Int32: String] = [
        3: "the deploy folder is missing", 20: "the dump is missing", 22: "the database did not start", 23: "pg_restore failed",
    ]

    /// Deletes folders: the databases' own, which the step that started them found absent.
    func removeFolders(_ folders: [String]) -> ShellCommand {
        remote.script(#"for f in "$@"; do rm -rf "$f"; done"#, folders)
    }

    /// `docker compose up -d`: the whole stack, on the restored tree.
    func startStack() -> ShellCommand {
        remote.command(["docker", "compose", "-p", .plain(stack.context.name), "up", "-d", "--remove-orphans"], in: remote.root)
    }

    /// Stops and removes the given services' containers: a failed start leaves the databases alone, as it found them.
    func removeServices(_ services: [String]) -> ShellCommand {
        remote.command(["docker", "compose", "-p", .plain(stack.context.name), "rm", "-sf"] + services.map(ShellCommand.Argument.plain), in: remote.root)
    }
}
