import Foundation

/// The test bed's real Pebble (`berth-testbed/pebble`), on a compose project's network before the project is deployed,
/// so that the proxy reaches its directory at `https://pebble:14000/dir` from its first start.
///
/// Compose uses an existing network that carries its labels; Pebble joins it under the alias `pebble`. Its management
/// APIs are published on loopback only. One per suite: removed, with the network, when the test process exits.
final class Pebble: Sendable {
    let project: String
    let container: String
    /// A PEM bundle: the CA of Pebble's own HTTPS listener (for the directory) and the root it issues under.
    let bundle: String
    /// Pebble's management API and pebble-challtestsrv's, on 127.0.0.1.
    let managementPort: Int
    let dnsPort: Int

    var network: String { "\(project)_default" }

    init(project: String, folder: String) throws {
        self.project = project
        container = "\(project)-pebble"
        bundle = folder + "/acme-roots.pem"
        Self.remove(container: container, network: "\(project)_default")
        let start = try Run.shell(
            """
            docker network create --label com.docker.compose.network=default --label com.docker.compose.project=\(project) \(project)_default >/dev/null \
            && docker run -d --name \(container) --network \(project)_default --network-alias pebble \
              -p 127.0.0.1::15000 -p 127.0.0.1::8055 \(Testbed.registry)/berth-testbed/pebble:2.4.0 >/dev/null
            """)
        guard start.status == 0 else { throw PebbleError("cannot start Pebble: \(start.output)") }
        Self.started.add(container, "\(project)_default")
        managementPort = try Self.port(container, 15000)
        dnsPort = try Self.port(container, 8055)
        // The listener's CA exists once the container runs; the issuing root once Pebble listens.
        let listener = folder + "/pebble-listener.pem"
        for _ in 0..<50 {
            let roots = try Run.shell(
                "docker exec \(container) cat /run/pebble/ca.pem > \(listener) && curl -fsS --cacert \(listener) https://127.0.0.1:\(managementPort)/roots/0")
            if roots.status == 0, roots.stdout.contains("BEGIN CERTIFICATE") {
                try (String(contentsOfFile: listener, encoding: .utf8) + roots.stdout).write(toFile: bundle, atomically: true, encoding: .utf8)
                return
            }
            usleep(200_000)
        }
        throw PebbleError("Pebble's management API did not answer: \(try Run.shell("docker logs \(container)").output)")
    }

    /// Where the relay sends HTTP-01 validations: the proxy's compose service.
    func relay(to proxy: String) throws {
        let run = try Run.shell("docker exec \(container) sh -c 'echo \(proxy) > /run/pebble/proxy'")
        guard run.status == 0 else { throw PebbleError(run.output) }
    }

    /// Points `host` at an address where nothing answers, so that Pebble cannot validate it.
    func misdirect(_ host: String) throws {
        let body = #"{"host":"\#(host)","addresses":["127.0.0.1"]}"#
        let run = try Run.program("/usr/bin/env", ["curl", "-fsS", "-X", "POST", "-d", body, "http://127.0.0.1:\(dnsPort)/add-a"])
        guard run.status == 0 else { throw PebbleError(run.output) }
    }

    /// What Pebble logged: each validation, and each certificate it issued.
    func logs() throws -> String { try Run.shell("docker logs \(container) 2>&1").stdout }

    static func port(_ container: String, _ port: Int) throws -> Int {
        let run = try Run.shell("docker port \(container) \(port)/tcp | head -n1")
        guard let value = run.stdout.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) else {
            throw PebbleError("no published port \(port): \(run.output)")
        }
        return value
    }

    /// What each Pebble left running, removed when the test process exits.
    private final class Started: @unchecked Sendable {
        let lock = NSLock()
        var entries: [(String, String)] = []
        init() { atexit { Pebble.started.removeAll() } }
        func add(_ container: String, _ network: String) { lock.withLock { entries.append((container, network)) } }
        func removeAll() {
            for (container, network) in lock.withLock({ entries }) { Pebble.remove(container: container, network: network) }
        }
    }
    private static let started = Started()

    static func remove(container: String, network: String) {
        _ = try? Run.shell("docker rm -f \(container) >/dev/null 2>&1; docker network rm \(network) >/dev/null 2>&1")
    }
}

struct PebbleError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
