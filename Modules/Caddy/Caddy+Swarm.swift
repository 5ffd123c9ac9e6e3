import ServicePlugin

extension Caddy: SwarmPlaced {
    /// On Swarm, Caddy answers on the edge nodes, one task on each (host-mode ports).
    public func swarmPlacement(in context: StackContext) -> [String: [String]] {
        [Self.proxy.name: [SwarmDefaults.edge]]
    }
}
