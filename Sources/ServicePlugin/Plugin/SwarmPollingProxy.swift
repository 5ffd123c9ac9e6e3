/// A reverse proxy that learns of Swarm's tasks by polling a manager, not from Swarm's DNS.
///
/// Swarm takes a stopping task out of its DNS and load balancer, waits 2 s, then signals it. A proxy that
/// polls hears of the stop one poll later at most; the services it routes to get a `stop_grace_period`
/// that outlasts that poll, so that a request it still sends to a stopping task finds it answering.
public protocol SwarmPollingProxy: ReverseProxy {
    /// The `stop_grace_period` of every service the proxy routes to on Swarm, e.g. `10s`.
    func swarmStopGracePeriod(in context: RenderContext) -> String
}
