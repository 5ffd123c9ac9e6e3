import BerthCore
import Foundation
import Testing

/// The small stack the fault suites share: Traefik, restic (the shop's data must be backed up), a stateless app (`web`, whose tag each faulted deploy switches)
/// and an app with a database and a volume (`shop`), deployed once over SSH to a folder of this machine, with rows,
/// a file and a good dump to keep. The deploy folder and the dumps folder are small filesystems of their own (loop
/// mounts), so that a test can fill them; healthchecks run every second, as the suite deploys some forty times.
/// Removed when the test process exits.
final class FaultBed: @unchecked Sendable {
    static let name = "berthfaults"
    let server = Scratch.directory("srv-faults")
    let project = Scratch.directory("proj-faults")
    var services: String { server + "/services" }
    var dumps: String { server + "/dumps" }
    let proxy: ThroughProxy

    /// The bed, deployed on first use; its error when that failed.
    static let shared = Result { try FaultBed() }

    private init() throws {
        var proxy = ThroughProxy(httpsPort: try LoopbackPort.free(), httpPort: try LoopbackPort.free())
        proxy.rootCertificate = server + "/data/traefik/internal/root.crt"
        self.proxy = proxy
        Self.made.add(services)
        for (folder, size) in [(services, "64M"), (dumps, "24M")] { try Self.mountSmallFilesystem(at: folder, size: size) }
        let config = """
            \(AppProject.header(name: Self.name, project: server))services:
              traefik: { http_port: \(proxy.httpPort), https_port: \(proxy.httpsPort), bind_address: 127.0.0.1, dashboard: "" }
              restic: { repository: "\(server)/restic-repo" }
            apps:
              web: { image: berth-testbed/app, tag: v1, port: 3000, hosts: [web], health: { path: /health }, secrets: { WEB_TOKEN: { length: 24 } } }
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
        // The shop starts on PostgreSQL 14, so that `db upgrade` can be faulted on its way up: 15, 17, 18.
        try "version: 1\npins:\n  shop:\n    postgres: \"14-alpine\"\n".write(toFile: project + "/berth.lock", atomically: true, encoding: .utf8)
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

    /// An ext4 filesystem of `size` in a file beside `folder`, mounted there (no blocks kept for root: full is full).
    static func mountSmallFilesystem(at folder: String, size: String) throws {
        let image = folder + ".img"
        let run = try Run.shell(
            "mkdir -p \(folder) && truncate -s \(size) \(image) && mkfs.ext4 -q -F -m 0 \(image) && mount -o loop \(image) \(folder) && rmdir \(folder)/lost+found")
        guard run.status == 0 else { throw FaultBedError("cannot mount a small filesystem at \(folder): \(run.output)") }
        made.addMount(folder)
    }

    /// Fills the filesystem `folder` is on until no block is left, as a disk that filled up; ``free(_:)`` undoes it.
    static func fill(_ folder: String) throws {
        _ = try Run.shell("dd if=/dev/zero of=\(folder)/.berth-test-filler bs=1M 2>/dev/null; dd if=/dev/zero of=\(folder)/.berth-test-filler-2 bs=4k 2>/dev/null; sync")
        let left = try Run.shell("df --output=avail -B1 \(folder) | tail -n1").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Int(left) ?? 1 < 64 << 10 else { throw FaultBedError("\(folder) still has \(left) bytes free") }
    }

    static func free(_ folder: String) throws {
        _ = try Run.shell("rm -f \(folder)/.berth-test-filler \(folder)/.berth-test-filler-2")
    }

    /// One statement in the shop's database.
    func psql(_ sql: String) throws -> String {
        let run = try Run.program("/usr/bin/env", ["docker", "exec", "\(Self.name)-shop-postgres-1", "psql", "-U", "shop", "-d", "shop", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql])
        guard run.status == 0 else { throw FaultBedError("psql: \(run.output)") }
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The arguments of the next faulted deploy: the tag web does not run now, so that the deploy changes a container.
    func nextDeploy() -> [String] {
        let web = "docker ps -q --latest --filter label=com.docker.compose.project=\(Self.name) --filter label=com.docker.compose.service=web"
        let running = (try? Run.shell("docker inspect -f '{{.Config.Image}}' $(\(web))").stdout) ?? ""
        return ["deploy", "testbed", "--tag", "web=\(running.contains("app:v1") ? "v2" : "v1")", "--timeout", "90"]
    }

    /// What each test process deployed, taken down when it exits.
    private final class Made: @unchecked Sendable {
        let lock = NSLock()
        var folders: [String] = []
        var mounts: [String] = []
        init() { atexit { FaultBed.made.removeAll() } }
        func add(_ folder: String) { lock.withLock { folders.append(folder) } }
        func addMount(_ folder: String) { lock.withLock { mounts.append(folder) } }
        func removeAll() {
            for folder in lock.withLock({ folders }) {
                _ = try? Run.shell("cd \(folder) 2>/dev/null && docker compose down -v --remove-orphans --timeout 2 >/dev/null 2>&1")
            }
            _ = try? Run.shell("docker ps -aq --filter label=com.docker.compose.project=\(FaultBed.name) | xargs -r docker rm -f >/dev/null 2>&1")
            // The test's own scratch folders are removed after this: the small filesystems go first, and their files.
            for folder in lock.withLock({ mounts }) { _ = try? Run.shell("umount -l \(folder); rm -f \(folder).img") }
        }
    }
    private static let made = Made()
}

struct FaultBedError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
