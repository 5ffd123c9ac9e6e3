import ServicePlugin

extension Traefik: SwarmPlaced, SwarmPollingProxy {
    /// On Swarm, Traefik answers on the edge nodes (host-mode ports) that are managers: only a manager's API lists the tasks.
    public func swarmPlacement(in context: StackContext) -> [String: [String]] {
        [Self.proxy.name: [SwarmDefaults.edge, SwarmDefaults.manager]]
    }

    /// How often the swarm provider lists the tasks; Traefik's default is 15 s.
    ///
    /// Swarm takes a stopping task out of its own DNS, waits 2 s, then signals it; Traefik only sees the task's
    /// desired state change at its next poll, and applies it after the throttle. One second and a tenth of one
    /// stay within those 2 s, so a task is dropped from its load balancer before the task stops answering
    /// (traefik/traefik #11252: at 15 s, rolling updates send requests to stopped tasks).
    static let swarmRefresh = "1s"
    static let swarmThrottle = "100ms"
    /// The entry point's middleware that sends a request whose connection failed to another task.
    static let retryMiddleware = "berth-retry"

    /// A routed task that Traefik still sends a request to after Swarm signalled it has this long to answer:
    /// far longer than the poll, so that a late poll costs time and not the request.
    public func swarmStopGracePeriod(in context: RenderContext) -> String { "10s" }

    /// The swarm provider: this stack's services only, each task reached on the stack's network.
    func swarmProvider(_ context: RenderContext) -> YAMLValue {
        .map([
            ("exposedByDefault", false),
            // `docker stack deploy` labels every service with its stack: another stack on the cluster is never routed.
            ("constraints", .string("Label(`com.docker.stack.namespace`,`\(context.name)`)")),
            // A task on several networks is reached on the one Traefik shares with it.
            ("network", .string("\(context.name)_default")),
            ("refreshSeconds", .string(Self.swarmRefresh)),
        ])
    }

    /// Labels of Traefik's own service on Swarm: a task's labels name no exposed port, and the swarm provider
    /// drops a service without one, routers and all (the dashboard's); the unpublished API port is that port.
    func swarmLabels(_ context: RenderContext) -> [Label] {
        context.stack.swarm ? [Label("traefik.http.services.\(Self.id)-api.loadbalancer.server.port", String(Self.proxy.requiredPort))] : []
    }

    /// On Swarm, every router of the HTTPS entry point retries a request whose connection failed.
    ///
    /// A node that is lost takes its tasks with it, and Traefik keeps them until the manager has given up on the
    /// node (some 10 s); a connection to one of them times out. After the short dial timeout the request goes to
    /// another task instead, up to 30 times (3 s, as Caddy tries for 5 s): with two of three replicas lost, five
    /// attempts still failed one request in twenty. A task whose engine stops under it may take a request and
    /// close the connection unanswered; Traefik answers that 502 itself and retries only while no byte of the
    /// request reached a task, so a 502 to an idempotent request is retried too, as Caddy retries a GET whose
    /// round trip failed. Within 5 s: a slow request is not sent again after that.
    func swarmEntryPoint(_ context: RenderContext) -> [(String, YAMLValue)] {
        context.stack.swarm ? [("middlewares", .strings(["\(Self.retryMiddleware)@file"]))] : []
    }

    /// The dial timeout to a task: the overlay's nodes are on one network, where a connection takes a millisecond.
    func swarmTransport(_ context: RenderContext) -> YAMLValue? {
        context.stack.swarm ? .map([("forwardingTimeouts", .map([("dialTimeout", "100ms")]))]) : nil
    }

    /// The retry middleware, in a file of the file provider.
    func swarmFiles(_ context: RenderContext) -> [ExtraFile] {
        guard context.stack.swarm else { return [] }
        let retry: YAMLValue = .map([("retry", .map([("attempts", 30), ("status", .strings(["502"])), ("timeout", "5s")]))])
        let document: YAMLValue = .map([("http", .map([("middlewares", .map([(Self.retryMiddleware, retry)]))]))])
        return [
            .yaml(
                "dynamic-conf/\(Self.retryMiddleware).yaml", document,
                header: "Rendered by Berth: on Swarm, a request whose connection to a task failed, or that a task dropped unanswered, goes to another.")
        ]
    }
}
