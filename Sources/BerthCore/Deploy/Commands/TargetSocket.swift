import ServicePlugin

/// The Docker socket that modules mount (Traefik, Dozzle, Watchtower): the environment's `docker_socket:`
/// when it sets one, else the one the deploy user's Docker listens on, asked of the target.
///
/// `docker context inspect` follows `DOCKER_HOST` and the user's current context, so a rootless engine
/// (`/run/user/1000/docker.sock`) is found without a setting. Deploy and plan both ask, so they agree.
public enum TargetSocket {
    static let script = "docker context inspect --format '{{.Endpoints.docker.Host}}' 2>/dev/null"

    /// The question, as a value.
    public static func command(_ remote: Remote) -> ShellCommand {
        remote.script(script, [])
    }

    /// The stack rebuilt with the target's socket where that differs from the default it was rendered with.
    ///
    /// When the target cannot be asked, the stack is returned as it is: preflight then says what is wrong.
    /// A deploy asks nothing here: its preflight reads the same answer (``adapt(_:host:)``).
    public static func adapt(_ stack: Stack, runner: any CommandRunner) async -> Stack {
        guard stack.environment.dockerSocket == nil, stack.mountsDockerSocket else { return stack }
        let remote = Remote(stack.environment)
        guard let result = try? await runner.run(command(remote), timeout: Double(remote.ssh.connectTimeout) + 10), result.succeeded else { return stack }
        return adapt(stack, host: result.stdout)
    }

    /// The stack rebuilt for `host`, the engine's address as `docker context inspect` prints it (`unix:///run/user/1000/docker.sock`),
    /// when the environment sets no socket and the address is another socket than the one rendered.
    public static func adapt(_ stack: Stack, host: String) -> Stack {
        guard stack.environment.dockerSocket == nil, stack.mountsDockerSocket else { return stack }
        let host = host.trimmingCharacters(in: .whitespacesAndNewlines)
        guard host.hasPrefix("unix://") else { return stack }
        let path = String(host.dropFirst("unix://".count))
        guard path != stack.context.dockerSocket, Validators.hostPath(path) == nil else { return stack }
        var config = stack.config
        guard let index = config.environments.firstIndex(where: { $0.name == stack.environment.name }) else { return stack }
        config.environments[index].dockerSocket = path
        return (try? StackBuilder(registry: stack.registry).build(config, environment: stack.environment.name)) ?? stack
    }
}
