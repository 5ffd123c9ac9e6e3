import Foundation
import ServicePlugin

/// A compose project running on a target, as `berth adopt` reads it: its containers with their labels, images,
/// ports, bind mounts and the names of their environment variables (values stay on the server), and the
/// `PG_VERSION` of each mounted folder that holds a PostgreSQL cluster.
public struct RunningProject: Sendable, Equatable {
    public var name: String
    public var containers: [EngineContainer]
    /// Host folder → the major of the cluster it holds.
    public var clusters: [String: String]
    /// Every compose project on the engine, for a name that matches none.
    public var projects: [String]

    /// The project's compose folder, as its containers' labels name it.
    public var workingDirectory: String? { containers.lazy.compactMap(\.workingDirectory).first }

    /// The project's services by name, each with its containers, in name order.
    public var services: [(name: String, containers: [EngineContainer])] {
        Dictionary(grouping: containers) { $0.service ?? $0.name }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// `$1` the project, `$2` the inspect format: one `container=` line a container (one-off runs left out),
    /// `pgversion=` for each bind-mounted folder with a `PG_VERSION`, and `project=` for each project on the engine.
    static let script = """
        docker ps -a --format '{{.Label "com.docker.compose.project"}}' | sort -u | sed '/^$/d; s/^/project=/'
        ids=$(docker ps -aq --filter "label=com.docker.compose.project=$1" --filter label=com.docker.compose.oneoff=False) || exit 4
        [ -n "$ids" ] || exit 0
        docker inspect --format "$2" $ids | sed 's/^/container=/'
        docker inspect --format '{{range .Mounts}}{{if eq .Type "bind"}}{{println .Source}}{{end}}{{end}}' $ids | sort -u | while IFS= read -r m; do
          \(DatabaseMajors.versionLine)
        done
        true
        """

    /// The one round trip that reads a project.
    public static func command(project: String, remote: Remote) -> ShellCommand {
        remote.script(script, [project, EngineContainer.adoptionFormat])
    }

    public init(name: String, containers: [EngineContainer], clusters: [String: String], projects: [String]) {
        self.name = name
        self.containers = containers.sorted { $0.name < $1.name }
        self.clusters = clusters
        self.projects = projects
    }

    /// Reads ``script``'s answer: its `container=` and `pgversion=` lines as preflight's are read.
    public init(name: String, output: String) {
        let facts = PreflightFacts(output)
        let projects = output.split(separator: "\n").filter { $0.hasPrefix("project=") }.map { String($0.dropFirst("project=".count)) }
        self.init(name: name, containers: facts.containers, clusters: facts.databaseVersions, projects: projects)
    }

    /// Why the project cannot be taken over as it runs: it does not exist, or it is half stopped.
    ///
    /// `resuming`: a switch cut short stopped part of it (``AdoptionSwitch/marker(_:)``), and the next one starts it whole first.
    public func problems(on target: String, resuming: Bool = false) -> [String] {
        guard !containers.isEmpty else {
            let known = projects.isEmpty ? "none runs there" : "running: " + projects.joined(separator: ", ")
            return ["compose project \(name): no container on \(target) belongs to it (\(known))"]
        }
        var problems: [String] = []
        let stopped = containers.filter { $0.state != "running" }
        if !stopped.isEmpty && !resuming {
            let folder = workingDirectory.map { " in \($0)" } ?? ""
            problems.append(
                "compose project \(name) is half stopped: " + stopped.map { "\($0.name) is \($0.state)" }.joined(separator: ", ")
                    + "; start it whole (`docker compose -p \(name) up -d`\(folder)) so that what is taken over is what runs")
        }
        return problems
    }

    /// The Docker socket and the like: many containers mount them read-write by design.
    static func shared(_ path: String) -> Bool { path.hasSuffix(".sock") || path.hasPrefix("/var/run/") || path.hasPrefix("/run/") }
}
