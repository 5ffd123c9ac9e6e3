import Foundation
import ServicePlugin

/// The commands of `berth recover`, as values; ``Recoverer`` runs them in order.
///
/// The snapshot goes from the repository to the target in a one-off container of the engine's image on the target:
/// it never passes through this machine. The repository's password and keys reach that container on standard input.
public struct RecoveryCommands: Sendable {
    public let remote: Remote
    public let stack: Stack
    /// The engine's service as the stack renders it: image, environment, repository mounts.
    let service: ComposeService
    let engine: any BackupTool

    /// Where the target keeps what a recovery has done, so that running it again resumes.
    static let stateFile = ".berth/recover.json"

    init(remote: Remote, stack: Stack, service: ComposeService, engine: any BackupTool) {
        self.remote = remote
        self.stack = stack
        self.service = service
        self.engine = engine
    }

    /// The folders a recovery fills: the snapshot's sources on the target.
    var folders: [String] { engine.sourceFolders.map(\.host) }

    /// What the target holds: a recovery's state, the stack's containers, and the folders that are not empty.
    func survey() -> ShellCommand {
        remote.script(Self.surveyScript, [stack.context.name, remote.root + "/" + Self.stateFile] + folders)
    }

    static let surveyScript = """
        set -u
        project=$1 state=$2; shift 2
        command -v docker >/dev/null 2>&1 || { echo "docker is not installed on the target" >&2; exit 9; }
        [ ! -f "$state" ] || printf 'state %s\\n' "$(tr -d '\\n' < "$state")"
        printf 'containers %s\\n' "$(docker ps -aq --filter "label=com.docker.compose.project=$project" | wc -l)"
        for folder in "$@"; do [ -z "$(ls -A "$folder" 2>/dev/null)" ] || printf 'busy %s\\n' "$folder"; done
        true
        """

    /// Pulls the engine's image, so the snapshot can be read on a target that has none.
    func pullEngine() -> ShellCommand {
        remote.command([.plain("docker"), "pull", "-q", .plain(service.image?.description ?? "")])
    }

    /// `argv` in a one-off container of the engine's image, its sources mounted from `suffix`-ed host folders, its
    /// repository folders as the service mounts them; `environment` arrives on standard input, never in the command line.
    func engineRun(_ argv: [String], suffix: String = "", environment: [(String, String)]) -> ShellCommand {
        // The host's network: it only reaches out to the repository, and a server may run without Docker's default bridge.
        var words: [ShellCommand.Argument] = ["docker", "run", "--rm", "-i", "--network", "host", "--entrypoint", "/bin/sh"]
        for folder in engine.sourceFolders { words += ["-v", .plain("\(folder.host)\(suffix):\(folder.container)")] }
        let sources = Set(engine.sourceFolders.map(\.container))
        for mount in service.volumes where mount.role == .host && !sources.contains(mount.target) {
            words += ["-v", .plain("\(mount.source):\(mount.target)")]
        }
        words += [.plain(service.image?.description ?? "")] + EnvironmentInput.wrapper.dropFirst()
        return remote.command(words + argv.map(ShellCommand.Argument.plain), input: EnvironmentInput.bytes(environment))
    }

    /// Makes an empty `.recovering` folder beside each source, where the restore writes.
    func prepare() -> ShellCommand {
        remote.script(#"set -e; for f in "$@"; do rm -rf "$f.recovering"; mkdir -p "$f.recovering"; done"#, folders)
    }

    /// Removes what a failed restore wrote.
    func discard() -> ShellCommand {
        remote.script(#"for f in "$@"; do rm -rf "$f.recovering"; done"#, folders)
    }

    /// Moves each restored folder into place, drops the old server's deploy lock and writes the recovery's state.
    func swapIn(state: RecoveryState) -> ShellCommand {
        remote.script(Self.swapScript, [remote.root] + folders, input: ReleaseCommands.jsonLine(state))
    }

    static let swapScript = """
        set -u
        root=$1; shift
        for f in "$@"; do
          [ -d "$f.recovering" ] || [ -d "$f" ] || { echo "nothing was restored for $f" >&2; exit 4; }
        done
        for f in "$@"; do
          [ -d "$f.recovering" ] || continue
          if [ -d "$f" ]; then rmdir "$f" 2>/dev/null || { echo "$f is not empty" >&2; exit 5; }; fi
          mv "$f.recovering" "$f" || exit 6
        done
        rm -rf "$root/.berth/lock"
        mkdir -p "$root/.berth" && cat > "$root/.berth/recover.json.new" && mv -f "$root/.berth/recover.json.new" "$root/.berth/recover.json"
        """

    /// Writes the recovery's state after a step.
    func saveState(_ state: RecoveryState) -> ShellCommand {
        remote.script(#"cat > "$1.new" && mv -f "$1.new" "$1""#, [remote.root + "/" + Self.stateFile], input: ReleaseCommands.jsonLine(state))
    }

    /// Ends the recovery: the target now runs the stack as any deployed one does.
    func clearState() -> ShellCommand {
        remote.script(#"rm -f "$1""#, [remote.root + "/" + Self.stateFile])
    }
}
