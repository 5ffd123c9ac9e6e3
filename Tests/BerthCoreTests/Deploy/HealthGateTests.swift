@testable import BerthCore
import Foundation
import Testing

/// The gate reads `docker inspect` like `berth check`; these answers are recorded from a real engine's shape.
@Suite struct HealthGateTests {
    static func inspect(_ containers: [(service: String, status: String, health: String?)]) -> String {
        let objects = containers.map { container in
            let health = container.health.map { #","Health":{"Status":"\#($0)"}"# } ?? ""
            return
                #"{"Id":"id-\#(container.service)","RestartCount":0,"State":{"Status":"\#(container.status)"\#(health)},"Config":{"Labels":{"com.docker.compose.service":"\#(container.service)"}},"NetworkSettings":{"Networks":{}}}"#
        }
        return "[" + objects.joined(separator: ",") + "]"
    }

    func gate(_ answer: String) -> HealthGate {
        let runner = RecordingRunner { _ in CommandResult(status: 0, stdout: answer) }
        return HealthGate(remote: Remote(target: .file(path: "/srv/berth"), ssh: SSHSettings()), project: "tangram", runner: runner)
    }

    @Test func passesWhenEveryServiceRunsAndIsHealthy() async throws {
        let answer = Self.inspect([("traefik", "running", "healthy"), ("watchtower", "running", nil)])
        try await gate(answer).wait(for: ["traefik", "watchtower"], timeout: 5)
    }

    @Test func anUnhealthyServiceFailsAtOnceNamingIt() async {
        let answer = Self.inspect([("traefik", "running", "unhealthy"), ("watchtower", "running", nil)])
        let start = Date()
        await #expect(throws: BerthError.failed("health gate: unhealthy: traefik (running but unhealthy)")) {
            try await gate(answer).wait(for: ["traefik", "watchtower"], timeout: 60)
        }
        #expect(Date().timeIntervalSince(start) < 30)
    }

    @Test func aMissingOrStartingServiceIsWaitedForUntilTheTimeout() async {
        let answer = Self.inspect([("traefik", "running", "starting")])
        await #expect(throws: BerthError.failed("health gate: not healthy within 1 s: traefik (running, health check starting), planka (no container for planka)")) {
            try await gate(answer).wait(for: ["traefik", "planka"], timeout: 1)
        }
    }
}
