import ServicePlugin

/// `berth exec`: a command in a service's running container, attached to this terminal.
public enum ServiceExec {
    /// The exit status when the service has no running container, as `docker exec` uses for its own failures.
    public static let noContainer: Int32 = 125

    /// Finds the service's running container by compose's labels and replaces itself with `docker exec`,
    /// so the command's exit status is the script's. `$1` project, `$2` service, `$3` exec's flags, then the command.
    static let script = """
        c=$(docker ps -q --filter "label=com.docker.compose.project=$1" --filter "label=com.docker.compose.service=$2" | head -n1)
        [ -n "$c" ] || { echo "berth: $2 has no running container" >&2; exit 125; }
        flags=$3; shift 3
        exec docker exec "$flags" "$c" "$@"
        """

    /// The command on the target: with a terminal (`ssh -t`, `docker exec -it`) when `terminal`,
    /// else with standard input passed through (`docker exec -i`).
    public static func command(_ remote: Remote, project: String, service: String, argv: [String], terminal: Bool) -> ShellCommand {
        var command = remote.script(script, [project, service, terminal ? "-it" : "-i"] + argv)
        if terminal && !remote.isLocal { command.argv.insert("-t", at: remote.sshOptions.count) }
        return command
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
