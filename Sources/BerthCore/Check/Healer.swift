import ServicePlugin

/// `berth check --heal`: restarts the containers whose container check failed.
public struct Healer: Sendable {
    public let remote: Remote
    public let runner: any CommandRunner
    /// Where the wait for healed services says what it waits on.
    public let progress: any ProgressReporter

    public init(remote: Remote, runner: any CommandRunner, progress: any ProgressReporter = SilentProgress()) {
        self.remote = remote
        self.runner = runner
        self.progress = progress
    }

    /// What was done to one service.
    public struct Action: Codable, Sendable, Equatable {
        public var service: String
        /// `started` for a stopped or missing container, `restarted` for an unhealthy one.
        public var action: String
    }

    /// Starts stopped services and restarts unhealthy ones among `results`' failed container checks.
    public func heal(_ results: [CheckResult], stack: Stack, facts: StackFacts) async throws -> [Action] {
        var actions: [Action] = []
        for module in stack.modules {
            for check in module.healthChecks {
                guard case .container(let service) = check.kind,
                    results.contains(where: { $0.module == module.id && $0.check == check.name && $0.status == .fail })
                else { continue }
                let running = facts.containers[service]?.state == "running"
                let argv: [ShellCommand.Argument] =
                    running
                    ? ["docker", "compose", "restart", .plain(service)]
                    : ["docker", "compose", "up", "-d", "--no-deps", .plain(service)]
                try await runner.check(remote.command(argv, in: remote.root), timeout: 120, what: "\(running ? "restarting" : "starting") \(service)")
                actions.append(Action(service: service, action: running ? "restarted" : "started"))
            }
        }
        return actions
    }
}
