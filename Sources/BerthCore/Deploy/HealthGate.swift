import Foundation
import ServicePlugin

/// Waits until every container of the stack runs and, where it has a Docker healthcheck, is healthy.
public struct HealthGate: Sendable {
    public let remote: Remote
    public let runner: any CommandRunner

    public init(remote: Remote, runner: any CommandRunner) {
        self.remote = remote
        self.runner = runner
    }

    /// One container as `docker compose ps --format json` reports it.
    public struct ContainerState: Decodable, Sendable, Equatable {
        public var Service: String
        public var State: String
        public var Health: String?
        public var ID: String?

        public var isReady: Bool { State == "running" && (Health ?? "").isEmpty || State == "running" && Health == "healthy" }
    }

    /// Parses both forms compose has printed: one JSON object per line, or one array.
    public static func parse(_ text: String) -> [ContainerState] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("[") { return (try? JSONDecoder().decode([ContainerState].self, from: Data(trimmed.utf8))) ?? [] }
        return trimmed.split(separator: "\n").compactMap { try? JSONDecoder().decode(ContainerState.self, from: Data($0.utf8)) }
    }

    public func states() async throws -> [ContainerState] {
        let result = try await runner.check(remote.command(["docker", "compose", "ps", "--all", "--format", "json"], in: remote.root), timeout: 30, what: "docker compose ps")
        return Self.parse(result.stdout)
    }

    /// Polls until all `services` are ready; throws naming the ones that are not.
    public func wait(for services: [String], timeout: Double) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let states = try await states()
            let byService = Dictionary(states.map { ($0.Service, $0) }, uniquingKeysWith: { first, _ in first })
            let unhealthy = services.filter { byService[$0]?.Health == "unhealthy" }
            let waiting = services.filter { byService[$0]?.isReady != true }
            if waiting.isEmpty { return }
            if !unhealthy.isEmpty || Date() >= deadline {
                let detail = waiting.map { name in
                    byService[name].map { "\(name) (\($0.State)\($0.Health.flatMap { $0.isEmpty ? nil : ", \($0)" } ?? ""))" } ?? "\(name) (no container)"
                }.joined(separator: ", ")
                let reason = unhealthy.isEmpty ? "not healthy within \(Int(timeout)) s" : "unhealthy"
                throw BerthError.failed("health gate: \(reason): \(detail)")
            }
            try await Task.sleep(nanoseconds: 1_000_000_000)
        }
    }
}
