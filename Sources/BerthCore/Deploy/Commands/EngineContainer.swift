import Foundation

/// One container on the target's engine, as preflight reads it: name, state, compose labels, published
/// ports and bind mounts.
public struct EngineContainer: Equatable, Sendable, Decodable {
    public struct Mount: Equatable, Sendable, Decodable {
        public var type: String
        public var source: String
        public var destination: String
        public var rw: Bool

        enum CodingKeys: String, CodingKey {
            case type = "Type"
            case source = "Source"
            case destination = "Destination"
            case rw = "RW"
        }
    }

    public struct Binding: Equatable, Sendable, Decodable {
        public var hostIp: String?
        public var hostPort: String?

        enum CodingKeys: String, CodingKey {
            case hostIp = "HostIp"
            case hostPort = "HostPort"
        }
    }

    /// The name without Docker's leading `/`.
    public var name: String
    /// `running`, `restarting`, `paused`, `created`, `exited` or `dead`.
    public var state: String
    public var labels: [String: String]
    /// `80/tcp` → the host addresses and ports it is published on.
    public var ports: [String: [Binding]]
    public var mounts: [Mount]
    /// The image as the container was created from it (``adoptionFormat`` only).
    public var image = ""
    /// The ports the image exposes, as `3000/tcp` (``adoptionFormat`` only).
    public var exposed: [String] = []
    /// The names of its environment variables, never their values (``adoptionFormat`` only).
    public var environmentKeys: [String] = []
    /// `KEY=value` of the few variables that hold no secret and say how a database was set up (``adoptionFormat`` only).
    public var settings: [String: String] = [:]

    enum CodingKeys: String, CodingKey { case name, state, labels, ports, mounts, image, exposed, env, settings }

    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        name = String(try values.decode(String.self, forKey: .name).drop { $0 == "/" })
        state = try values.decode(String.self, forKey: .state)
        labels = try values.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
        ports = (try values.decodeIfPresent([String: [Binding]?].self, forKey: .ports) ?? [:]).compactMapValues { $0 }
        mounts = try values.decodeIfPresent([Mount].self, forKey: .mounts) ?? []
        image = try values.decodeIfPresent(String.self, forKey: .image) ?? ""
        exposed = (try values.decodeIfPresent([String: [String: String]]?.self, forKey: .exposed) ?? nil).map { $0.keys.sorted() } ?? []
        environmentKeys = try values.decodeIfPresent([String].self, forKey: .env) ?? []
        for pair in try values.decodeIfPresent([String].self, forKey: .settings) ?? [] {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            if parts.count == 2 { settings[parts[0]] = parts[1] }
        }
    }

    /// Variables whose values `berth adopt` may read off the server: they say how a database was set up and hold no secret.
    public static let settingKeys = ["POSTGRES_USER", "POSTGRES_DB", "POSTGRES_HOST_AUTH_METHOD", "PGDATA"]

    /// `docker inspect`'s format for one line of JSON a container.
    static let inspectFormat =
        #"{"name":{{json .Name}},"state":{{json .State.Status}},"labels":{{json .Config.Labels}},"ports":{{json .HostConfig.PortBindings}},"mounts":{{json .Mounts}}}"#

    /// ``inspectFormat`` plus the image, its exposed ports, the names of the environment's variables and the values of ``settingKeys``.
    static let adoptionFormat: String = {
        let settings = settingKeys.map { "(eq $k \"\($0)\")" }.joined(separator: " ")
        return String(inspectFormat.dropLast())
            + #","image":{{json .Config.Image}},"exposed":{{json .Config.ExposedPorts}},"env":[{{range $i, $e := .Config.Env}}{{if $i}},{{end}}{{json (index (split $e "=") 0)}}{{end}}]"#
            + #","settings":[{{range .Config.Env}}{{$k := index (split . "=") 0}}{{if or \#(settings)}}{{json .}},{{end}}{{end}}""]}"#
    }()

    /// Reads one line of ``inspectFormat``; nil for anything else.
    static func parse(_ line: String) -> EngineContainer? {
        try? JSONDecoder().decode(EngineContainer.self, from: Data(line.utf8))
    }

    /// Whether it holds what it publishes and mounts now; a stopped container only would, once started.
    public var isLive: Bool { ["running", "restarting", "paused"].contains(state) }

    /// The compose project it belongs to, if compose made it.
    public var project: String? { labels["com.docker.compose.project"]?.nonEmpty }
    /// The folder compose ran in for it.
    public var workingDirectory: String? { labels["com.docker.compose.project.working_dir"]?.nonEmpty }
    /// The Swarm stack its task belongs to.
    public var stackNamespace: String? { labels["com.docker.stack.namespace"]?.nonEmpty }
    /// The compose service it runs.
    public var service: String? { labels["com.docker.compose.service"]?.nonEmpty }

    /// Each published host port with its protocol and address (empty for every address).
    public var published: [(port: Int, proto: String, address: String)] {
        ports.sorted { $0.key < $1.key }.flatMap { key, bindings in
            let proto = key.split(separator: "/").dropFirst().first.map(String.init) ?? "tcp"
            return bindings.compactMap { binding in
                binding.hostPort.flatMap(Int.init).map { ($0, proto, binding.hostIp ?? "") }
            }
        }
    }

    /// How an admin knows it: its name, and its compose project and folder when it has them.
    public var described: String {
        var text = "container \(name)"
        if let project { text += " (compose project \(project)" + (workingDirectory.map { ", folder \($0)" } ?? "") + ")" }
        if let stackNamespace { text += " (Swarm stack \(stackNamespace))" }
        return text
    }
}
