import ServicePlugin

/// `berth exec`: a command in a service's running container, attached to this terminal.
public enum ServiceExec {
    /// The exit status when the service has no running container, as `docker exec` uses for its own failures.
    public static let noContainer: Int32 = 125

    /// The command on the target: `argv` in the service's running container, found by compose's labels, with a
    /// terminal when `terminal`, else with standard input passed through; the command's exit status is the script's.
    public static func command(_ remote: Remote, project: String, service: String, argv: [String], terminal: Bool) -> ShellCommand {
        ComposeOrchestrator.locator(service, project: project, on: remote).exec(argv, terminal: terminal)
    }

    /// Runs `argv` in `service`'s container; returns its exit status. An unknown service is a usage error.
    public static func run(_ stack: Stack, service: String, argv: [String], terminal: Bool, runner: any CommandRunner) async throws -> Int32 {
        try stack.requireContainers("berth exec", instead: "a service's tasks run on any node; use `docker exec` on the node that runs one")
        guard stack.serviceNames.contains(service) else {
            throw BerthError.usage("unknown service '\(service)' (services: \(stack.serviceNames.joined(separator: ", ")))")
        }
        let command = command(Remote(stack.environment), project: stack.context.name, service: service, argv: argv, terminal: terminal)
        return try await runner.attach(command, standardInput: true)
    }
}
