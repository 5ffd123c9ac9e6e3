/// Stack-wide settings every module may read, resolved for one environment.
public struct StackContext: Sendable, Hashable {
    /// The compose project name.
    public var name: String
    /// The environment being rendered, e.g. `production`.
    public var environment: String
    /// The domain routes live under: `<subdomain>.<domain>`.
    public var domain: String
    /// The IANA time zone passed to containers as `TZ`.
    public var timezone: String
    /// The address ACME registers certificates with.
    public var acmeEmail: String
    /// The host folder that holds persistent bind mounts.
    public var dataRoot: String
    /// The host folder for data that is deliberately not backed up (caches, logs).
    public var scratchRoot: String
    /// The host folder where the deploy tree lives on the server.
    public var servicesDir: String
    /// The host folder where database dumps are written before a snapshot.
    public var dumpsDir: String
    /// The `uid:gid` application containers run as.
    public var user: String
    /// The ids of every enabled module.
    public var enabledModules: Set<String>
    /// Where the reverse proxy gets its certificates in this environment.
    public var certificates: CertificateSource
    /// The ACME server to use instead of the proxy's default when ``certificates`` is `acme` (`acme_ca:`).
    public var acme: ACMEServer?
    /// The Docker socket on the server, for modules that mount it.
    public var dockerSocket: String = VolumeMount.defaultDockerSocket
    /// The environment whose reverse proxy and identity provider this one uses (`shares:`), or nil.
    public var sharedFrom: String?
    /// Whether the stack runs as a Docker Swarm stack, where replicas come and go and each is reached by DNS.
    public var swarm = false
    /// A second repository the backup engine copies each snapshot to (`backup_copy_to:`), or nil.
    public var backupCopyTo: BackupRepository?
    /// What `berth backup prune` keeps (`backup_keep:`).
    public var backupKeep = BackupKeep()

    public init(
        name: String, environment: String, domain: String, timezone: String, acmeEmail: String,
        dataRoot: String, scratchRoot: String, servicesDir: String, dumpsDir: String,
        user: String = "1000:1000", enabledModules: Set<String> = [], certificates: CertificateSource = .acme
    ) {
        self.name = name
        self.environment = environment
        self.domain = domain
        self.timezone = timezone
        self.acmeEmail = acmeEmail
        self.dataRoot = dataRoot
        self.scratchRoot = scratchRoot
        self.servicesDir = servicesDir
        self.dumpsDir = dumpsDir
        self.user = user
        self.enabledModules = enabledModules
        self.certificates = certificates
    }

    /// The compose project of an environment that shares this one's proxy: `<name>-<environment>`.
    public func sharingProject(_ environment: String) -> String { "\(name)-\(environment)" }

    /// The slug of an OIDC client this stack registers: `<environment>-<slug>` where the identity provider is
    /// another environment's (`shares:`), so the provider keeps the two environments' clients apart.
    public func clientSlug(_ slug: String) -> String {
        sharedFrom == nil ? slug : "\(environment)-\(slug)"
    }

    /// The public hostname for a subdomain; an empty subdomain means the apex.
    public func host(_ subdomain: String) -> String {
        subdomain.isEmpty ? domain : "\(subdomain).\(domain)"
    }

    /// A persistent folder under ``dataRoot`` for one module.
    public func dataPath(_ plugin: String, _ sub: String) -> String {
        "\(dataRoot)/\(plugin)/\(sub)"
    }

    /// A folder under ``scratchRoot`` for one module: never backed up.
    public func scratchPath(_ plugin: String, _ sub: String) -> String {
        "\(scratchRoot)/\(plugin)/\(sub)"
    }
}

/// Where the reverse proxy gets the certificates of the stack's hostnames.
public enum CertificateSource: String, Sendable, Hashable, CaseIterable {
    /// A public CA through ACME (Let's Encrypt), registered with `acme_email`.
    case acme
    /// The proxy's own local CA, for an environment nobody reaches from the internet.
    case `internal`
}
