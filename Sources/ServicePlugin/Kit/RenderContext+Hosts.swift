extension RenderContext {
    /// Every hostname the stack's routes answer on, redirecting hosts included, once each in name order.
    ///
    /// A proxy needs a certificate for each, so its checks watch each one's expiry.
    public var routedHosts: [String] {
        Set(routes.flatMap { $0.route.hosts + $0.route.redirectFrom }).sorted()
    }
}
