import ServicePlugin

extension Preflight {
    /// The command that prints the configuration the owner's proxy runs, in its container on this target, as a value.
    static func ownerConfigurationCommand(_ shared: SharedProxy, probe: ConfigurationProbe, remote: Remote) -> ShellCommand {
        ComposeOrchestrator.locator(shared.proxyService, project: shared.project, on: remote).exec(probe.argv)
    }

    /// A sharing environment's routes are the owner's proxy configuration: rendered, and loaded, by the owner's
    /// deploy. A route added here is served only once the owner is deployed, so the deploy says so first.
    func servedByOwner(_ stack: Stack) async throws -> [String] {
        guard let shared = stack.sharedProxy, let probe = shared.configurationProbe else { return [] }
        let result = try await runner.run(Self.ownerConfigurationCommand(shared, probe: probe, remote: remote), timeout: 30)
        let deploy = "deploy \(shared.environment) first (`berth deploy \(shared.environment)`)"
        guard result.succeeded else {
            let what = result.status == ServiceExec.noContainer ? "is not running" : "cannot be read (exit \(result.status))"
            return ["the proxy of \(shared.environment) (\(shared.project)/\(shared.proxyService)) \(what): \(deploy)"]
        }
        let missing = probe.needles.filter { !result.stdout.contains($0) }
        guard !missing.isEmpty else { return [] }
        return [
            "the proxy of \(shared.environment) does not serve environments.\(stack.environment.name) yet (its configuration lacks \(missing.joined(separator: ", "))); "
                + "\(shared.environment)'s deploy renders it with this environment's routes: \(deploy)"
        ]
    }
}
