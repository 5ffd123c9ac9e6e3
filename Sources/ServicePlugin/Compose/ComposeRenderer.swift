import Foundation

/// Turns typed compose services into the YAML tree of a compose file.
public enum ComposeRenderer {
    /// A module's `docker-compose.yaml` contents, for an engine with `features`.
    public static func file(_ fragment: ComposeFragment, module: String, features: DockerFeatures = .baseline) -> String {
        let services = YAMLValue.map(fragment.services.map { ($0.name, value($0, features: features)) })
        var document = [("services", services)]
        let networks =
            fragment.networks.map { ($0, YAMLValue.map([])) }
            + fragment.externalNetworks.sorted { $0.key < $1.key }.map { ($0.key, YAMLValue.map([("external", .bool(true)), ("name", .string($0.value))])) }
        if !networks.isEmpty { document.append(("networks", .map(networks))) }
        return "# Rendered by Berth from module \(module). Do not edit: change berth.yaml and render again.\n"
            + YAMLEmitter.emit(.map(document))
    }

    /// One service in compose form, keys in a fixed order.
    public static func value(_ service: ComposeService, features: DockerFeatures = .baseline) -> YAMLValue {
        .compact(
            [
                ("image", service.image.map { .string($0.description) }),
                ("build", service.build.map { .string($0) }),
                ("restart", service.restart.map { .string($0.rawValue) }),
                ("user", service.user.map { .string($0) }),
                ("entrypoint", service.entrypoint.map { .strings($0.map { ComposeText.escaped($0) }) }),
                ("command", service.command.map { .strings($0.map(\.rendered)) }),
                ("environment", service.environment.isEmpty ? nil : .map(service.environment.map { ($0.key, .string($0.value.rendered)) })),
                ("env_file", service.envFiles.isEmpty ? nil : .strings(service.envFiles)),
                ("ports", service.ports.isEmpty ? nil : .strings(service.ports.map(\.shortSyntax))),
                ("volumes", service.volumes.isEmpty ? nil : .strings(service.volumes.map(\.shortSyntax))),
                ("labels", service.labels.isEmpty ? nil : .strings(service.labels.map { "\($0.key)=\(ComposeText.escaped($0.value))" })),
                ("healthcheck", service.healthcheck.map { value($0, features: features) }),
                ("depends_on", service.dependsOn.isEmpty ? nil : .map(service.dependsOn.map(value))),
                ("networks", service.networks.isEmpty ? nil : .strings(service.networks)),
            ] + hardening(service))
    }

    /// The keys of ``ContainerHardening``, in a fixed order after the service's own.
    static func hardening(_ service: ComposeService) -> [(String, YAMLValue?)] {
        let hardening = service.hardening
        let securityOpt = (hardening.noNewPrivileges ? ["no-new-privileges:true"] : []) + service.securityOpt.filter { $0 != "no-new-privileges:true" }
        return [
            ("security_opt", securityOpt.isEmpty ? nil : .strings(securityOpt)),
            ("cap_drop", hardening.capabilities == nil ? nil : .strings(["ALL"])),
            ("cap_add", (hardening.capabilities ?? []).isEmpty ? nil : .strings(hardening.capabilities ?? [])),
            ("read_only", hardening.readOnlyRoot ? .bool(true) : nil),
            ("tmpfs", hardening.tmpfs.isEmpty ? nil : .strings(hardening.tmpfs)),
            ("mem_limit", .string(hardening.memory)),
            ("pids_limit", .int(hardening.pids)),
            ("cpu_shares", .int(hardening.cpuShares)),
            ("cpus", service.cpus.map { .string(String($0)) }),
        ]
    }

    /// A healthcheck in compose form; `start_interval` only where the engine has it.
    public static func value(_ check: ContainerHealthcheck, features: DockerFeatures = .baseline) -> YAMLValue {
        let test: YAMLValue =
            switch check.test {
            case .exec(let argv): .strings(["CMD"] + argv.map { ComposeText.escaped($0) })
            case .shell(let line): .strings(["CMD-SHELL", ComposeText.escaped(line)])
            }
        return .compact([
            ("test", test),
            ("interval", .string(check.interval)),
            ("timeout", .string(check.timeout)),
            ("retries", .int(check.retries)),
            ("start_period", .string(check.startPeriod)),
            ("start_interval", features.startInterval ? check.startInterval.map { .string($0) } : nil),
        ])
    }

    static func value(_ dependency: Dependency) -> (String, YAMLValue) {
        var fields: [(String, YAMLValue)] = [("condition", .string(dependency.condition.rawValue))]
        if dependency.restart { fields.append(("restart", true)) }
        return (dependency.service, .map(fields))
    }
}
