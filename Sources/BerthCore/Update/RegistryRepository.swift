import ServicePlugin

/// One repository on one registry, as the OCI distribution API addresses it.
public struct RegistryRepository: Sendable, Hashable, CustomStringConvertible {
    /// The registry as images name it: `docker.io`, `ghcr.io`, `127.0.0.1:5000`.
    public var host: String
    /// The repository path inside the registry, e.g. `library/postgres`.
    public var path: String
    /// Whether the registry speaks plain HTTP though it is not on loopback (`registry_mirror: http://…`).
    public var plainHTTP = false

    public init(host: String, path: String) {
        self.host = host
        self.path = path
    }

    /// The repository an image reference is pulled from.
    public init(_ ref: ImageRef) {
        self.init(host: ref.registry, path: ref.path)
    }

    /// Where the API lives: Docker Hub's images are served by `registry-1.docker.io`; a registry on
    /// this machine speaks plain HTTP, as Docker itself allows for loopback registries (and those it is told are insecure).
    public var baseURL: String {
        if host == "docker.io" { return "https://registry-1.docker.io" }
        return (plainHTTP || Self.isLoopback(host) ? "http://" : "https://") + host
    }

    /// The token scope that lets an anonymous or logged-in client pull.
    public var pullScope: String { "repository:\(path):pull" }

    public var description: String { "\(host)/\(path)" }

    static func isLoopback(_ host: String) -> Bool {
        let name = host.hasPrefix("[") ? String(host.dropFirst().prefix { $0 != "]" }) : String(host.split(separator: ":").first ?? "")
        return name == "localhost" || name == "::1" || name.hasPrefix("127.")
    }
}
