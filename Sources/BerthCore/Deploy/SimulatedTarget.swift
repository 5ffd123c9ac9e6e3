import Foundation
import ServicePlugin

/// Answers a deploy's commands as a healthy target would, without running them: for `berth deploy --dry-run`.
///
/// The lock is free, the live release is `live` (read from the real target beforehand), every
/// required `.env` key is set, and every container runs healthy. Anything else succeeds silently.
public struct SimulatedTarget: Sendable {
    public let stack: Stack
    public let live: ReleaseRecord?

    public init(stack: Stack, live: ReleaseRecord?) {
        self.stack = stack
        self.live = live
    }

    public func answer(_ command: ShellCommand) -> CommandResult {
        let line = command.arguments.joined(separator: " ")
        if line.contains("echo ACQUIRED") {
            let record = live.map { String(decoding: ReleaseCommands.jsonLine($0), as: UTF8.self) } ?? ""
            return CommandResult(status: 0, stdout: "ACQUIRED\n" + record)
        }
        if line.contains("compose version --short") { return CommandResult(status: 0, stdout: preflightAnswer) }
        if line.contains("#userns=") { return CommandResult(status: 0, stdout: Self.inspect(services: serviceNames)) }
        if line.contains("label=com.docker.stack.namespace") && line.contains("service$t") { return CommandResult(status: 0, stdout: swarmAnswer) }
        return CommandResult(status: 0)
    }

    var serviceNames: [String] { stack.serviceNames }

    var preflightAnswer: String {
        var lines = ["docker=simulated||\(stack.orchestrator.expectedSwarmState)", "compose=2.0.0-simulated", "rsync=/usr/bin/rsync", "flock=/usr/bin/flock"]
        for (module, path) in Preflight.envFiles(stack, remote: Remote(stack.environment)) {
            lines.append("file=\(path)")
            lines += module.envSchema.filter(\.required).map { "key=\($0.name)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The Swarm facts of a cluster where every node is ready and every service runs all its replicas.
    var swarmAnswer: String {
        let nodes = stack.orchestrator.nodeNames.map { "node\t\($0)\tReady\tActive" }
        let services = serviceNames.map { "service\t\(stack.context.name)_\($0)\t1/1\treplicated" }
        return (["now\t0"] + nodes + services).joined(separator: "\n") + "\n"
    }

    /// `docker inspect` output for running, healthy containers of these services.
    public static func inspect(services: [String], health: [String: String] = [:]) -> String {
        let objects: [[String: Any]] = services.enumerated().map { index, service in
            [
                "Id": "c\(index + 1)-\(service)",
                "Config": ["Labels": ["com.docker.compose.service": service]],
                "State": ["Status": "running", "Health": ["Status": health[service] ?? "healthy"]],
                "RestartCount": 0,
                "Image": "sha256:simulated",
                "NetworkSettings": ["Networks": ["default": ["IPAddress": "10.0.0.\(index + 2)"]]],
            ]
        }
        let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
