import Foundation
import ServicePlugin

/// The cluster as the manager sees it, in one round trip: nodes, the stack's services and their running tasks.
public struct SwarmFacts: Sendable, Equatable {
    /// One node as `docker node ls` shows it.
    public struct Node: Sendable, Equatable {
        /// Its hostname, `Ready` or `Down`, and `Active`, `Pause` or `Drain`.
        public var name: String
        public var status: String
        public var availability: String
        /// Whether the manager hears from it.
        public var ready: Bool { status == "Ready" }
    }

    /// One service's counts and last update.
    public struct Service: Sendable, Equatable {
        /// Tasks running and tasks wanted (`3/3`); a global service wants one per eligible node.
        public var running: Int
        public var desired: Int
        /// The state of its last update (`completed`, `rollback_completed`, `paused`…), and when it ended (manager epoch seconds).
        public var update: String = ""
        public var updateEnded: Int?
        /// `global` (one task per node) or `replicated`.
        public var mode = "replicated"
    }

    /// One task that should be running, as `docker service ps` shows it.
    public struct Task: Sendable, Equatable {
        /// `web.2`, or `caddy.<node id>` for a global service.
        public var name: String
        /// Its service without the stack prefix, and the node it is on.
        public var service: String
        public var node: String
        /// `Running 3 minutes ago`, `Starting 2 seconds ago`…
        public var state: String
        /// Swarm's last error for it, or empty.
        public var error: String
    }

    /// The manager's clock, epoch seconds.
    public var now = 0
    public var nodes: [Node] = []
    /// By service name without the stack prefix.
    public var services: [String: Service] = [:]
    /// Tasks that should be running.
    public var tasks: [Task] = []

    // `docker service inspect --format` does not turn `\\t` into a tab as the `ls` and `ps` formats do: $t is one.
    static let script = """
        stack=$1 t=$(printf '\\t')
        printf 'now\\t%s\\n' "$(date +%s)"
        docker node ls --format "node$t{{.Hostname}}$t{{.Status}}$t{{.Availability}}" || exit 3
        ids=$(docker service ls -q --filter "label=com.docker.stack.namespace=$stack") || exit 3
        [ -n "$ids" ] || exit 0
        docker service ls --filter "label=com.docker.stack.namespace=$stack" --format "service$t{{.Name}}$t{{.Replicas}}$t{{.Mode}}"
        docker service inspect --format "update$t{{.Spec.Name}}$t{{if .UpdateStatus}}{{.UpdateStatus.State}}$t{{if .UpdateStatus.CompletedAt}}{{.UpdateStatus.CompletedAt.Unix}}{{end}}{{end}}" $ids
        docker service ps $ids --filter desired-state=running --format "task$t{{.Name}}$t{{.Node}}$t{{.CurrentState}}$t{{.Error}}"
        """

    /// The one round trip that reads them, as a value.
    public static func command(_ remote: Remote, stack: String) -> ShellCommand {
        remote.script(script, [stack])
    }

    /// Reads the facts of `stack` through the manager.
    public static func read(_ remote: Remote, stack: String, runner: any CommandRunner, timeout: Double = 30) async throws -> SwarmFacts {
        let result = try await runner.run(command(remote, stack: stack), timeout: timeout)
        guard result.succeeded else {
            throw BerthError.failed("reading the Swarm cluster through \(remote.name) failed (exit \(result.status))\(CheckRunner.firstLine(result.stderr))")
        }
        return SwarmFacts(result.stdout, stack: stack)
    }

    /// Parses the script's tab-separated lines.
    public init(_ stdout: String, stack: String) {
        let prefix = stack + "_"
        func bare(_ name: String) -> String { name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name }
        for line in stdout.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            switch (fields.first, fields.count) {
            case ("now", 2...): now = Int(fields[1]) ?? 0
            case ("node", 4...): nodes.append(Node(name: fields[1], status: fields[2], availability: fields[3]))
            case ("service", 3...):
                let counts = fields[2].split(separator: " ").first?.split(separator: "/").compactMap { Int($0) } ?? []
                services[bare(fields[1]), default: Service(running: 0, desired: 0)].running = counts.first ?? 0
                services[bare(fields[1]), default: Service(running: 0, desired: 0)].desired = counts.count > 1 ? counts[1] : 0
                if fields.count > 3 { services[bare(fields[1]), default: Service(running: 0, desired: 0)].mode = fields[3] }
            case ("update", 3...):
                services[bare(fields[1]), default: Service(running: 0, desired: 0)].update = fields[2]
                services[bare(fields[1]), default: Service(running: 0, desired: 0)].updateEnded = fields.count > 3 ? Int(fields[3]) : nil
            case ("task", 5...):
                let name = bare(fields[1])
                let service = String(name.split(separator: ".").first ?? Substring(name))
                tasks.append(Task(name: name, service: service, node: fields[2], state: fields[3], error: fields.count > 4 ? fields[4] : ""))
            default: continue
            }
        }
    }

    /// Nodes that are not Ready, by name.
    public var lostNodes: [String] { nodes.filter { !$0.ready }.map(\.name) }

    /// ``readiness(_:)`` as a check's outcome.
    public func status(_ service: String) -> (CheckResult.Status, String) {
        let ready = readiness(service)
        return (ready.ok ? .ok : .fail, ready.detail)
    }

    /// Whether `service` runs every replica it should, and what is missing when it does not.
    public func readiness(_ service: String) -> (ok: Bool, detail: String) {
        guard let facts = services[service] else { return (false, "not deployed") }
        let lost = Set(lostNodes)
        // A global service's task on a lost node has nowhere else to go: the nodes check names that node, and
        // the service is as ready as it can be. A replicated one's is rescheduled, and missing until it is.
        let stranded = tasks.filter { $0.service == service && lost.contains($0.node) && facts.mode != "global" }.map { "\($0.name) on \($0.node) (node down)" }
        let failing = tasks.filter { $0.service == service && !$0.state.hasPrefix("Running") && !lost.contains($0.node) }
            .map { "\($0.name) on \($0.node): \($0.state.split(separator: " ").first ?? "")\($0.error.isEmpty ? "" : " (\($0.error))")" }
        let detail = "\(facts.running)/\(facts.desired) running" + (stranded + failing).map { "; \($0)" }.joined()
        // The counts lag a task that is starting, restarting or failing.
        return (facts.desired > 0 && facts.running >= facts.desired && stranded.isEmpty && failing.isEmpty, detail)
    }
}
