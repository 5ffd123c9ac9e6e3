import ServicePlugin

extension ConfigSchema {
    /// `environments:`: deploy targets by name, each with ``ConfigReader/environmentKeys``.
    static func environments(_ registry: PluginRegistry) -> SchemaValue {
        map(keys: Pattern.dnsLabel, environment(registry), "Deploy targets, by name (a DNS label); commands act on the first one unless told.")
            .with("minProperties", 1)
    }

    static func environment(_ registry: PluginRegistry) -> SchemaValue {
        let certificates = CertificateSource.allCases.map(\.rawValue)
        let engines: [OrchestratorKind] = [.compose, .swarm]
        let properties: [String: SchemaValue] = [
            "target": text(target, "Where the stack is deployed: ssh://[user@]host[:port]/path, or file:path (relative to this file's folder)."),
            "domain": text(Pattern.hostname, "This environment's domain, instead of the top-level one."),
            "data_root": text(Pattern.hostPath, "This environment's data_root."),
            "scratch_root": text(Pattern.hostPath, "This environment's scratch_root."),
            "dumps_dir": text(Pattern.hostPath, "This environment's dumps_dir."),
            "registry_mirror": text(registryMirror, "HOST[:PORT] of a registry every image is pulled through; http://HOST:PORT for plain HTTP."),
            "ssh": ssh,
            "certificates": oneOf(certificates, "Where the proxy gets certificates: a public CA (acme) or its own (internal).", default: CertificateSource.acme.rawValue),
            "acme_ca": text(acmeDirectory, "The https URL of the ACME directory the proxy asks instead of Let's Encrypt; ca_file: is its root."),
            "resolve": map(
                keys: "(\\*\\.)?\(Pattern.hostname)", text(resolvedAddress, "IP or IP:PORT, e.g. 127.0.0.1:8443."),
                "Addresses Berth's own checks use for hostnames (or *.<domain>) instead of DNS, as curl --resolve."),
            "ca_file": text(Pattern.localFile, "A PEM file of extra roots Berth's checks trust (relative to this file's folder)."),
            "shares": text(Pattern.dnsLabel, "Another environment on the same host whose proxy and identity provider this one uses."),
            "services": list(
                of: ["type": "string", "enum": .array(registry.ids.map(SchemaValue.string))], "The top-level modules this environment runs; without it, all of them."),
            "apps": environmentApps,
            "docker_socket": text(Pattern.hostPath, "The Docker socket on the target that modules mount, e.g. /run/user/1000/docker.sock."),
            "engine": oneOf(engines.map(\.rawValue), "docker compose on one server, or docker stack deploy to a Swarm manager.", default: OrchestratorKind.compose.rawValue),
            "swarm": swarm,
            "healthcheck_interval": text(Pattern.duration, "The longest interval of any container healthcheck here (1s or more), for test and CI stacks."),
            "bind_address": text(
                "\(Pattern.ipv4)|\(Pattern.ipv6)", "The host address every published port listens on here, where the module names none: 127.0.0.1 on one machine, the public address on a server."),
            "secrets": secretCommands.with("description", "This environment's secrets:, over the top-level ones."),
            "notify": notify.with("description", "This environment's notify:, instead of the top-level one."),
        ]
        return object(properties, required: ["target"], "One deploy target and what differs there.")
    }

    /// `ssh:`, with ``ConfigReader/sshKeys``.
    static var ssh: SchemaValue {
        object(
            [
                "known_hosts": text(Pattern.localFile, "A known_hosts file to trust instead of the user's (relative to this file's folder)."),
                "identity_file": text(Pattern.localFile, "The private key to log in with (relative to this file's folder)."),
                "connect_timeout": integer(1...300, "Seconds to wait for the connection.", default: SSHSettings().connectTimeout),
            ], "How Berth reaches an ssh:// target; host keys are always checked strictly.")
    }

    /// ``ConfigReader/parseTarget(_:node:)``: `ssh://[user@]host[:port]/path` or `file:path`.
    static let target =
        "ssh://([a-z_][a-z0-9_-]*@)?([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[\(Pattern.ipv6)\\])"
        + "(:\(Pattern.port))?\(Pattern.hostPath)|file:[A-Za-z0-9._/-]+"

    /// ``ConfigReader/registryHost(_:)``, after an optional `http://`.
    static let registryMirror = "(http://)?(\(Pattern.hostname)|\(Pattern.ipv4)|localhost)(:\(Pattern.port))?"

    /// ``ConfigReader/acmeDirectory(_:)``.
    static let acmeDirectory = "https://[^/\\s\"'`\\\\{}$;#]+(/[^\\s\"'`\\\\{}$;#]*)?"

    /// ``ConfigReader/address(_:)``: `IP`, `IP:PORT` or `[IPv6]:PORT`.
    static let resolvedAddress = "\(Pattern.ipv4)(:\(Pattern.port))?|\(Pattern.ipv6)|\\[\(Pattern.ipv6)\\]:\(Pattern.port)"
}
