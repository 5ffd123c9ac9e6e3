extension RenderContext {
    /// Every identity header name of the stack: the provider's claim headers and each name a route maps a claim to.
    ///
    /// A proxy drops them from every client request, on public routes too (an app may read
    /// `X-App-User` on a public path as well), so that only a forward-auth answer ever sets them.
    public var identityHeaderNames: [String] {
        guard let identity else { return [] }
        var names = Set(identity.forwardAuth.claims.values)
        for route in routes { names.formUnion(route.route.identityHeaders.map(\.header)) }
        return names.sorted { $0.lowercased() < $1.lowercased() }
    }
}
