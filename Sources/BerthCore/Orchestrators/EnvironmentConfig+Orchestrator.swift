import ServicePlugin

extension EnvironmentConfig {
    /// The one place an environment's `engine:` becomes behaviour.
    public var orchestrator: any Orchestrator {
        guard let settings = swarm else { return ComposeOrchestrator() }
        return SwarmOrchestrator(settings: settings)
    }
}
