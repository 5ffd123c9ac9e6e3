import Foundation
import ServicePlugin

/// What the engine says about the stack's containers, read in one round trip.
public struct StackFacts: Sendable {
    public struct Container: Sendable, Equatable {
        public var service: String
        public var id: String
        public var state: String
        public var health: String?
        public var restartCount: Int
        /// The container's address on its first network.
        public var address: String?
        /// The image as the compose file names it, and when the container last started (RFC 3339), for `berth ps`.
        public var image: String? = nil
        public var startedAt: String? = nil
        /// The id of the image the container runs.
        public var imageID: String? = nil
        /// How it is confined; nil where Berth read no `HostConfig`.
        public var confinement: Confinement? = nil
    }

    public var containers: [String: Container]
    /// Under rootless Docker, the engine's pid file: container addresses are reachable only inside its namespaces.
    public var userNamespace: String?
    /// The cgroup limits the engine applies.
    public var limits = EngineLimits()

    /// `docker inspect` of every container of compose project `$project`, one-off `run` containers aside.
    ///
    /// By label with `docker ps`, which costs a tenth of `docker compose ps` (that parses the whole project
    /// first), and which also lists a container whose service left the compose files.
    static let inspectProject = """
        ids=$(docker ps -aq --filter "label=com.docker.compose.project=$project" --filter label=com.docker.compose.oneoff=False) || exit 4
        [ -n "$ids" ] && docker inspect $ids
        true
        """

    /// `$1` the deploy folder, `$2` the compose project.
    static let script = """
        cd "$1" 2>/dev/null || { echo "no deploy folder $1" >&2; exit 3; }
        project=$2
        # A rootless engine runs in a user namespace of its own: its pid file is beside its socket.
        host=$(docker context inspect --format '{{.Endpoints.docker.Host}}' 2>/dev/null); pidfile="$(dirname "${host#unix://}")/docker.pid"
        if [ -r "$pidfile" ] && ns=$(readlink "/proc/$(cat "$pidfile")/ns/user" 2>/dev/null) && [ -n "$ns" ] && [ "$ns" != "$(readlink /proc/self/ns/user)" ]; then
          echo "#userns=$pidfile"
        fi
        docker info --format '#limits={{.MemoryLimit}} {{.PidsLimit}} {{.CPUShares}}' 2>/dev/null || true
        \(inspectProject)
        """

    /// `docker inspect` of every container of compose project `project` deployed on `remote`, as a value.
    public static func command(_ remote: Remote, project: String) -> ShellCommand {
        remote.script(script, [remote.root, project])
    }

    /// Reads the containers of compose project `project` deployed on `remote`.
    public static func read(_ remote: Remote, project: String, runner: any CommandRunner, timeout: Double = 15) async throws -> StackFacts {
        let result = try await runner.run(command(remote, project: project), timeout: timeout)
        guard result.succeeded else {
            if !remote.isLocal && result.status == 255 { throw Preflight.connectionError(result, remote: remote) }
            let detail = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            throw BerthError.failed("cannot read the containers on \(remote.name): \(detail.isEmpty ? "exit \(result.status)" : detail)")
        }
        return StackFacts(inspect: result.stdout)
    }

    public init(containers: [String: Container]) { self.containers = containers }

    /// Parses `docker inspect` output.
    public init(inspect output: String) {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        userNamespace = lines.first { $0.hasPrefix("#userns=") }.map { String($0.dropFirst("#userns=".count)) }
        limits = EngineLimits(line: lines.first { $0.hasPrefix("#limits=") })
        let text = lines.filter { !$0.hasPrefix("#userns=") && !$0.hasPrefix("#limits=") }.joined(separator: "\n")
        let objects = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]] ?? []
        var containers: [String: Container] = [:]
        for object in objects {
            let config = object["Config"] as? [String: Any] ?? [:]
            let labels = config["Labels"] as? [String: String] ?? [:]
            guard let service = labels["com.docker.compose.service"] else { continue }
            let state = object["State"] as? [String: Any] ?? [:]
            let networks = ((object["NetworkSettings"] as? [String: Any])?["Networks"] as? [String: Any]) ?? [:]
            let address = networks.keys.sorted().lazy.compactMap { (networks[$0] as? [String: Any])?["IPAddress"] as? String }.first { !$0.isEmpty }
            containers[service] = Container(
                service: service, id: object["Id"] as? String ?? "", state: state["Status"] as? String ?? "unknown",
                health: (state["Health"] as? [String: Any])?["Status"] as? String,
                restartCount: object["RestartCount"] as? Int ?? 0, address: address,
                image: config["Image"] as? String, startedAt: state["StartedAt"] as? String, imageID: object["Image"] as? String,
                confinement: (object["HostConfig"] as? [String: Any]).map(Confinement.init)
            )
        }
        self.containers = containers
    }
}

extension StackFacts.Container? {
    /// The one rule for a container: ok when running (and healthy, if it has a healthcheck),
    /// a warning while its healthcheck starts, a failure otherwise.
    public func readiness(service: String) -> (CheckResult.Status, String) {
        guard let container = self else { return (.fail, "no container for \(service)") }
        switch (container.state, container.health) {
        case ("running", nil), ("running", "healthy"?): return (.ok, "running" + (container.health.map { ", \($0)" } ?? ""))
        case ("running", "starting"?): return (.warn, "running, health check starting")
        case ("running", let health?): return (.fail, "running but \(health)")
        default: return (.fail, container.state)
        }
    }
}
