import ServicePlugin
import Foundation

extension ConfigReader {
    static let environmentKeys = [
        "target", "domain", "data_root", "scratch_root", "dumps_dir", "registry_mirror", "ssh", "certificates", "acme_ca", "resolve", "ca_file",
        "shares", "services", "apps", "docker_socket", "engine", "swarm", "healthcheck_interval", "bind_address",
        "secrets", "notify",
    ]
    static let sshKeys = ["known_hosts", "identity_file", "connect_timeout"]

    mutating func readEnvironments(_ node: ConfigNode?, parent: ConfigNode, services: [String] = [], apps: ConfigNode? = nil) -> [EnvironmentConfig] {
        guard let node else {
            diagnostics.append(Diagnostic(path: "environments", "is required: name at least one deploy target", location: parent.location))
            return []
        }
        guard let pairs = node.pairs else {
            diagnostics.append(node.error("must be a mapping of environment names to targets"))
            return []
        }
        if pairs.isEmpty { diagnostics.append(node.error("name at least one environment")) }
        let environments = pairs.compactMap { name, envNode -> EnvironmentConfig? in
            if let problem = Validators.dnsLabel(name) {
                diagnostics.append(envNode.error("environment name \(problem)"))
                return nil
            }
            guard let fields = mapping(envNode, allowed: Self.environmentKeys) else { return nil }
            let target = string(fields, "target", envNode) { _ in nil }.flatMap { text in
                parseTarget(text, node: fields["target"]!)
            }
            let domain = string(fields, "domain", envNode, default: "", check: Validators.hostname)
            let dataRoot = string(fields, "data_root", envNode, default: "", check: Validators.hostPath)
            let scratchRoot = string(fields, "scratch_root", envNode, default: "", check: Validators.hostPath)
            let dumpsDir = string(fields, "dumps_dir", envNode, default: "", check: Validators.hostPath)
            let mirrorText = string(fields, "registry_mirror", envNode, default: "") { Self.registryHost(Self.withoutHTTP($0)) }
            let mirror = mirrorText.map(Self.withoutHTTP)
            let ssh = fields["ssh"].flatMap { readSSH($0) } ?? SSHSettings()
            let certificates = string(fields, "certificates", envNode, default: "acme") { value in
                CertificateSource(rawValue: value) == nil ? "must be acme or internal, got '\(Validators.quoted(value))'" : nil
            }
            let resolve = fields["resolve"].map { readResolve($0) } ?? [:]
            let caFile = string(fields, "ca_file", envNode, default: "", check: Self.localFile)?.nonEmpty.map(absolute)
            let acme = readACME(fields, envNode, certificates: certificates, caFile: caFile)
            let shares = string(fields, "shares", envNode, default: "") { Validators.dnsLabel($0) }?.nonEmpty
            let members = fields["services"].flatMap { readEnvironmentServices($0, known: services) }
            let ownApps = fields["apps"].map { readEnvironmentApps($0, base: apps) }
            let socket = string(fields, "docker_socket", envNode, default: "", check: Validators.hostPath)?.nonEmpty
            let engine = readEngine(fields, envNode)
            let healthInterval = string(fields, "healthcheck_interval", envNode, default: "") { value in
                Validators.duration(value) ?? ((ContainerHealthcheck.seconds(value) ?? 0) < 1 ? "must be 1s or more" : nil)
            }?.nonEmpty
            let swarm = fields["swarm"].map { readSwarm($0) }
            if engine == .swarm, swarm == nil {
                diagnostics.append(Diagnostic(path: "environments.\(name).swarm", "is required with engine: swarm: list the cluster's nodes", location: envNode.location))
            }
            // An engine that is neither has been reported already; `swarm:` then needs no second message.
            if engine == .compose, (fields["engine"]?.scalar ?? "compose") == "compose", let node = fields["swarm"] {
                diagnostics.append(node.error("needs engine: swarm"))
            }
            guard let target else { return nil }
            var environment = EnvironmentConfig(
                name: name, target: target, domain: domain?.nonEmpty, dataRoot: dataRoot?.nonEmpty,
                scratchRoot: scratchRoot?.nonEmpty, dumpsDir: dumpsDir?.nonEmpty, registryMirror: mirror?.nonEmpty, ssh: ssh,
                certificates: certificates.flatMap(CertificateSource.init(rawValue:)) ?? .acme, resolve: resolve, caFile: caFile
            )
            environment.acme = acme
            environment.shares = shares
            environment.services = members ?? (shares == nil ? nil : [])
            environment.apps = ownApps
            environment.dockerSocket = socket
            environment.healthcheckInterval = healthInterval
            environment.bindAddress = string(fields, "bind_address", envNode, default: "") { $0.isEmpty ? "must be an IP address" : Validators.bindAddress($0) }?.nonEmpty
            environment.registryMirrorPlainHTTP = mirrorText?.hasPrefix("http://") == true
            if engine == .swarm { environment.swarm = swarm ?? SwarmSettings() }
            environment.secrets = readSecrets(fields["secrets"])
            environment.notify = fields["notify"].map { readNotify($0) }
            return environment
        }
        let nodes = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
        diagnostics += TargetRules.overlaps(environments, nodes: nodes)
        diagnostics += SharingRules.check(environments, nodes: nodes)
        return environments
    }

    /// A path of this machine: absolute, or relative to the config file's folder.
    func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(path).standardizedFileURL.path
    }

    mutating func readSSH(_ node: ConfigNode) -> SSHSettings? {
        guard let fields = mapping(node, allowed: Self.sshKeys) else { return nil }
        let knownHosts = string(fields, "known_hosts", node, default: "", check: Self.localFile)
        let identity = string(fields, "identity_file", node, default: "", check: Self.localFile)
        var timeout = 10
        if let value = fields["connect_timeout"] {
            if let seconds = value.int, (1...300).contains(seconds) { timeout = seconds } else { diagnostics.append(value.error("must be whole seconds from 1 to 300")) }
        }
        return SSHSettings(knownHosts: knownHosts?.nonEmpty.map(absolute), identityFile: identity?.nonEmpty.map(absolute), connectTimeout: timeout)
    }

    /// A file on this machine, absolute or relative to the config, of characters no shell or ssh option reads specially.
    static func localFile(_ value: String) -> String? {
        Validators.safeAbsolutePath(value.hasPrefix("/") ? value : "/" + value).map { _ in
            "may hold only letters, digits, '.', '_', '-' and '/', got '\(Validators.quoted(value))'"
        }
    }

    /// A mirror's host without the `http://` that marks it as plain HTTP.
    static func withoutHTTP(_ value: String) -> String {
        value.hasPrefix("http://") ? String(value.dropFirst("http://".count)) : value
    }

    /// `host:port` of a registry, e.g. `127.0.0.1:5000` or `registry.example.org`.
    static func registryHost(_ value: String) -> String? {
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        let hostOK = parts.first.map { Validators.hostname(String($0)) == nil || Validators.isIPv4(String($0)) || $0 == "localhost" } ?? false
        let portOK = parts.count == 1 || (parts.count == 2 && Validators.port(String(parts[1])) == nil)
        return hostOK && portOK ? nil : "must be HOST or HOST:PORT of a registry, got '\(Validators.quoted(value))'"
    }

    /// `ssh://[user@]host[:port]/abs/path` or `file:path` (relative to the config file's folder).
    mutating func parseTarget(_ text: String, node: ConfigNode) -> DeployTarget? {
        let configFolder = URL(fileURLWithPath: file).standardizedFileURL.deletingLastPathComponent().path
        if text.hasPrefix("file:") {
            let raw = String(text.dropFirst("file:".count))
            let path = raw.hasPrefix("/") ? raw : URL(fileURLWithPath: configFolder).appendingPathComponent(raw).standardizedFileURL.path
            if let problem = raw.isEmpty ? "must name a folder" : Validators.safeAbsolutePath(path) ?? TargetRules.localProblem(path, configFolder: configFolder) {
                diagnostics.append(node.error("file: target \(problem)"))
                return nil
            }
            return .file(path: HostPath.normalised(path))
        }
        guard text.hasPrefix("ssh://"), let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            diagnostics.append(node.error("must be ssh://[user@]host[:port]/path or file:path, got '\(Validators.quoted(text))'"))
            return nil
        }
        if let problem = Validators.hostPath(components.path) {
            diagnostics.append(node.error("the remote path \(problem)"))
            return nil
        }
        if let port = components.port, !(1...65535).contains(port) {
            diagnostics.append(node.error("the ssh port must be from 1 to 65535, got \(port)"))
            return nil
        }
        let userOK = components.user.map { $0.range(of: "^[a-z_][a-z0-9_-]*$", options: .regularExpression) != nil } ?? true
        guard userOK, TargetRules.isSSHHost(host) else {
            diagnostics.append(node.error("the ssh user or host is not allowed (a host is a name, an IPv4 address or [IPv6], never starting with '-'), got '\(Validators.quoted(text))'"))
            return nil
        }
        return .ssh(user: components.user, host: host, port: components.port, path: components.path)
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
