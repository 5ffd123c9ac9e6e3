import Foundation

extension ConfigReader {
    static let environmentKeys = ["target", "domain", "data_root", "scratch_root", "dumps_dir"]

    mutating func readEnvironments(_ node: ConfigNode?, parent: ConfigNode) -> [EnvironmentConfig] {
        guard let node else {
            diagnostics.append(Diagnostic(path: "environments", "is required: name at least one deploy target", location: parent.location))
            return []
        }
        guard let pairs = node.pairs else {
            diagnostics.append(node.error("must be a mapping of environment names to targets"))
            return []
        }
        if pairs.isEmpty { diagnostics.append(node.error("name at least one environment")) }
        return pairs.compactMap { name, envNode -> EnvironmentConfig? in
            if let problem = Validators.dnsLabel(name) {
                diagnostics.append(envNode.error("environment name \(problem)"))
                return nil
            }
            guard let fields = mapping(envNode, allowed: Self.environmentKeys) else { return nil }
            let target = string(fields, "target", envNode) { _ in nil }.flatMap { text in
                parseTarget(text, node: fields["target"]!)
            }
            let domain = string(fields, "domain", envNode, default: "", check: Validators.hostname)
            let dataRoot = string(fields, "data_root", envNode, default: "", check: Validators.safeAbsolutePath)
            let scratchRoot = string(fields, "scratch_root", envNode, default: "", check: Validators.safeAbsolutePath)
            let dumpsDir = string(fields, "dumps_dir", envNode, default: "", check: Validators.safeAbsolutePath)
            guard let target else { return nil }
            return EnvironmentConfig(
                name: name, target: target, domain: domain?.nonEmpty, dataRoot: dataRoot?.nonEmpty,
                scratchRoot: scratchRoot?.nonEmpty, dumpsDir: dumpsDir?.nonEmpty
            )
        }
    }

    /// `ssh://[user@]host[:port]/abs/path` or `file:path` (relative to the config file's folder).
    mutating func parseTarget(_ text: String, node: ConfigNode) -> DeployTarget? {
        if text.hasPrefix("file:") {
            let raw = String(text.dropFirst("file:".count))
            let base = URL(fileURLWithPath: file).deletingLastPathComponent()
            let path = raw.hasPrefix("/") ? raw : base.appendingPathComponent(raw).standardizedFileURL.path
            if raw.isEmpty || Validators.safeAbsolutePath(path) != nil {
                diagnostics.append(node.error("file: target \(Validators.safeAbsolutePath(path) ?? "must name a folder")"))
                return nil
            }
            return .file(path: path)
        }
        guard text.hasPrefix("ssh://"), let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            diagnostics.append(node.error("must be ssh://[user@]host[:port]/path or file:path, got '\(text)'"))
            return nil
        }
        if let problem = Validators.safeAbsolutePath(components.path) {
            diagnostics.append(node.error("the remote path \(problem)"))
            return nil
        }
        let userOK = components.user.map { $0.range(of: "^[a-z_][a-z0-9_-]*$", options: .regularExpression) != nil } ?? true
        let hostOK = host.range(of: "^[A-Za-z0-9.-]+$|^\\[[0-9a-fA-F:]+\\]$", options: .regularExpression) != nil
        guard userOK, hostOK else {
            diagnostics.append(node.error("the ssh user or host holds characters that are not allowed, got '\(text)'"))
            return nil
        }
        return .ssh(user: components.user, host: host, port: components.port, path: components.path)
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
