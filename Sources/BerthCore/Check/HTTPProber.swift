import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import ServicePlugin

/// HTTP(S) and TCP probes, sent from where Berth runs.
///
/// Through the public hostname by default; with `--direct`, to the container's own address:
/// on this machine for `file:` targets, and through a SOCKS forward of the shared SSH
/// connection for `ssh:` targets.
public final class HTTPProber: Sendable {
    let client: HTTPClient
    let direct: Bool
    let forward: (Remote, Int)?
    let runner: any CommandRunner
    /// TCP and TLS connections, through the same forward.
    let sockets: SocketProber
    /// Where public hostnames lead: the environment's `resolve:` entries, else DNS.
    let resolver: HostResolver?
    /// The target, for probes sent from inside a rootless engine's network namespace.
    let namespaceRemote: Remote?
    /// Whether each public host's certificate is trusted, asked once per run.
    let trusts = TrustVerdicts()

    init(
        client: HTTPClient, direct: Bool, forward: (Remote, Int)?, runner: any CommandRunner, resolver: HostResolver? = nil, remote: Remote? = nil,
        caFile: String? = nil
    ) {
        self.client = client
        self.namespaceRemote = remote
        self.direct = direct
        self.forward = forward
        self.runner = runner
        self.resolver = resolver
        sockets = SocketProber(socksPort: forward?.1, caFile: caFile)
    }

    static func configuration() -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        // Many checks may go to one host (Traefik, or `berth probe`); they run at once, not eight at a time.
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 512)
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(30))
        configuration.redirectConfiguration = .disallow
        return configuration
    }

    /// A prober for one environment's checks; `hosts` are the public hostnames they name, which its `resolve:` may pin.
    static func make(remote: Remote, runner: any CommandRunner, direct: Bool, environment: EnvironmentConfig, hosts: [String] = []) async throws -> HTTPProber {
        var configuration = configuration()
        var forward: (Remote, Int)?
        if direct && !remote.isLocal {
            let port = try await openForward(remote, runner: runner)
            configuration.proxy = .socksServer(host: "127.0.0.1", port: port)
            forward = (remote, port)
        }
        configuration.dnsOverride = Dictionary(hosts.compactMap { host in environment.resolved(host).map { (host, $0.ip) } }, uniquingKeysWith: { a, _ in a })
        if let caFile = environment.caFile {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.additionalTrustRoots = [.file(caFile)]
            configuration.tlsConfiguration = tls
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        return HTTPProber(
            client: client, direct: direct, forward: forward, runner: runner, resolver: HostResolver(environment: environment), remote: remote, caFile: environment.caFile)
    }

    /// Adds a SOCKS forward on a free local port to the shared SSH connection.
    static func openForward(_ remote: Remote, runner: any CommandRunner) async throws -> Int {
        guard remote.controlDirectory != nil else { throw BerthError.failed("direct checks over SSH need a private folder for the shared connection (/tmp/berth-ssh-<uid>)") }
        try await runner.check(remote.command(["true"]), timeout: Double(remote.ssh.connectTimeout) + 10, what: "connecting to \(remote.name)")
        let port = try LoopbackPort.free()
        let argv = remote.sshOptions + ["-O", "forward", "-D", "127.0.0.1:\(port)", remote.destination]
        try await runner.check(ShellCommand(argv.map(ShellCommand.Argument.plain)), timeout: 15, what: "opening a SOCKS forward to \(remote.name)")
        return port
    }

    func shutdown() async throws {
        if let (remote, port) = forward {
            let argv = remote.sshOptions + ["-O", "cancel", "-D", "127.0.0.1:\(port)", remote.destination]
            _ = try? await runner.run(ShellCommand(argv.map(ShellCommand.Argument.plain)), timeout: 10)
        }
        try await client.shutdown()
    }

    /// A prober on this machine only, for URLs given by hand (`berth probe`).
    static func local() -> HTTPProber {
        HTTPProber(client: HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration()), direct: false, forward: nil, runner: ProcessRunner())
    }

    func probe(_ probe: HTTPProbe, facts: any RunningState, secrets: (String, String)?, slowAfterMs: Int) async throws -> (CheckResult.Status, String) {
        if direct || probe.publicHost == nil {
            guard let address = facts.address(probe.service) else { return (.fail, "\(probe.service) has no address (not running?)") }
            if let namespace = facts.userNamespace, let remote = namespaceRemote {
                return try await fetchInNamespace(
                    "http://\(address):\(probe.port)\(probe.path)", shown: "\(probe.service):\(probe.port)\(probe.path)", namespace: namespace, remote: remote,
                    expecting: probe, secrets: secrets, slowAfterMs: slowAfterMs)
            }
            return try await fetch(
                "http://\(address):\(probe.port)\(probe.path)", shown: "\(probe.service):\(probe.port)\(probe.path)",
                expecting: probe, secrets: secrets, slowAfterMs: slowAfterMs)
        }
        let host = probe.publicHost!
        let address = try await resolver?.address(host, timeout: 5) ?? ResolvedAddress(ip: host)
        // A certificate the client does not trust fails every handshake, which the HTTP client retries until the
        // check's deadline: asked first, it is reported as what it is, not as a proxy that does not answer.
        let sockets = sockets
        let problem = try await trusts.problem("\(host) \(address.ip) \(address.port)") {
            try await sockets.untrusted(host: address.ip, port: address.port, serverName: host, timeout: 5)
        }
        if let problem { return (.fail, problem) }
        let url = "https://\(host)\(address.port == 443 ? "" : ":\(address.port)")\(probe.path)"
        return try await fetch(url, shown: url, expecting: probe, secrets: secrets, slowAfterMs: slowAfterMs)
    }

    /// GETs `url` and holds the answer to `probe`'s expectations; `shown` names it in messages.
    func fetch(_ url: String, shown: String, expecting probe: HTTPProbe, secrets: (String, String)?, slowAfterMs: Int) async throws -> (CheckResult.Status, String) {
        var request = HTTPClientRequest(url: url)
        if let (user, password) = secrets {
            request.headers.add(name: "Authorization", value: RegistryCredentials.basicAuthorization(user, password))
        }
        let start = Date()
        let response = try await client.execute(request, timeout: .seconds(60))
        let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
        return Self.evaluate(status: Int(response.status.code), body: body, elapsed: Int(Date().timeIntervalSince(start) * 1000), shown: shown, probe: probe, slowAfterMs: slowAfterMs)
    }

    /// Holds one answer to `probe`'s expectations: status, body, JSON fields, latency.
    static func evaluate(status: Int, body: String, elapsed: Int, shown: String, probe: HTTPProbe, slowAfterMs: Int) -> (CheckResult.Status, String) {
        guard probe.expectStatus.contains(status) else {
            return (.fail, "GET \(shown) answered \(status), expected \(probe.expectStatus.map(String.init).joined(separator: " or "))")
        }
        if let needle = probe.bodyContains, !body.contains(needle) {
            return (.fail, "GET \(shown): the body lacks \"\(needle)\"")
        }
        if let field = probe.jsonField {
            let found = Self.jsonValue(body, path: field.path)
            guard found == field.equals else {
                return (.fail, "GET \(shown): \(field.path) is \(found ?? "missing"), expected \(field.equals)")
            }
        }
        if let list = probe.jsonArrayIncludes {
            let missing = Self.missing(list, in: body)
            guard missing.isEmpty else {
                let condition = list.matching.map { " with \($0.path) \($0.equals)" } ?? ""
                return (.fail, "GET \(shown): no \(list.field)\(condition) for \(missing.joined(separator: ", "))")
            }
        }
        if elapsed > slowAfterMs { return (.warn, "GET \(shown) answered \(status) but slowly (\(elapsed) ms > \(slowAfterMs) ms)") }
        return (.ok, "GET \(shown) answered \(status)")
    }

    /// The values of `list.includes` that no object of the JSON array in `body` names (all of them if it is no array).
    static func missing(_ list: JSONArrayExpectation, in body: String) -> [String] {
        guard case .array(let items)? = try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)) else { return list.includes }
        var present = Set<String>()
        for case .object(let fields) in items {
            guard let value = fields[list.field]?.text else { continue }
            if let condition = list.matching, fields[condition.path]?.text != condition.equals { continue }
            present.insert(value)
        }
        return list.includes.filter { !present.contains($0) }
    }

    /// A dotted path into a JSON body, rendered as JSON text (`true`, `3`, a string without quotes).
    static func jsonValue(_ body: String, path: String) -> String? {
        guard var value = try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)) else { return nil }
        for key in path.split(separator: ".") {
            guard case .object(let fields) = value, let next = fields[String(key)] else { return nil }
            value = next
        }
        return value.text
    }
}
