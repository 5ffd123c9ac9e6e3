import Foundation
import ServicePlugin

/// The contents of `berth.yaml`, checked and with defaults filled in.
public struct BerthConfig: Sendable, Hashable {
    public var file: String
    public var name: String
    public var domain: String
    public var timezone: String
    public var acmeEmail: String
    public var dataRoot: String
    public var scratchRoot: String
    public var dumpsDir: String
    public var user: String
    /// Enabled modules in file order.
    public var services: [ServiceConfig]
    public var environments: [EnvironmentConfig]
    /// The user's own apps (`apps:`), in file order.
    public var apps: [AppSpec] = []
    /// When the server's cron runs `backup.sh` each day (HH:MM, server time); nil for never.
    public var backupSchedule: String? = "05:00"
    /// A second repository each snapshot is copied to (`backup_copy_to:`); its credentials are `COPY_` keys of the engine's `.env`.
    public var backupCopyTo: BackupRepository?
    /// What `berth backup prune` keeps (`backup_keep:`).
    public var backupKeep = BackupKeep()
    /// Values kept in a password manager, written into the server's `.env` at deploy (`secrets:`).
    public var secrets: [SecretCommand] = []
    /// Where events are sent (`notify:`).
    public var notify: [NotifyTarget] = []
    /// The release binary a stack repository's workflow installs (`ci.berth:`); nil builds Berth from the repository's sources.
    public var release: BerthRelease?
    /// The pins of `berth.lock` beside the config (empty when there is none).
    public var lock = VersionPins()
    /// The digest each app's tag was resolved to for this deploy, by app name; the render pins them.
    public var appDigests: [String: String] = [:]

    /// `berth.lock` beside this config file.
    public var lockPath: String { Self.lockPath(beside: file) }

    /// `berth.lock` beside the config file at `path`.
    public static func lockPath(beside path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().appendingPathComponent(VersionPins.fileName).path
    }

    /// Where the tag of a module's image comes from: `version:` (first image only) or `images:` in berth.yaml, berth.lock,
    /// or the module's default.
    public func tagSource(_ module: String, image index: Int, spec: ImageSpec) -> (tag: String, source: TagSource) {
        let service = services.first { $0.id == module }
        if index == 0, let version = service?.version { return (version, .config) }
        if let pinned = service?.images[spec.name] { return (pinned, .config) }
        if let pinned = lock.pin(module, spec.name) { return (pinned, .lock) }
        return (spec.defaultTag, .moduleDefault)
    }

    /// The environment with this name.
    public func environment(_ name: String) throws(BerthError) -> EnvironmentConfig {
        guard let env = environments.first(where: { $0.name == name }) else {
            let known = environments.map(\.name).joined(separator: ", ")
            throw .usage("\(file): environments.\(name): no such environment (known: \(known))")
        }
        return env
    }
}

/// Where an image's tag was decided.
public enum TagSource: String, Sendable, Codable {
    /// `version:` in berth.yaml, which `berth update apply` never changes.
    case config = "berth.yaml"
    /// A pin in berth.lock.
    case lock = "berth.lock"
    /// The module's default tag.
    case moduleDefault = "default"
}

/// One enabled module and its raw options.
public struct ServiceConfig: Sendable, Hashable {
    public var id: String
    public var options: [String: OptionValue]
    /// `version:`: the tag of the module's first image.
    public var version: String?
    /// `images:`: the tag of any of the module's images by its name (`postgres: "14-alpine"`), as `berth adopt` pins what runs.
    public var images: [String: String] = [:]

    public init(id: String, options: [String: OptionValue], version: String?, images: [String: String] = [:]) {
        self.id = id
        self.options = options
        self.version = version
        self.images = images
    }
}

/// One deploy target.
public struct EnvironmentConfig: Sendable, Hashable {
    public var name: String
    public var target: DeployTarget
    public var domain: String?
    public var dataRoot: String?
    public var scratchRoot: String?
    public var dumpsDir: String?
    /// `HOST:PORT` of a registry every image is pulled through.
    public var registryMirror: String?
    /// Whether Berth reaches the mirror over plain HTTP (`registry_mirror: http://HOST:PORT`), as the
    /// engines do that list it in `insecure-registries`; loopback mirrors always are.
    public var registryMirrorPlainHTTP = false
    /// SSH settings for `ssh://` targets.
    public var ssh: SSHSettings = SSHSettings()
    /// Where the proxy gets certificates: a public CA (`acme`) or its own (`internal`).
    public var certificates: CertificateSource = .acme
    /// Addresses Berth's own checks use for hostnames instead of DNS, e.g. every route on 127.0.0.1:8443.
    public var resolve: [String: ResolvedAddress] = [:]
    /// A PEM file of extra roots Berth's checks trust, e.g. the proxy's internal CA, or the root of ``acme``.
    public var caFile: String?
    /// The ACME server the proxy asks instead of Let's Encrypt (`acme_ca:`), with `ca_file:`'s roots read.
    public var acme: ACMEServer?
    /// The environment whose reverse proxy and identity provider this one uses (`shares: production`), on the same host.
    public var shares: String?
    /// The ids of the top-level modules this environment runs; nil for all of them (a sharing environment: none).
    public var services: [String]?
    /// The apps this environment runs, its overrides applied; nil for the top-level `apps:` as they are.
    public var apps: [AppSpec]?
    /// The Docker socket on the target that modules mount (`/run/user/1000/docker.sock` under rootless Docker).
    public var dockerSocket: String?
    /// The longest interval of any container healthcheck here (`healthcheck_interval: 2s`), for test and CI
    /// stacks: before Engine 25 a new container is healthy only one interval after it starts. Nil: the modules' own.
    public var healthcheckInterval: String?
    /// The host address every published port listens on here (`bind_address: 127.0.0.1` for a stack on one
    /// machine; a server's public address), where the module names none. Nil: every address.
    public var bindAddress: String?
    /// The Swarm cluster this environment deploys to (`engine: swarm`); nil for `docker compose` on one server.
    public var swarm: SwarmSettings?
    /// This environment's `secrets:`, over the top-level ones.
    public var secrets: [SecretCommand] = []
    /// This environment's `notify:`, instead of the top-level one when set.
    public var notify: [NotifyTarget]?

    /// The address checks use for `host`, from ``resolve`` (an exact name first, then `*.<parent>`).
    public func resolved(_ host: String) -> ResolvedAddress? {
        if let exact = resolve[host] { return exact }
        var parent = Substring(host)
        while let dot = parent.firstIndex(of: ".") {
            parent = parent[parent.index(after: dot)...]
            if let wildcard = resolve["*.\(parent)"] { return wildcard }
        }
        return nil
    }
}

/// An address a hostname resolves to for Berth's checks: an IP, and the HTTPS port when it is not 443.
public struct ResolvedAddress: Sendable, Hashable {
    public var ip: String
    public var port: Int

    public init(ip: String, port: Int = 443) {
        self.ip = ip
        self.port = port
    }
}

/// How Berth reaches an `ssh://` target; host keys are always checked strictly.
public struct SSHSettings: Sendable, Hashable {
    /// A `known_hosts` file to trust instead of the user's.
    public var knownHosts: String?
    /// The private key to log in with.
    public var identityFile: String?
    /// Seconds to wait for the connection.
    public var connectTimeout: Int = 10

    public init(knownHosts: String? = nil, identityFile: String? = nil, connectTimeout: Int = 10) {
        self.knownHosts = knownHosts
        self.identityFile = identityFile
        self.connectTimeout = connectTimeout
    }
}

/// Where a deploy goes: a folder on this machine or a folder on an SSH host.
public enum DeployTarget: Sendable, Hashable, CustomStringConvertible {
    case file(path: String)
    case ssh(user: String?, host: String, port: Int?, path: String)

    /// The deploy folder on the machine that runs the stack.
    public var path: String {
        switch self {
        case .file(let path), .ssh(_, _, _, let path): path
        }
    }

    public var description: String {
        switch self {
        case .file(let path): "file:\(path)"
        case .ssh(let user, let host, let port, let path):
            "ssh://" + (user.map { "\($0)@" } ?? "") + host + (port.map { ":\($0)" } ?? "") + path
        }
    }
}
