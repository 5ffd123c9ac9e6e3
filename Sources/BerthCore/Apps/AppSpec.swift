import ServicePlugin

/// One entry of `apps:` in berth.yaml: the user's own image, described as data.
public struct AppSpec: Sendable, Hashable {
    /// The key under `apps:`; the folder name and the service-name prefix.
    public var name: String
    /// The image repository, e.g. `ghcr.io/tangram-orchestre/backend`.
    public var image: String
    /// The tag deployed unless `--tag` names another.
    public var tag: String
    /// The port the app listens on inside its container.
    public var port: Int?
    public var command: [String]?
    /// Plain environment values, written so that compose does not interpolate them.
    public var env: [EnvironmentEntry]
    /// Keys of the app's `.env`.
    public var secrets: [AppSecret]
    public var routes: [AppRoute]
    /// Named folders: `data_root/<app>/<name>` (backed up) or `scratch_root/<app>/<name>` (not).
    public var volumes: [AppVolume]
    /// A PostgreSQL sidecar with a generated password and `DATABASE_URL`.
    public var database: Bool
    public var health: AppHealth?
    /// `uid:gid`; nil keeps the image's own user.
    public var user: String?
    public var memory: String?
    public var cpus: Double?
    /// Other apps started first.
    public var dependsOn: [String]
    /// compose's `pids_limit`; nil for the default of 256.
    public var pids: Int? = nil
    /// A read-only root filesystem with `/tmp` in memory (`read_only:`, true unless set false).
    public var readOnlyRoot: Bool = true
}

/// A key of an app's `.env`: generated once by `env init`, or required and set by the admin.
public struct AppSecret: Sendable, Hashable {
    public var name: String
    /// nil: the admin sets it.
    public var generator: SecretGenerator?
}

/// A route of an app, with hosts as written: `web` is `web.<domain>`, `@` the domain itself.
public struct AppRoute: Sendable, Hashable {
    public var hosts: [String]
    public var paths: [String]
    /// The prefix removed before the request reaches the app; nil for none.
    public var stripPrefix: String?
    public var priority: Int
    public var redirectFrom: [String]
    public var protected: Bool
    public var identityHeaders: [IdentityHeader]
}

/// A named folder an app keeps.
public struct AppVolume: Sendable, Hashable {
    public var name: String
    public var path: String
    /// Caches: under `scratch_root`, never backed up.
    public var scratch: Bool
}

/// How Berth and Docker tell the app is healthy.
public enum AppHealth: Sendable, Hashable {
    case http(path: String)
    case command([String])
}
