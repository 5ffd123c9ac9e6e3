/// HAProxy between one client and the Docker socket: the only container that mounts the socket, answering
/// only the requests that client needs, on a network only the two of them join.
///
/// A module that reads the engine (Traefik's docker provider, Watchtower, Dozzle) lists one in its
/// ``StackMember/parts`` and points its client at ``endpoint`` on ``network``. Any other request, a write above
/// all (`POST /containers/create` would start a container with the host's root mounted), gets a 403.
public struct DockerSocketProxy: Sendable, Hashable {
    /// The module whose client this proxy serves: the service is `<module>-socket`, on network `<module>-socket`.
    public let module: String
    /// Docker API paths the client may read (GET and HEAD), as regular expressions after the optional `/v1.xx`.
    public let reads: [String]
    /// Paths the client may also change (POST and DELETE), e.g. a Watchtower that updates containers.
    public let writes: [String]

    public init(module: String, reads: [String], writes: [String] = []) {
        self.module = module
        self.reads = reads
        self.writes = writes
    }

    /// HAProxy 2.6, as Debian bookworm ships it, which the official image of that tag also is.
    public static let image = ImageSpec(name: "socket-proxy", repository: "library/haproxy", defaultTag: "2.6.12")
    /// The port it listens on: the Docker API's plain-HTTP port.
    public static let port = 2375
    /// Where the configuration is mounted (the official image's own path).
    static let configPath = "/usr/local/etc/haproxy/haproxy.cfg"

    public var service: String { "\(module)-socket" }
    public var network: String { "\(module)-socket" }
    /// `tcp://traefik-socket:2375`: the client's `DOCKER_HOST` or provider endpoint.
    public var endpoint: String { "tcp://\(service):\(Self.port)" }
    var file: String { "\(service).cfg" }

    /// What every Docker client asks first: the API version and the engine.
    public static let handshake = ["_ping", "version", "info"]
    /// Containers and their events: a docker provider's view of the engine.
    public static let containers = ["containers/json", "containers/[a-zA-Z0-9_.-]+/json", "events"]

    /// `haproxy.cfg`: GET and HEAD on ``reads``, POST and DELETE on ``writes``, 403 for anything else.
    public var configuration: String {
        func alternatives(_ paths: [String]) -> String { "^(/v[0-9.]+)?/(\(paths.joined(separator: "|")))$" }
        var rules = ["    http-request allow if { method GET HEAD } { path -m reg \(alternatives(reads)) }"]
        if !writes.isEmpty { rules.append("    http-request allow if { method POST DELETE } { path -m reg \(alternatives(writes)) }") }
        return """
            # Rendered by Berth: the Docker socket for \(module), and only what it needs of it.
            global
                log stdout format raw local0 notice
                maxconn 64

            defaults
                mode http
                log global
                option httplog
                timeout connect 5s
                timeout client 60s
                timeout server 60s
                # An event stream or a followed log stays open.
                timeout tunnel 1h

            frontend docker
                bind :\(Self.port)
            \(rules.joined(separator: "\n"))
                http-request deny deny_status 403
                default_backend socket

            backend socket
                server engine /var/run/docker.sock

            """
    }
}

extension DockerSocketProxy: ModulePart {
    /// Root, as the socket's owner: it connects without any capability. Read-only, and small. None on Swarm, where
    /// the client runs on a manager and reads that node's socket itself.
    public func services(in context: RenderContext) -> [ComposeService] {
        guard !context.stack.swarm else { return [] }
        return [
            ComposeService(
                name: service, image: context.image(Self.image), command: ["haproxy", "-W", "-db", "-f", .text(Self.configPath)],
                volumes: [.dockerSocket(context.dockerSocket, readOnly: true), VolumeMount("./\(file)", Self.configPath, readOnly: true, role: .config)],
                // The official image has bash and no HTTP client: a ping through the proxy proves it and the socket.
                healthcheck: ContainerHealthcheck(
                    .exec(["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/\(Self.port) && printf 'GET /_ping HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q ' 200 ' <&3"]),
                    interval: "5s", timeout: "5s", retries: 3, startPeriod: "5s"),
                user: "0", networks: [network],
                hardening: ContainerHardening(tmpfs: []).sized(memory: "64m", pids: 64, cpuShares: 256)
            )
        ]
    }

    public func files(in context: RenderContext) -> [ExtraFile] { context.stack.swarm ? [] : [ExtraFile(path: file, contents: configuration)] }

    public func networks(in context: RenderContext) -> [String] { context.stack.swarm ? [] : [network] }

    public func healthChecks(in context: RenderContext) -> [HealthCheck] {
        context.stack.swarm ? [] : [HealthCheck("socket-proxy", .container(service: service))]
    }

    /// The client's side: on the proxy's network besides its own (none on Swarm, where it mounts the socket itself).
    public func clientNetworks(in context: RenderContext) -> [String] { context.stack.swarm ? [] : ["default", network] }

    /// The client starts once the proxy answers: a client that finds no engine at its start exits (Watchtower, Dozzle).
    public func clientDependencies(in context: RenderContext) -> [Dependency] { context.stack.swarm ? [] : [Dependency(service, .healthy)] }

    /// `DOCKER_HOST` for a client that reads it (none on Swarm).
    public func clientEnvironment(in context: RenderContext) -> [EnvironmentEntry] {
        context.stack.swarm ? [] : [EnvironmentEntry("DOCKER_HOST", .text(endpoint))]
    }

    /// The client's mount of the socket: only on Swarm.
    public func clientMounts(in context: RenderContext) -> [VolumeMount] {
        context.stack.swarm ? [.dockerSocket(context.dockerSocket, readOnly: true)] : []
    }
}
