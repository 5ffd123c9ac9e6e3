import ServicePlugin

/// What runs now, as one look through the orchestrator saw it: the gate and the checks judge services by it.
public protocol RunningState: Sendable {
    /// Whether `service` runs as it should, and what is missing when it does not.
    func readiness(_ service: String) -> (status: CheckResult.Status, detail: String)
    /// Whether `service` is still changing (a Swarm update running), so the gate waits even when it looks ready.
    func settling(_ service: String) -> Bool
    /// Why the gate stops waiting at once for any of `waiting` (a container unhealthy, a Swarm update rolled back
    /// since `mark`), or nil to go on waiting.
    func refusal(_ waiting: [String], services: [String], since mark: StartMark?) -> String?
    /// An address of `service`'s container that the target reaches directly, when there is one.
    func address(_ service: String) -> String?
    /// Whether containers are reached at their own addresses at all (not a Swarm task's overlay address).
    var reachesContainers: Bool { get }
    /// The user namespace of a rootless engine, whose container addresses only it reaches.
    var userNamespace: String? { get }
    /// `argv` run in a container of `service`, where it runs; `remote` is the target (a Swarm manager reaches its nodes from it).
    func exec(_ service: String, _ argv: [String], on remote: Remote) throws -> ShellCommand
    /// Results of the orchestrator's own (the cluster's nodes), before the modules'.
    var ownResults: [CheckResult] { get }
    /// Why `service` counts as failing after all, seen from a later look (restarted since `earlier`), or nil.
    func regression(_ service: String, since earlier: any RunningState) -> String?
    /// What `service`'s running container lacks of the hardening its module declares, in compose's words.
    func shortfalls(_ service: String, declared: ContainerHardening) -> [String]
}

extension RunningState {
    public func settling(_ service: String) -> Bool { false }
    public var ownResults: [CheckResult] { [] }
    public var userNamespace: String? { nil }
    /// Not read: a Swarm task's container is on its node, and the stack file keeps only what Swarm honours.
    public func shortfalls(_ service: String, declared: ContainerHardening) -> [String] { [] }
    public var reachesContainers: Bool { true }
    public func regression(_ service: String, since earlier: any RunningState) -> String? { nil }
}

/// Where one service's container is found: the machine, and a shell line that sets `$id` on it.
///
/// The line reads only the shell variables `service` and `project`, which scripts set from their arguments:
/// values never reach a shell unquoted.
public struct ContainerLocator: Sendable, Equatable {
    /// The machine to run on: the target, or the Swarm node that runs the service's task.
    public var remote: Remote
    /// That node's name, for messages; nil on the target.
    public var node: String?
    /// The folder scripts start in: the deploy folder, or `/` on a node, which has none.
    public var root: String
    /// Shell that sets `id` from `$service` and `$project`.
    public var find: String
    /// The values of `service` (compose's service name, or Swarm's `<stack>_<service>`) and `project`.
    public var service: String
    public var project: String

    public init(remote: Remote, node: String? = nil, root: String, find: String, service: String, project: String = "") {
        self.remote = remote
        self.node = node
        self.root = root
        self.find = find
        self.service = service
        self.project = project
    }

    /// `argv` in the container, with standard input passed through, and a terminal (`ssh -t`, `docker exec -it`) when
    /// `terminal`; exit 125 when none runs. Every command Berth runs in a service's container goes through here.
    public func exec(_ argv: [String], terminal: Bool = false) -> ShellCommand {
        let script =
            "service=$1 project=$2 flags=$3; shift 3; " + find
            + #"; [ -n "$id" ] || { echo "berth: no running container of $service here" >&2; exit 125; }; exec docker exec "$flags" "$id" "$@""#
        var command = remote.script(script, [service, project, terminal ? "-it" : "-i"] + argv)
        if terminal && !remote.isLocal { command.argv.insert("-t", at: remote.sshOptions.count) }
        return command
    }
}

extension Remote: Equatable {
    public static func == (a: Remote, b: Remote) -> Bool { a.destination == b.destination && a.root == b.root }
}
