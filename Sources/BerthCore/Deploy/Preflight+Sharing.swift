import ServicePlugin

extension Preflight {
    /// Runs `$3…` in the container of compose project `$1`, service `$2`; exit 3 when there is none.
    static let execScript = """
        c=$(docker ps -q --filter "label=com.docker.compose.project=$1" --filter "label=com.docker.compose.service=$2" | head -n1)
        [ -n "$c" ] || exit 3
        shift 2
        exec docker exec "$c" "$@"
        """

    /// The command that prints the configuration the owner's proxy runs, as a value.
    static func ownerConfigurationCommand(_ shared: SharedProxy, probe: ConfigurationProbe, remote: Remote) -> ShellCommand {
        remote.script(execScript, [shared.project, shared.proxyService] + probe.argv)
    }

    /// A sharing environment's routes are the owner's proxy configuration: rendered, and loaded, by the owner's
    /// deploy. A route added here is served only once the owner is deployed, so the deploy says so first.
    func servedByOwner(_ stack: Stack) async throws -> [String] {
        guard let shared = stack.sharedProxy, let probe = shared.configurationProbe else { return [] }
        let result = try await runner.run(Self.ownerConfigurationCommand(shared, probe: probe, remote: remote), timeout: 30)
        let deploy = "deploy \(shared.environment) first (`berth deploy \(shared.environment)`)"
        guard result.succeeded else {
            let what = result.status == 3 ? "is not running" : "cannot be read (exit \(result.status))"
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
