import Foundation
import ServicePlugin

extension ConfigReader {
    mutating func readAppEnv(_ node: ConfigNode) -> [EnvironmentEntry] {
        guard let pairs = node.pairs else {
            diagnostics.append(node.error("must be a mapping of variable names to values"))
            return []
        }
        return pairs.compactMap { key, value in
            guard EnvFile.isValidKey(key) else {
                diagnostics.append(value.error("must be a variable name (letters, digits, _)"))
                return nil
            }
            guard let text = value.scalar else {
                diagnostics.append(value.error("must be a string; secrets go under secrets:"))
                return nil
            }
            return EnvironmentEntry(key, .text(text))
        }
    }

    /// `NAME: required`, or `NAME: { length: 64, alphabet: alphanumeric|hex|url-safe }` for one `env init` generates.
    mutating func readSecrets(_ node: ConfigNode) -> [AppSecret] {
        guard let pairs = node.pairs else {
            diagnostics.append(node.error("must be a mapping of .env keys to required or { length, alphabet }"))
            return []
        }
        return pairs.compactMap { key, value in
            guard EnvFile.isValidKey(key) else {
                diagnostics.append(value.error("must be a variable name (letters, digits, _)"))
                return nil
            }
            if value.scalar == "required" { return AppSecret(name: key, generator: nil) }
            guard value.pairs != nil else {
                diagnostics.append(value.error("must be required (the admin sets it) or { length, alphabet } (env init generates it)"))
                return nil
            }
            guard let fields = mapping(value, allowed: ["length", "alphabet"]) else { return nil }
            let length = fields["length"].flatMap { integer($0, in: 16...256) } ?? 32
            let alphabet = string(fields, "alphabet", value, default: "alphanumeric") { text in
                SecretGenerator.Alphabet(rawValue: text) == nil ? "must be alphanumeric, hex or url-safe" : nil
            }.flatMap(SecretGenerator.Alphabet.init(rawValue:))
            guard let alphabet else { return nil }
            return AppSecret(name: key, generator: SecretGenerator(length: length, alphabet: alphabet))
        }
    }

    mutating func readRoutes(_ node: ConfigNode) -> [AppRoute] {
        guard let items = node.items else {
            diagnostics.append(node.error("must be a list of routes"))
            return []
        }
        return items.compactMap { item in
            guard let fields = mapping(item, allowed: Self.appRouteKeys) else { return nil }
            guard let hostsNode = fields["hosts"], hostsNode.items?.isEmpty == false else {
                diagnostics.append(Diagnostic(path: "\(item.path).hosts", "is required: at least one host", location: item.location))
                return nil
            }
            guard let hosts = appHosts(hostsNode) else { return nil }
            let redirects = fields["redirect_from"].flatMap { appHosts($0) } ?? []
            let identity = fields["identity_headers"].map { readIdentityHeaders($0) } ?? []
            let paths = fields["paths"].flatMap { strings($0) } ?? []
            return AppRoute(
                hosts: hosts, paths: paths, stripPrefix: fields["strip_prefix"].flatMap { readStrip($0, paths: paths) },
                priority: fields["priority"].flatMap { integer($0, in: 0...100) } ?? 0,
                redirectFrom: redirects, protected: flag(fields["protected"]), identityHeaders: identity)
        }
    }

    /// `strip_prefix: true` strips the route's one path; a path (`/api`) strips that part of every path.
    mutating func readStrip(_ node: ConfigNode, paths: [String]) -> String? {
        if let on = node.bool {
            guard on else { return nil }
            guard paths.count == 1 else {
                diagnostics.append(node.error("true needs exactly one path; name the prefix to strip instead, e.g. /api"))
                return nil
            }
            return paths[0]
        }
        guard let text = node.scalar, text.hasPrefix("/") else {
            diagnostics.append(node.error("must be true, false or the path prefix to strip, e.g. /api"))
            return nil
        }
        return text
    }

    /// `{ username: X-App-User, email: X-App-Email }`: claim to the header name the app reads.
    mutating func readIdentityHeaders(_ node: ConfigNode) -> [IdentityHeader] {
        guard let pairs = node.pairs else {
            diagnostics.append(node.error("must map claims (\(IdentityClaim.allCases.map(\.rawValue).joined(separator: ", "))) to header names"))
            return []
        }
        return pairs.compactMap { claim, value in
            guard let known = IdentityClaim(rawValue: claim) else {
                diagnostics.append(value.error("unknown claim (known: \(IdentityClaim.allCases.map(\.rawValue).joined(separator: ", ")))"))
                return nil
            }
            guard let header = value.scalar else {
                diagnostics.append(value.error("must be a header name"))
                return nil
            }
            return IdentityHeader(known, as: header)
        }
    }

    /// `name: /container/path`, or `name: { path: /container/path, scratch: true }` for a cache.
    mutating func readVolumes(_ node: ConfigNode) -> [AppVolume] {
        guard let pairs = node.pairs else {
            diagnostics.append(node.error("must be a mapping of volume names to container paths"))
            return []
        }
        return pairs.compactMap { name, value in
            if let problem = Validators.dnsLabel(name) {
                diagnostics.append(value.error("volume name \(problem)"))
                return nil
            }
            var path = value.scalar
            var scratch = false
            if path == nil, let fields = mapping(value, allowed: ["path", "scratch"]) {
                path = string(fields, "path", value) { _ in nil }
                scratch = flag(fields["scratch"])
            }
            guard let path else { return nil }
            if let problem = Validators.hostPath(path) {
                diagnostics.append(value.error("container path \(problem)"))
                return nil
            }
            return AppVolume(name: name, path: path, scratch: scratch)
        }
    }

    mutating func readHealth(_ node: ConfigNode, port: Int?) -> AppHealth? {
        guard let fields = mapping(node, allowed: ["path", "command"]) else { return nil }
        if let path = fields["path"] {
            guard let text = path.scalar, text.hasPrefix("/") else {
                diagnostics.append(path.error("must be a path starting with /"))
                return nil
            }
            if port == nil { diagnostics.append(path.error("needs the app's port")) }
            return .http(path: text)
        }
        if let command = fields["command"] { return strings(command).map(AppHealth.command) }
        diagnostics.append(node.error("must have path or command"))
        return nil
    }

    mutating func readResources(_ node: ConfigNode) -> AppResources {
        guard let fields = mapping(node, allowed: ["memory", "cpus", "pids"]) else { return AppResources() }
        let memory = string(fields, "memory", node, default: "") { text in
            text.range(of: "^[1-9][0-9]*[kmg]$", options: .regularExpression) == nil ? "must be a size such as 512m or 2g" : nil
        }?.nonEmpty
        var cpus: Double?
        if let value = fields["cpus"] {
            if let number = value.scalar.flatMap(Double.init), number > 0, number <= 64 { cpus = number } else { diagnostics.append(value.error("must be a number of CPUs from 0.01 to 64")) }
        }
        let pids = fields["pids"].flatMap { integer($0, in: 16...65536) }
        return AppResources(memory: memory, cpus: cpus, pids: pids)
    }
}

/// An app's `resources:`, as read.
struct AppResources {
    var memory: String?
    var cpus: Double?
    var pids: Int?
}
