@testable import BerthCore
import ServicePlugin
import Testing

/// `healthcheck_interval:`: an environment's cap on every container healthcheck's interval, for test and CI stacks.
@Suite struct EnvironmentHealthcheckIntervalTests {
    static func local(_ interval: String) -> String { EnvironmentProxyTests.environments("    certificates: internal\n    healthcheck_interval: \(interval)") }

    /// The rendered intervals of every service in `environment`: service → interval.
    static func intervals(_ text: String, environment: String) throws -> [String: String] {
        let stack = try Fixtures.stack(text, environment: environment)
        let services = stack.modules.flatMap(\.fragment.services)
        return Dictionary(uniqueKeysWithValues: services.compactMap { service in service.healthcheck.map { (service.name, $0.interval) } })
    }

    @Test func capsLongerIntervalsAndLeavesShorterOnesAndOtherEnvironments() throws {
        let text = Self.local("2s")
        let capped = try Self.intervals(text, environment: "local")
        let own = try Self.intervals(text, environment: "production")
        #expect(!capped.isEmpty && capped.keys.sorted() == own.keys.sorted())
        #expect(own["authentik-server"] == "30s" && own["watchtower"] == "60s", "\(own)")
        #expect(capped.values.allSatisfy { $0 == "2s" }, "\(capped)")
        // A cap above a module's interval leaves that one as it is.
        let loose = try Self.intervals(Self.local("20s"), environment: "local")
        for (service, interval) in own {
            #expect(loose[service] == ((ContainerHealthcheck.seconds(interval) ?? 0) > 20 ? "20s" : interval), "\(service)")
        }
    }

    @Test func readsGoDurations() {
        #expect(ContainerHealthcheck.seconds("1m30s") == 90)
        #expect(ContainerHealthcheck.seconds("250ms") == 0.25)
        #expect(ContainerHealthcheck.seconds("1h") == 3600)
        #expect(ContainerHealthcheck.seconds("1.5s") == 1.5)
        for bad in ["", "5", "s", "5x", "5 s"] { #expect(ContainerHealthcheck.seconds(bad) == nil, "\(bad)") }
    }

    @Test func aValueThatIsNoDurationOrUnderASecondIsRefusedWithItsPath() {
        for (value, message) in [("soon", "must be a duration such as 30s"), ("500ms", "must be 1s or more")] {
            #expect {
                try Fixtures.config(Self.local(value))
            } throws: { error in
                let lines = (error as? DiagnosticsError)?.diagnostics.map(\.description) ?? []
                return lines.count == 1 && lines[0].contains("environments.local.healthcheck_interval: \(message)")
            }
        }
    }
}
