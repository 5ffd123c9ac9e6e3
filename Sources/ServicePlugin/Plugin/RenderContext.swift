/// What a module sees while rendering: the stack settings plus what other modules provide.
@dynamicMemberLookup
public struct RenderContext: Sendable {
    /// Stack-wide settings.
    public var stack: StackContext
    /// The image each of this module's ``ImageSpec``s resolved to, by spec name; read it with ``image(_:)``.
    public var images: [String: ImageRef]
    /// The enabled identity provider, if any.
    public var identity: IdentityProviderInfo?
    /// Every OIDC client requested by the enabled modules.
    public var oidcClients: [OIDCClientRequest]
    /// Every route of the stack, already resolved (middlewares attached).
    public var routes: [ResolvedRoute]

    public init(
        stack: StackContext, images: [String: ImageRef] = [:], identity: IdentityProviderInfo? = nil,
        oidcClients: [OIDCClientRequest] = [], routes: [ResolvedRoute] = []
    ) {
        self.stack = stack
        self.images = images
        self.identity = identity
        self.oidcClients = oidcClients
        self.routes = routes
    }

    public subscript<T>(dynamicMember keyPath: KeyPath<StackContext, T>) -> T {
        stack[keyPath: keyPath]
    }

    /// The public hostname for a subdomain.
    public func host(_ subdomain: String) -> String { stack.host(subdomain) }

    /// A persistent folder under `data_root` for one module.
    public func dataPath(_ plugin: String, _ sub: String) -> String { stack.dataPath(plugin, sub) }

    /// A never-backed-up folder under `scratch_root` for one module.
    public func scratchPath(_ plugin: String, _ sub: String) -> String { stack.scratchPath(plugin, sub) }

    /// The resolved image of one of the module's ``ImageSpec``s, e.g. `context.image(Self.postgres)`.
    ///
    /// The host resolves every image the module lists in ``ServicePlugin/images``; a spec left out of
    /// that list falls back to its own default tag.
    public func image(_ spec: ImageSpec) -> ImageRef {
        images[spec.name] ?? ImageRef(repository: spec.repository, tag: spec.defaultTag)
    }
}
