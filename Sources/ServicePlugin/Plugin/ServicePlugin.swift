/// A service module: everything Berth needs to run one service, described as values.
///
/// A plugin never executes anything. The host asks it for data (a compose fragment,
/// an env schema, health checks, backup hooks, routes) and does the work itself.
/// Only ``id``, ``summary``, ``images``, ``init(options:)`` and ``compose(in:)`` are
/// required; every other requirement has an empty default in an extension.
public protocol ServicePlugin: Sendable {
    /// The key under `services:` in `berth.yaml`, the folder name and the service-name prefix.
    static var id: String { get }
    /// One line for `berth plugins`.
    static var summary: String { get }
    /// The options the module reads, with types, defaults and descriptions.
    static var options: [OptionSpec] { get }
    /// The images the module runs; the first one is the one `version:` overrides.
    static var images: [ImageSpec] { get }

    /// Creates the plugin from options the host has already checked against ``options``.
    init(options: OptionValues)

    /// What the module offers to others (a reverse proxy, an identity provider, ...).
    var provides: [Capability] { get }
    /// What the module needs from others, with the reason shown when nobody provides it.
    func requirements(in context: StackContext) -> [Requirement]
    /// Hostnames and paths the module serves, each pointing at a container port.
    func routes(in context: StackContext) -> [Route]
    /// OIDC clients the module needs an identity provider to register.
    func oidcClients(in context: StackContext) -> [OIDCClientRequest]
    /// Data the module exposes when it provides ``Capability/identityProvider``.
    func identityProvider(in context: StackContext) -> IdentityProviderInfo?

    /// The services and extra files of this module's folder.
    func compose(in context: RenderContext) -> ComposeFragment
    /// Every key the module's `.env` holds, including every variable the fragment interpolates.
    func envSchema(in context: RenderContext) -> [EnvKey]
    /// Checks that tell whether the module is healthy.
    func healthChecks(in context: RenderContext) -> [HealthCheck]
    /// What to dump, include and exclude when backing up.
    func backup(in context: RenderContext) -> BackupSpec
    /// The commands that drive the module as the stack's backup engine, when it provides ``Capability/backupEngine``.
    func backupEngine(in context: RenderContext) -> (any BackupEngine)?
    /// Labels the module adds to a routed service when it provides ``Capability/reverseProxy``.
    func proxyLabels(for route: ResolvedRoute, in context: RenderContext) -> [Label]
    /// Module-specific rules over the options and the stack, reported by `berth validate`.
    func assertions(in context: StackContext) -> [Assertion]
}

extension ServicePlugin {
    /// The module's id, reachable from an instance.
    public var id: String { Self.id }
}
