import ServicePlugin

/// The commands of `berth remove`, as values; ``Remover`` runs them in the order ``steps(purge:)`` gives.
///
/// Taking a stack down keeps what it cannot rebuild: the data folders, the dumps and the `.env` files stay, so
/// `berth deploy` brings the same stack back. Only `--purge` deletes them (``RemovalCommands+Purge.swift``).
public struct RemovalCommands: Sendable {
    public let stack: Stack
    public let remote: Remote

    public init(stack: Stack, remote: Remote? = nil) {
        self.stack = stack
        self.remote = remote ?? Remote(stack.environment)
    }

    /// Every step after the deploy lock is taken, in order. The orchestrator's take-down comes first (compose:
    /// the live-network attachments, then the containers and networks; Swarm: `docker stack rm`, then the node
    /// labels), then the crontab line and the release records; with `purge`, each machine's data, then the deploy folder.
    public func steps(purge: Bool) -> [RemovalStep] {
        var steps = stack.orchestrator.takeDown(stack, remote: remote)
        if stack.orchestrator.schedulesBackups { steps.append(unschedule()) }
        steps.append(records())
        if purge { steps += purgeSteps() }
        return steps
    }

    /// The environments that share this one's proxy (`shares:`), each with its compose project and deploy folder.
    public var sharers: [(environment: String, project: String, root: String)] {
        stack.config.environments.filter { $0.shares == stack.environment.name }.map { sharer in
            (sharer.name, stack.context.sharingProject(sharer.name), sharer.target.path)
        }
    }

    /// Prints `ENV CONTAINERS RELEASE` for each sharer that is deployed: it has containers, or a live release.
    /// Sharing is on one machine only (config rules), so the target answers for them all.
    public func deployedSharers() -> ShellCommand {
        remote.script(Self.sharersScript, sharers.flatMap { [$0.environment, $0.project, $0.root] })
    }

    static let sharersScript = #"""
        while [ "$#" -gt 2 ]; do
          env=$1 project=$2 root=$3; shift 3
          ids=$(docker ps -aq --filter "label=com.docker.compose.project=$project") || exit 3
          n=$(printf '%s' "$ids" | grep -c .)
          release=$(cat "$root/.berth/current" 2>/dev/null)
          [ "$n" = 0 ] && [ -z "$release" ] || printf '%s %s %s\n' "$env" "$n" "${release:-none}"
        done
        true
        """#

    /// Why the environment cannot be removed, from what ``deployedSharers()`` printed; nil when no sharer is deployed.
    func refusal(_ stdout: String) -> String? {
        let found = stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.filter { $0.count == 3 }
        guard !found.isEmpty else { return nil }
        let name = stack.environment.name
        let each = found.map { "environments.\($0[0]) (\($0[1]) containers, release \($0[2]))" }.joined(separator: ", ")
        let first = found[0][0]
        return "cannot remove \(name): \(each) shares its proxy (`shares: \(name)`) and is deployed on \(remote.name); "
            + "its routes and containers depend on \(name)'s proxy and network. Remove it first (`berth remove \(first)`)"
    }

    /// Takes this stack's line out of the deploy user's crontab, and prints it when there was one; a server
    /// without `crontab` has none.
    func unschedule() -> RemovalStep {
        let script =
            #"command -v crontab >/dev/null || exit 0"# + "\n"
            + #"crontab -l 2>/dev/null | awk -v t=" $1" 'substr($0, length($0) - length(t) + 1) == t { found = 1 } END { exit !found }' || exit 0"# + "\n"
            + BackupScript.installScript + "\n" + #"echo "crontab $1""#
        return RemovalStep(
            "crontab", remote.script(script, [BackupScript.cronTag(stack), ""]), timeout: 60, what: "removing the backup line from the crontab on \(remote.name)")
    }

    /// The records Berth keeps of this environment's releases, relative to the deploy folder.
    static let recordPaths = [".berth/releases", ".berth/current", ".berth/adopting", ".berth/recover.json"]

    /// Deletes the release records (history, the live release, a switch's or a recovery's mark), so that the next
    /// deploy is a first one; the lock and the busy file stay, and so do the backup log and marks.
    func records() -> RemovalStep {
        let script = #"root=$1; shift; for f in "$@"; do [ -e "$root/$f" ] || continue; rm -rf -- "${root:?}/$f" || exit 1; echo "record $root/$f"; done"#
        return RemovalStep("records", remote.script(script, [remote.root] + Self.recordPaths), timeout: 60, what: "removing the release records on \(remote.name)")
    }
}
