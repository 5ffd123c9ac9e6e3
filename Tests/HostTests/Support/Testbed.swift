import BerthCore
import Foundation

/// The test bed brought up by `scripts/testbed up`: Docker, a registry with stand-in images, sshd on 127.0.0.1:2222.
enum Testbed {
    static let envFile = "/var/lib/berth-testbed/env"

    /// Values from the test bed's env file.
    static let settings: [String: String] = {
        guard let text = try? String(contentsOfFile: envFile, encoding: .utf8) else { return [:] }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) }
        }
        return values
    }()

    static var registry: String { settings["BERTH_TESTBED_REGISTRY"] ?? "127.0.0.1:5000" }
    static var sshPort: String { settings["BERTH_TESTBED_SSH_PORT"] ?? "2222" }
    static var sshKey: String { settings["BERTH_TESTBED_SSH_KEY"] ?? "/var/lib/berth-testbed/ssh/id_ed25519" }
    static var knownHosts: String { settings["BERTH_TESTBED_KNOWN_HOSTS"] ?? "/var/lib/berth-testbed/ssh/known_hosts" }

    /// The lines of root's crontab that Berth put there for these stacks: suites running at once each add and take
    /// out their own, so a test compares only its stacks' lines.
    static func cronLines(_ names: String...) throws -> String {
        try Run.shell("crontab -l 2>/dev/null | grep -E '# berth backup (\(names.joined(separator: "|")))$' || true").stdout
    }

    /// Traefik's options for free loopback ports, so that suites running at once do not meet on a port.
    static func traefikOnFreePorts() throws -> String {
        "{ http_port: \(try LoopbackPort.free()), https_port: \(try LoopbackPort.free()), bind_address: 127.0.0.1 }"
    }

    /// A config for a stack deployed over SSH to `server` on this machine, through the test bed's registry.
    static func config(
        name: String, server: String, watchtower: String = "{}", traefik: String, engine: String = "kopia: {}", top: String = ""
    ) -> String {
        config(
            name: name, server: server, top: top,
            services: """
                  traefik: \(traefik)
                  authentik: {}
                  planka: { oidc_admin_roles: [bureau] }
                  \(engine)
                  watchtower: \(watchtower)
                """)
    }

    /// The same with the `services:` lines given (each indented by two spaces), and `top` lines at the top level.
    static func config(name: String, server: String, top: String = "", services: String) -> String {
        """
        \(top)name: \(name)
        domain: berth.test
        timezone: Europe/Paris
        acme_email: admin@berth.test
        data_root: \(server)/data
        scratch_root: \(server)/scratch
        dumps_dir: \(server)/dumps
        services:
        \(services)
        \(environments(server: server))
        """
    }

    /// The `environments:` block of a test stack on `server`: the test bed's SSH target, registry and internal CA.
    static func environments(server: String) -> String {
        """
        environments:
          testbed:
            target: "ssh://root@127.0.0.1:\(sshPort)\(server)/services"
            registry_mirror: "\(registry)"
            certificates: internal
            healthcheck_interval: 1s
            ssh: { known_hosts: "\(knownHosts)", identity_file: "\(sshKey)" }
        """
    }
}
