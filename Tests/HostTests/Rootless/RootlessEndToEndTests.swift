import BerthCore
import Foundation
import Testing

/// A stack deployed for real to a rootless Docker engine (Debian's dockerd-rootless.sh, run by the
/// user berth-rootless, whom Berth logs in as over the test bed's sshd): preflight reads the engine,
/// the socket setting reaches the module that mounts it, and data folders get the mapped owner.
@Suite(.serialized, .tags(.testbed, .rootless), .needsRootless) struct RootlessEndToEndTests {
    struct Bed {
        let user: String, uid: String, home: String, socket: String, registry: String

        init() throws {
            let up = try Run.program(Run.packageRoot + "/scripts/testbed-rootless", ["up"])
            guard up.status == 0 else { throw BerthError.failed("scripts/testbed-rootless up failed: \(up.output)") }
            let text = try String(contentsOfFile: "/var/lib/berth-testbed/rootless.env", encoding: .utf8)
            var values: [String: String] = [:]
            for line in text.split(separator: "\n") where line.contains("=") {
                let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
                values[parts[0]] = parts[1]
            }
            user = values["BERTH_TESTBED_ROOTLESS_USER"] ?? ""
            uid = values["BERTH_TESTBED_ROOTLESS_UID"] ?? ""
            home = values["BERTH_TESTBED_ROOTLESS_HOME"] ?? ""
            socket = values["BERTH_TESTBED_ROOTLESS_SOCKET"] ?? ""
            registry = values["BERTH_TESTBED_ROOTLESS_REGISTRY"] ?? ""
        }

        /// The first container uid maps to this host uid (`/etc/subuid` start + 999 for uid 1000).
        func hostUID(of containerUID: Int) throws -> Int {
            let line = try Run.shell("grep '^\(user):' /etc/subuid | head -n1").stdout.split(separator: ":")
            return (Int(line[1]) ?? 0) + containerUID - 1
        }

        func docker(_ command: String) throws -> Run { try Run.shell("docker -H unix://\(socket) \(command)") }
    }

    func config(_ bed: Bed, root: String, ports: (Int, Int), socket: String?) -> String {
        AppProject.header(name: "berthrootless", project: root) + """
            services:
              caddy: { http_port: \(ports.0), https_port: \(ports.1), bind_address: 127.0.0.1 }
              watchtower: {}
              planka: { subdomain: notes, sso: false }
            environments:
              rootless:
                target: "ssh://\(bed.user)@127.0.0.1:\(Testbed.sshPort)\(root)/services"
                ssh: { known_hosts: "\(Testbed.knownHosts)", identity_file: "\(Testbed.sshKey)" }
                registry_mirror: "\(bed.registry)"
                certificates: internal
                healthcheck_interval: 2s
                resolve: { "*.example.org": "127.0.0.1:\(ports.1)" }
                ca_file: \(root)/data/caddy/data/caddy/pki/authorities/local/root.crt
            \(socket.map { "    docker_socket: \($0)\n" } ?? "")
            """
    }

    @Test func deploysToARootlessEngine() throws {
        let bed = try Bed()
        // The deploy user's own folder: everything in it is theirs, as on a real server.
        let root = bed.home + "/berth-test-\(UUID().uuidString.prefix(8))"
        let project = Scratch.directory("rootless")
        defer {
            _ = try? Run.shell("cd \(root)/services && docker -H unix://\(bed.socket) compose down -v --remove-orphans --timeout 2")
            _ = try? Run.shell("rm -rf \(root)")
        }
        _ = try Run.shell("mkdir -p \(root)/services && chown -R \(bed.user): \(root)")
        let write = { (text: String) in try text.write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8) }
        let berth = { (arguments: [String]) in try Run.berth(arguments, in: project) }

        // As the stack is written for a rootful server: ports 80 and 443, and the usual socket set by hand.
        try write(config(bed, root: root, ports: (80, 443), socket: "/var/run/docker.sock"))
        #expect(try berth(["render", "--env", "rootless", "--out", root + "/services"]).status == 0)
        #expect(try berth(["env", "init", "--env", "rootless", "--dir", root + "/services"]).status == 0)
        _ = try Run.shell("chown -R \(bed.user): \(root)/services")
        let refused = try berth(["deploy", "rootless", "--timeout", "120"])
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains(
                "docker socket: the deploy user's engine listens on \(bed.socket), but the stack mounts /var/run/docker.sock; set environments.rootless.docker_socket: \(bed.socket)"),
            "\(refused.output)")
        let portStart = Int(try String(contentsOfFile: "/proc/sys/net/ipv4/ip_unprivileged_port_start", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 1024
        if portStart > 80 {
            #expect(refused.stderr.contains("ports 80, 443: rootless Docker publishes no port below net.ipv4.ip_unprivileged_port_start=\(portStart) here"), "\(refused.output)")
        }
        #expect(try bed.docker("ps -q --filter label=com.docker.compose.project=berthrootless").stdout.isEmpty)

        // Ports the deploy user may publish, and no socket setting: the deploy takes the target's.
        let proxy = ThroughProxy(httpsPort: try LoopbackPort.free(), httpPort: try LoopbackPort.free(), rootCertificate: root + "/data/caddy/data/caddy/pki/authorities/local/root.crt")
        try write(config(bed, root: root, ports: (proxy.httpPort, proxy.httpsPort), socket: nil))
        let deployed = try berth(["deploy", "rootless", "--timeout", "150"])
        #expect(deployed.status == 0, "\(deployed.output)")
        // Plan asks the target the same way: nothing to change.
        let plan = try berth(["plan", "rootless", "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan.output)")

        // Planka's folder belongs to its uid 1000 as the engine maps it, so Planka writes there.
        let files = root + "/data/planka/data"
        #expect(try Run.shell("stat -c %u \(files)").stdout.trimmingCharacters(in: .whitespacesAndNewlines) == String(try bed.hostUID(of: 1000)))
        let wrote = try bed.docker("exec berthrootless-planka-1 sh -c 'id -u && echo hello > /app/data/note'")
        #expect(wrote.status == 0 && wrote.stdout.hasPrefix("1000"), "\(wrote.output)")
        #expect(try Run.shell("stat -c %u \(files)/note").stdout.trimmingCharacters(in: .whitespacesAndNewlines) == String(try bed.hostUID(of: 1000)))
        // Watchtower's socket proxy mounts the rootless engine's socket.
        let mounts = try bed.docker("inspect -f '{{range .Mounts}}{{.Source}} {{end}}' berthrootless-watchtower-socket-1").stdout
        #expect(mounts.contains(bed.socket), "\(mounts)")
        let page = try proxy.get("https://notes.example.org/")
        #expect(page.status == 200 && page.body.contains("planka stand-in"), "\(page)")
        let check = try berth(["check", "--env", "rootless"])
        #expect(check.status == 0, "\(check.output)")
    }
}
