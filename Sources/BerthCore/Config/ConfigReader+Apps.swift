import Foundation
import ServicePlugin

extension ConfigReader {
    static let appKeys = [
        "image", "tag", "port", "command", "env", "secrets", "routes", "hosts", "volumes", "database", "health", "user", "resources", "depends_on", "read_only",
    ]
    static let appRouteKeys = ["hosts", "paths", "strip_prefix", "priority", "redirect_from", "protected", "identity_headers"]

    /// `apps:`, each entry checked on its own; names that depend on others (depends_on) are checked by the validator.
    mutating func readApps(_ node: ConfigNode?) -> [AppSpec] {
        guard let node, !node.isNull else { return [] }
        guard let pairs = node.pairs else {
            diagnostics.append(node.error("must be a mapping of app names to their settings"))
            return []
        }
        return pairs.compactMap { name, appNode in
            appNameIsFree(name, appNode) ? readApp(name, appNode) : nil
        }
    }

    /// Whether `name` may name an app (a DNS label, not a module's id); else the problem is reported at `node`.
    mutating func appNameIsFree(_ name: String, _ node: ConfigNode) -> Bool {
        if let problem = Validators.dnsLabel(name) {
            diagnostics.append(node.error("app name \(problem)"))
            return false
        }
        if registry.plugin(name) != nil {
            diagnostics.append(node.error("is the name of a module; give the app another name"))
            return false
        }
        return true
    }

    mutating func readApp(_ name: String, _ node: ConfigNode) -> AppSpec? {
        guard let fields = mapping(node, allowed: Self.appKeys) else { return nil }
        let image = string(fields, "image", node, check: Self.repository)
        let tag = string(fields, "tag", node) { Validators.isImageTag($0) ? nil : "must be an image tag (letters, digits, '.', '_', '-')" }
        let port = fields["port"].flatMap { integer($0, in: 1...65535) }
        let command = fields["command"].flatMap { strings($0) }
        let env = fields["env"].map { readAppEnv($0) } ?? []
        let secrets = fields["secrets"].map { readSecrets($0) } ?? []
        var routes =
            fields["hosts"].flatMap { hostsNode in
                appHosts(hostsNode).map { hosts in
                    [AppRoute(hosts: hosts, paths: [], stripPrefix: nil, priority: 0, redirectFrom: [], protected: false, identityHeaders: [])]
                }
            } ?? []
        routes += fields["routes"].map { readRoutes($0) } ?? []
        if !routes.isEmpty && fields["port"] == nil {
            diagnostics.append(Diagnostic(path: "\(node.path).port", "is required: the app has routes, which go to the port it listens on", location: node.location))
        }
        let volumes = fields["volumes"].map { readVolumes($0) } ?? []
        let database =
            fields["database"].flatMap { databaseNode -> Bool? in
                guard databaseNode.scalar == "postgres" else {
                    diagnostics.append(databaseNode.error("must be postgres (the only database Berth runs beside an app)"))
                    return nil
                }
                return true
            } ?? false
        let health = fields["health"].flatMap { readHealth($0, port: port) }
        let user = string(fields, "user", node, default: "", check: Validators.userSpec)?.nonEmpty
        let resources = fields["resources"].map { readResources($0) } ?? AppResources()
        let dependsOn = fields["depends_on"].flatMap { strings($0) } ?? []
        let readOnly = fields["read_only"].map { flag($0) } ?? true
        guard let image, let tag else { return nil }
        return AppSpec(
            name: name, image: image, tag: tag, port: port, command: command, env: env, secrets: secrets, routes: routes, volumes: volumes,
            database: database, health: health, user: user, memory: resources.memory, cpus: resources.cpus, dependsOn: dependsOn, pids: resources.pids,
            readOnlyRoot: readOnly)
    }

    /// Hosts as an app writes them, each checked; nil when any is wrong.
    mutating func appHosts(_ node: ConfigNode) -> [String]? {
        guard let hosts = strings(node) else { return nil }
        let problems = hosts.compactMap(Self.appHost)
        diagnostics += problems.map { node.error($0) }
        return problems.isEmpty ? hosts : nil
    }

    /// A problem with a host as an app writes it (`web`, `@`, or a full name), or nil.
    static func appHost(_ host: String) -> String? {
        if host == "@" { return nil }
        let problem = host.contains(".") ? Validators.hostname(host) : Validators.dnsLabel(host)
        return problem.map { "host '\(Validators.quoted(host))': \($0)" }
    }

    /// `ghcr.io/org/app`, `127.0.0.1:5000/org/app` or `nginx`: a repository without tag or digest.
    static func repository(_ value: String) -> String? {
        value.range(of: #"^([a-z0-9.-]+(:[0-9]+)?/)?[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*$"#, options: .regularExpression) == nil
            ? "must be an image repository such as ghcr.io/org/app, without a tag, got '\(Validators.quoted(value))'" : nil
    }
}
