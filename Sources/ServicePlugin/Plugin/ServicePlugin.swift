/// Anything the stack runs, described as values: a module from the registry, or one of the user's apps.
///
/// A member never executes anything. The host asks it for data (a compose fragment, an env schema,
/// health checks, backup hooks, routes) and does the work itself. Modules conform through
/// ``ServicePlugin``, which adds how the registry creates them from options.
public protocol StackMember: Sendable {
    /// The key under `services:` in `berth.yaml`, the folder name and the service-name prefix.
    static var id: String { get }
    /// One line for `berth modules`.
    static var summary: String { get }
    /// The options the module reads: its ``OptionKey`` keys, with types, defaults and descriptions.
    static var options: [any OptionDeclaration] { get }
    /// The images the module runs; the first one is the one `version:` overrides.
    static var images: [ImageSpec] { get }

    /// This member's id: a module's ``id``, or an app's own name.
    var id: String { get }
    /// This member's images: a module's ``images``, or the image an app names.
    var images: [ImageSpec] { get }

    /// What the module needs from others, with the reason shown when nobody provides it.
    func requirements(in context: StackContext) -> [Requirement]
    /// Hostnames and paths the module serves, each pointing at a container port.
    func routes(in context: StackContext) -> [Route]
    /// OIDC clients the module needs an identity provider to register.
    func oidcClients(in context: StackContext) -> [OIDCClientRequest]

    /// The services and extra files of this module's folder.
    func compose(in context: RenderContext) -> ComposeFragment
    /// Every key the module's `.env` holds, including every variable the fragment interpolates.
    func envSchema(in context: RenderContext) -> [EnvKey]
    /// Checks that tell whether the module is healthy.
    func healthChecks(in context: RenderContext) -> [HealthCheck]
    /// What to dump, include and exclude when backing up.
    func backup(in context: RenderContext) -> BackupSpec
    /// Module-specific rules over the options and the stack, reported by `berth validate`.
    func assertions(in context: StackContext) -> [Assertion]
    /// Pieces that wire themselves (a ``PostgresSidecar``): the host merges their services, keys, checks and backup into the member's.
    var parts: [any ModulePart] { get }
}

/// Placement constraints modules name by default.
public enum SwarmDefaults {
    /// Nodes that take the internet's traffic: `swarm.nodes.<name>.labels.edge: "true"`.
    public static let edge = "node.labels.edge == true"
    /// The managers: only their Docker API lists the cluster's services and tasks.
    public static let manager = "node.role == manager"
}

/// A service module: everything Berth needs to run one service, described as values.
///
/// The required core is five members: ``StackMember/id``, ``StackMember/summary``,
/// ``StackMember/images``, ``init(options:)`` and ``StackMember/compose(in:)``. Everything else
/// has an empty default in an extension. A module that plays a role for the others conforms to that
/// role's protocol as well: ``ReverseProxy``, ``IdentityProvider`` or ``BackupToolProvider``;
/// ``StackMember/provides`` is derived from those conformances.
public protocol ServicePlugin: StackMember {
    /// Creates the plugin from options the host has already checked against ``StackMember/options``.
    init(options: OptionValues)
    /// Host-folder options read back from a running container when Berth takes a project over (`deploy --adopt`):
    /// the container path the module mounts the option's folder at, and the option's name. Empty by default.
    static var adoptedMounts: [String: String] { get }
}

extension ServicePlugin {
    public static var adoptedMounts: [String: String] { [:] }
}

extension StackMember {
    /// The module's id, reachable from an instance.
    public var id: String { Self.id }

    /// The module's images, reachable from an instance.
    public var images: [ImageSpec] { Self.images }

    /// The specs of ``options``, as the host checks `berth.yaml` against them.
    public static var optionSpecs: [OptionSpec] { options.map(\.spec) }

    /// The config path of one of the module's options: `services.<id>.<option>`.
    public static func path<Value>(_ option: OptionKey<Value>) -> String {
        "services.\(id).\(option.name)"
    }

    /// A rule about one option, reported at that option's config path.
    public func assertion<Value>(_ holds: Bool, _ option: OptionKey<Value>, _ message: String) -> Assertion {
        Assertion(holds, path: Self.path(option), message)
    }
}
