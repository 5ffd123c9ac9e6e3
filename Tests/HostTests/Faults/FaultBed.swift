import BerthCore
import Foundation
import Testing

/// The small stack the fault suites share: Traefik, restic (the shop's data must be backed up), a stateless app (`web`, whose tag each faulted deploy switches)
/// and an app with a database and a volume (`shop`), deployed once over SSH to a folder of this machine, with rows,
/// a file and a good dump to keep. Removed when the test process exits.
final class FaultBed: @unchecked Sendable {
    static let name = "berthfaults"
    let server = Scratch.directory("srv-faults")
    let project = Scratch.directory("proj-faults")
    var services: String { server + "/services" }
    let proxy: ThroughProxy
    /// The web tag the next faulted deploy asks for; it alternates, so that every deploy changes a container.
    private(set) var next = 2

    /// The bed, deployed on first use; its error when that failed.
    static let shared = Result { try FaultBed() }

    private init() throws {
        var proxy = ThroughProxy(httpsPort: try LoopbackPort.free(), httpPort: try LoopbackPort.free())
        proxy.rootCertificate = server + "/data/traefik/internal/root.crt"
        self.proxy = proxy
        Self.made.add(services)
        let config = """
            \(AppProject.header(name: Self.name, project: server))services:
              traefik: { http_port: \(proxy.httpPort), https_port: \(proxy.httpsPort), bind_address: 127.0.0.1, dashboard: "" }
              restic: { repository: "\(server)/restic-repo" }
            apps:
              web: { image: berth-testbed/app, tag: v1, port: 3000, hosts: [web], health: { path: /health } }
              shop:
                image: berth-testbed/app
                tag: v1
                port: 3000
                hosts: [shop]
                volumes: { uploads: /data/uploads }
                database: postgres
                health: { command: [/app, health] }
            \(Testbed.environments(server: server))
            """
        try config.write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
        for arguments in [["render", "--env", "testbed", "--out", services], ["env", "init", "--env", "testbed", "--dir", services], ["deploy", "testbed", "--timeout", "120"]] {
            let run = try berth(arguments)
            guard run.status == 0 else { throw FaultBedError("berth \(arguments.joined(separator: " ")) exited \(run.status): \(run.output)") }
        }
        _ = try psql("CREATE TABLE orders (id int PRIMARY KEY, note text); INSERT INTO orders SELECT g, md5(g::text) FROM generate_series(1, 500) g")
        _ = try Run.shell("mkdir -p \(server)/data/shop/uploads && head -c 4096 /dev/urandom > \(server)/data/shop/uploads/invoice.bin")
        let backup = try berth(["backup", "run", "--env", "testbed"])
        guard backup.status == 0 else { throw FaultBedError("the first dump failed: \(backup.output)") }
    }

    func berth(_ arguments: [String]) throws -> Run { try Run.berth(arguments, in: project) }

    /// One statement in the shop's database.
    func psql(_ sql: String) throws -> String {
        let run = try Run.program("/usr/bin/env", ["docker", "exec", "\(Self.name)-shop-postgres-1", "psql", "-U", "shop", "-d", "shop", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql])
        guard run.status == 0 else { throw FaultBedError("psql: \(run.output)") }
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The arguments of the next faulted deploy: web's other tag.
    func nextDeploy() -> [String] {
        defer { next = next == 1 ? 2 : 1 }
        return ["deploy", "testbed", "--tag", "web=v\(next)", "--timeout", "90"]
    }

    /// What each test process deployed, taken down when it exits.
    private final class Made: @unchecked Sendable {
        let lock = NSLock()
        var folders: [String] = []
        init() { atexit { FaultBed.made.removeAll() } }
        func add(_ folder: String) { lock.withLock { folders.append(folder) } }
        func removeAll() {
            for folder in lock.withLock({ folders }) {
                _ = try? Run.shell("cd \(folder) 2>/dev/null && docker compose down -v --remove-orphans --timeout 2 >/dev/null 2>&1")
            }
            _ = try? Run.shell("docker ps -aq --filter label=com.docker.compose.project=\(FaultBed.name) | xargs -r docker rm -f >/dev/null 2>&1")
        }
    }
    private static let made = Made()
}

struct FaultBedError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
